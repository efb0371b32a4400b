"""The gazetteer index: first-use build time, load time from the cache, memory it adds, lookups/s.

The build runs in a fresh temporary cache folder (what a new install pays once); load time and
added RSS are measured in a separate fresh process against the built index, so nothing the
build left in memory counts (issue budget: <= 2 s and <= 300 MB).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import emit  # noqa: E402

# Names an article mentions, for the lookup rate: countries, cities, divisions, features, misses.
NAMES = (
    "Syria",
    "Deir al-Zor",
    "Raqqa",
    "Idlib",
    "Aleppo",
    "Tripoli",
    "Moscow",
    "Washington",
    "Springfield",
    "Ohio",
    "Laurel County",
    "Euphrates",
    "Sinai",
    "Gaza Strip",
    "Kukawa",
    "Beledweyne",
    "Muscat",
    "Not A Place",
    "Police",
    "Bamako",
)

_LOAD = """
import json, resource, sys, time
from pathlib import Path
def rss_mb():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
import sitrep.geo.index as index
before = rss_mb()
start = time.perf_counter()
gazetteer = index.SqliteGazetteer(index.index_path())
for name in sys.argv[1:]:
    gazetteer.lookup(name)
load = time.perf_counter() - start
after = rss_mb()
start = time.perf_counter()
rounds = 200
for i in range(rounds):
    for name in sys.argv[1:]:
        gazetteer._query(name.lower() + str(i % 7))
rate = rounds * len(sys.argv[1:]) / (time.perf_counter() - start)
print(json.dumps({"load_s": load, "rss_added_mb": after - before, "lookups_per_s": rate}))
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, SITREP_CACHE=folder)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", "import sitrep.geo.index as i; i.index_path()"],
            env=env,
            check=True,
        )
        build = time.perf_counter() - start
        size = sum(p.stat().st_size for p in Path(folder).glob("gazetteer-*.sqlite")) / 1e6
        done = subprocess.run(
            [sys.executable, "-c", _LOAD, *NAMES],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
    result = json.loads(done.stdout)
    emit("index build on first use", build, "s", f"into an empty cache; index file {size:.0f} MB")
    emit(
        "index load from cache",
        result["load_s"],
        "s",
        f"open + first lookup of {len(NAMES)} names (budget 2 s)",
    )
    emit(
        "RSS added by the index",
        result["rss_added_mb"],
        "MB",
        "after loading and first lookups (budget 300 MB)",
    )
    emit(
        "uncached name lookups",
        result["lookups_per_s"],
        "lookups/s",
        "SQLite, keys not seen before",
    )


if __name__ == "__main__":
    main()
