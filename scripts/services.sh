#!/usr/bin/env bash
# Starts what the tests need and is not running yet. PostgreSQL is optional on a user's
# machine (its tests skip without it) but required under CI (CI=true), where nothing skips.
set -uo pipefail

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

if command -v pg_isready >/dev/null && ! pg_up && command -v pg_ctlcluster >/dev/null; then
  version=$(ls /etc/postgresql 2>/dev/null | head -n 1)
  [ -n "$version" ] && pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null
  for _ in $(seq 1 20); do pg_up && break; sleep 0.5; done
fi
if [ "${CI:-}" = "true" ] && ! pg_up; then
  echo "services.sh: PostgreSQL is not reachable at 127.0.0.1:5432 and CI needs it" >&2
  exit 1
fi
exit 0
