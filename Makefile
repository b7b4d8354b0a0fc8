# claimgraph: every install step lives here and in pyproject.toml.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= claimgraph.db

.PHONY: install dev demo test lint typecheck clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed

dev: $(VENV)/.installed-dev

## make demo: ingest the bundled sample corpus into ./claimgraph.db and show what it holds.
demo: install
	$(BIN)/claimgraph --db $(DB) ingest samples/
	$(BIN)/claimgraph --db $(DB) claims --about "North Korean troops"
	$(BIN)/claimgraph --db $(DB) stats

## make test: lint, type-check and the whole suite, model and subprocess tests included.
test: dev
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: dev
	$(BIN)/ruff check src tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
