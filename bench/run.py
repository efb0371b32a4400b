"""Runs every bench/bench_*.py in a fresh process and writes bench/RESULTS.md; given script
names (`python bench/run.py bench_web`), runs those and keeps the other sections as they were."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    only = set(sys.argv[1:])
    sections = []
    for script in sorted(HERE.glob("bench_*.py")):
        if only and script.stem not in only:
            continue
        print(f"running {script.name} ...", file=sys.stderr, flush=True)
        started, load = datetime.now(UTC), os.getloadavg()[0]
        done = subprocess.run(
            [sys.executable, str(script)], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            sys.stderr.write(done.stderr)
            raise SystemExit(f"{script.name} failed with exit status {done.returncode}")
        rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
        # Timings mean little on a busy machine: the load around each run is written down.
        when = (
            f"Run {started:%Y-%m-%d %H:%M}-{datetime.now(UTC):%H:%M} UTC; load average (1 min) "
            f"{load:.1f} before, {os.getloadavg()[0]:.1f} after."
        )
        sections.append((script.name, when, rows))
    write_results(sections)


def write_results(sections: list[tuple[str, str, list[dict]]]) -> None:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    kept = _sections_kept({name for name, _, _ in sections})
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (or `python bench/run.py SCRIPT...`, which rewrites only the "
        f"sections of those scripts) on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.",
        f"Machine: {os.cpu_count()} cores ({cpu}), {_memory_gb():.0f} GB RAM, Python {platform.python_version()}, {platform.system()} {platform.release()}.",
        "",
    ]
    for name, when, rows in sections:
        lines += [
            f"## {name}",
            "",
            when,
            "",
            "| measurement | value | unit | note |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {r['name']} | {r['value']} | {r['unit']} | {r.get('note', '')} |" for r in rows
        ]
        lines.append("")
    lines += kept
    (HERE / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


def _sections_kept(rerun: set[str]) -> list[str]:
    """The lines of the sections of RESULTS.md whose scripts are not in ``rerun``."""
    path = HERE / "RESULTS.md"
    if not path.exists():
        return []
    kept, keep = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            keep = line[3:].strip() not in rerun
        if keep:
            kept.append(line)
    return kept


def _memory_gb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return 0.0


if __name__ == "__main__":
    main()
