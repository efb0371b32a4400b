# sitrep: `make run` installs into .venv and runs the demo; `make test` runs every test (those
# on the gold data of ../shared or SITREP_SHARED skip without it, except under CI).
SHELL := /bin/bash
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
DB ?= sqlite:///sitrep.db

.PHONY: run serve install install-test browser check-test test fuzz lint bench screenshots train clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] < (3, 13))' 2>/dev/null \
		|| { echo "make: sitrep needs Python 3.11 or 3.12 as $(PYTHON) (or give PYTHON=python3.11)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q -U pip==26.3

# Reinstall when pyproject.toml changes; the stamp files remember what is installed.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install -q -e '.[test]'
	@touch $@

# The dashboard's browser packages (Leaflet, a world outline, Chart.js, Swagger UI) from package-lock.json;
# the app serves them from node_modules, which git ignores. Their files are all it needs: no
# install script runs (swagger-ui-dist's dependency @scarf/scarf would report the install).
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null \
		|| { echo "make: npm (Node 20) installs the dashboard's map packages and is missing (Debian: apt-get install nodejs npm)" >&2; exit 1; }
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

install: $(VENV)/.installed node_modules/.package-lock.json

install-test: $(VENV)/.installed-test node_modules/.package-lock.json

# The browser tests drive Debian's Chromium (never `playwright install`: it downloads a build).
browser:
	@[ -x /usr/bin/chromium ] || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } || [ "$${CI:-}" != "true" ]

run: install
	$(VENV)/bin/sitrep ingest examples/corpus --db $(DB)
	$(VENV)/bin/sitrep articles --db $(DB)
	$(VENV)/bin/sitrep actors --db $(DB) --limit 15
	$(VENV)/bin/sitrep stories --db $(DB)

serve: install
	$(VENV)/bin/sitrep serve --db $(DB)

# Before the long install: what will skip here (no ../shared, no PostgreSQL) and what is missing.
check-test:
	@bash scripts/check-test.sh

test: check-test install-test browser
	bash scripts/services.sh
	$(PY) -m pytest -q

# The long property-based run of `analyze` (not part of `make test`); the figures go to bench/FUZZ.md.
fuzz: install-test
	SITREP_FUZZ_PROFILE=sitrep-fuzz SITREP_FUZZ_RECORD=bench/FUZZ.md $(PY) -m pytest -q -p no:cacheprovider --timeout=0 tests/test_fuzz.py

lint: install-test
	$(VENV)/bin/ruff check src tests bench

# Rebuilds what the package ships in src/sitrep/models/ from ../shared/train; CI never trains.
SHARED ?= $(or $(SITREP_SHARED),../shared)
train: install
	$(PY) -m sitrep.train --data $(SHARED)/train --output src/sitrep/models

bench: install-test
	$(PY) bench/run.py

# The dashboard over the demo corpus, one PNG per view into docs/screenshots/ (shown in the
# README); the views are listed in scripts/screenshots.py.
screenshots: install-test browser
	$(PY) scripts/screenshots.py

clean:
	rm -rf $(VENV) node_modules artifacts sitrep.db sitrep.db-wal sitrep.db-shm .pytest_cache .ruff_cache
