#!/usr/bin/env bash
# Runs before `make test` installs anything: says what the tests will skip on this machine and
# stops at once for what they cannot do without. Under CI (CI=true) nothing may skip.
set -uo pipefail

ci=$([ "${CI:-}" = "true" ] && echo 1 || echo 0)
shared=${SITREP_SHARED:-../shared}
status=0

if [ -d "$shared/eval" ] && [ -d "$shared/samples" ]; then
  echo "check-test: gold data from $shared"
elif [ "$ci" = 1 ]; then
  echo "check-test: CI needs the gold data of shared/, not found at $shared: put shared/ beside the checkout or set SITREP_SHARED" >&2
  status=1
else
  echo "check-test: no shared/ at $shared: the tests on gold data (the evaluation gates in tests/evaluate/test_gate_*.py, the tests on the shared sample) will be skipped. Put shared/ beside the checkout or set SITREP_SHARED to run them."
fi

java_major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
if [ -z "$java_major" ] || [ "$java_major" -lt 17 ]; then
  echo "check-test: the Spark tests (tests/batch) need Java 17 or later, found ${java_major:-none}: install it (Debian: apt-get install openjdk-17-jre-headless)" >&2
  status=1
fi

if ! command -v pg_isready >/dev/null; then
  [ "$ci" = 1 ] && { echo "check-test: CI needs PostgreSQL (its tests run against SQLite and PostgreSQL)" >&2; status=1; } \
    || echo "check-test: PostgreSQL is not installed: the storage tests run on SQLite only and skip their PostgreSQL half."
fi
exit $status
