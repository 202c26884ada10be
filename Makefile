# veileder-kb: one target per intent. `make site` and `make test` work on a fresh machine.
SHELL := /bin/bash
VENV := .venv
BUILD_FLAGS ?=
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
export NO_MKDOCS_2_WARNING := 1

.PHONY: site bibliotek serve check test test-fast test-deps lint fmt bench update-goldens lock clean

## site: create .venv, install, build the site into site/ (extra options: BUILD_FLAGS="--strict")
site: $(VENV)/.installed
	$(BIN)/kb-build build $(BUILD_FLAGS)
	@echo "Forhåndsvisning som oppdateres når du lagrer en fil: make serve"

## bibliotek: build the example library (our guideline and examples/utskrivning on one site) into examples/bibliotek/site/
bibliotek: $(VENV)/.installed
	$(BIN)/kb-build --root examples/bibliotek bibliotek build $(BUILD_FLAGS)

## serve: live preview that rebuilds when YAML or Markdown changes
serve: $(VENV)/.installed
	$(BIN)/kb-build serve

## check: validate every source strictly, writing nothing
check: $(VENV)/.installed
	$(BIN)/kb-build check --strict

$(VENV)/bin/python:
	python3 -m venv $(VENV)

$(VENV)/.installed: pyproject.toml requirements-lock.txt | $(VENV)/bin/python
	$(PIP) install -c requirements-lock.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -c requirements-lock.txt -e '.[test]'
	touch $@

## test-deps: test extras, Debian's Chromium when missing, axe-core and vnu from npm
test-deps: $(VENV)/.installed-test
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
	@[ -d node_modules/axe-core ] || npm ci --no-audit --no-fund --loglevel=error

## test: the whole suite (browser tests included)
test: test-deps
	$(BIN)/python -m pytest

## test-fast: everything but the browser and HTML-validator tests; seconds, no Chromium or Java needed
test-fast: $(VENV)/.installed-test
	$(BIN)/python -m pytest -m "not browser and not validator"

## lint: ruff and mypy, as CI runs them
lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

## fmt: format and auto-fix
fmt: $(VENV)/.installed-test
	$(BIN)/ruff format src tests bench
	$(BIN)/ruff check --fix src tests bench

## bench: build synthetic guidelines with kb-build and plain mkdocs-material, and check hostile files
## at the size limit; writes bench/results.md and bench/worst-case.md
bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py
	$(BIN)/python bench/worst_case.py

## update-goldens: regenerate golden files after an intended rendering change; review the diff
update-goldens: $(VENV)/.installed-test
	$(BIN)/python -m pytest tests/test_goldens.py --update-goldens -q

## lock: refresh requirements-lock.txt from a clean install
lock:
	rm -rf /tmp/kb-lock && python3 -m venv /tmp/kb-lock
	/tmp/kb-lock/bin/pip install -q '.[test]'
	(echo "# Exact versions for reproducible builds and CI. Regenerate with: make lock"; \
	 /tmp/kb-lock/bin/pip freeze --exclude-editable | grep -v '^veileder-kb') > requirements-lock.txt

clean:
	rm -rf site .site-* examples/bibliotek/site examples/bibliotek/.site-* .kb-cache build *.egg-info .pytest_cache .mypy_cache .ruff_cache
