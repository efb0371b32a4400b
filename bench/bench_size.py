"""One article of 10 kB to ~1.99 MB (just under ``Settings.max_bytes``): analysis time and peak
RSS per size, each size in a fresh process (so each peak is that article's own), the time per
MB, and what doubling the size does to the time (linear: 2.0).

The articles are invented news paragraphs (sentences drawn from templates with actors, places,
times, reports and denials), the same for every size up to its length, analyzed by an
in-process Analyzer with no time budget (the model load is not timed).
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import emit  # noqa: E402

#: Article sizes in bytes (the text is ASCII: one byte a character); the last is just under
#: the 2 MB ``max_bytes``, room left for the header lines.
SIZES = (10_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 1_990_000)
#: Pairs of sizes about 2x apart, for the doubling ratio.
DOUBLINGS = ((50_000, 100_000), (250_000, 500_000), (500_000, 1_000_000), (1_000_000, 1_990_000))
RSS_TARGET_MB = 1024
HEADER = "Title: Fighting spreads in the north\nOutlet: Bench Wire\nDate: 2025-09-15\n\n"

SUBJECTS = (
    "The army",
    "The police",
    "The health ministry",
    "Local officials",
    "The United Nations",
    "Aid workers",
    "The regional governor",
    "President Adama Keita",
    "Colonel Ibrahim Sow",
    "The Red Cross",
    "Russia's Defence Ministry",
    "A military spokesman",
)
PLACES = (
    "Gao",
    "Mopti",
    "Timbuktu",
    "Kidal",
    "Niamey",
    "Maiduguri",
    "Kharkiv",
    "Odesa",
    "Aleppo",
    "Goma",
    "Bunia",
    "Kismayo",
)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SENTENCES = (
    "{who} said on {day} that gunmen had attacked a convoy near {place}.",
    "At least {count} people were killed when shells hit a market in {place} on {day}.",
    "{who} denied the report and called it an attempt to spread fear.",
    "Residents of {place} said the road to {other} had been closed since the fighting began.",
    "Talks on a ceasefire will resume in {place} next week, according to {whom}.",
    "{who} accused the rebels of burning houses in villages outside {place}.",
    "The fighting forced {count} families to flee toward {other}, aid workers said.",
    "The claims could not be independently verified.",
    "Troops arrived in {place} on {day} evening and began searching houses.",
    "{who} called for calm and promised to send food and medicine to {place}.",
    "Witnesses described hearing explosions before dawn near the airport in {place}.",
    "The government has not commented on the reports of arrests in {other}.",
)


def news_text(size: int, seed: int = 7) -> str:
    """Invented news paragraphs of 2-5 sentences, ``size`` characters at most, ending at a
    sentence's end."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    length = 0
    while length < size:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            who = rng.choice(SUBJECTS)
            sentences.append(
                rng.choice(SENTENCES).format(
                    who=who,
                    whom=who[0].lower() + who[1:] if who.startswith("The ") else who,
                    place=rng.choice(PLACES),
                    other=rng.choice(PLACES),
                    day=rng.choice(DAYS),
                    count=rng.randint(2, 90),
                )
            )
        paragraphs.append(" ".join(sentences))
        length += len(paragraphs[-1]) + 1
    text = "\n".join(paragraphs)[:size]
    return text[: text.rfind(".") + 1]


def child(size: int) -> None:
    """Analyzes one article of ``size`` bytes in this process and prints its figures."""
    from sitrep.analyzer import Analyzer
    from sitrep.ingest.text import parse_text
    from sitrep.settings import Settings

    text = HEADER + news_text(size - len(HEADER))
    article = parse_text(text, path=f"size-{size}.txt")
    analyzer = Analyzer(Settings(time_budget=0))
    analyzer.nlp  # noqa: B018 (loaded before the clock starts)
    loaded = _rss_mb()
    start = time.perf_counter()
    report = analyzer.analyze(article)
    seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "bytes": len(text.encode("utf-8")),
                "seconds": seconds,
                "loaded_mb": loaded,
                "peak_mb": _rss_mb(),
                "events": len(report.events),
            }
        )
    )


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    runs = {}
    for size in SIZES:
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(size)],
            capture_output=True,
            text=True,
            check=True,
        )
        runs[size] = run = json.loads(done.stdout.splitlines()[-1])
        megabytes = run["bytes"] / 1e6
        emit(
            f"time {_label(size)}",
            run["seconds"],
            "s",
            f"{run['seconds'] / megabytes:.1f} s/MB; {run['events']} events",
        )
        emit(
            f"peak RSS {_label(size)}",
            run["peak_mb"],
            "MB",
            f"{run['loaded_mb']:.0f} MB after the model load; target <= {RSS_TARGET_MB}",
        )
    for small, large in DOUBLINGS:
        emit(
            f"time {_label(large)} / {_label(small)}",
            runs[large]["seconds"] / runs[small]["seconds"],
            "x",
            f"sizes {runs[large]['bytes'] / runs[small]['bytes']:.2f}x apart; linear: the same",
        )
    # Least squares through every size: the cost of each further MB.
    xs = [runs[size]["bytes"] / 1e6 for size in SIZES]
    ys = [runs[size]["seconds"] for size in SIZES]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )
    emit("slope", slope, "s/MB", "least squares over all sizes")
    emit(
        "largest peak RSS",
        max(run["peak_mb"] for run in runs.values()),
        "MB",
        f"target <= {RSS_TARGET_MB}",
    )


def _label(size: int) -> str:
    return f"{size / 1e6:g} MB" if size >= 1_000_000 else f"{size // 1000} kB"


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(int(sys.argv[2]))
    else:
        main()
