# sitrep: `make run` installs into .venv and runs the demo; `make test` runs every test.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
DB ?= sqlite:///sitrep.db

.PHONY: run install install-test test lint bench clean

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install -q -U pip==26.3

# Reinstall when pyproject.toml changes; the stamp files remember what is installed.
$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install -q -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install -q -e '.[test]'
	@touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(VENV)/bin/sitrep ingest examples/corpus --db $(DB)
	$(VENV)/bin/sitrep articles --db $(DB)
	$(VENV)/bin/sitrep actors --db $(DB) --limit 15

test: install-test
	bash scripts/services.sh
	$(PY) -m pytest -q

lint: install-test
	$(VENV)/bin/ruff check src tests bench

bench: install-test
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) sitrep.db sitrep.db-wal sitrep.db-shm .pytest_cache .ruff_cache
