# compare-sources: `make` lists the targets. Everything runs in .venv, created on first use.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
SEEDS := seeds/washington-post.txt seeds/new-york-post.txt
WIDTH ?= 120

.DEFAULT_GOAL := help

# List the targets with their descriptions.
.PHONY: help
help:
	@awk '/^# /{d=substr($$0,3)} /^[a-z][a-z-]*:/{sub(":.*","",$$1); if(d) printf "  make %-8s %s\n", $$1, d; d=""}' $(MAKEFILE_LIST)

$(BIN)/compare-sources: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	@touch $@

$(VENV)/.dev: $(BIN)/compare-sources pyproject.toml
	$(BIN)/python -m pip install -q -e '.[dask]' --group dev
	@touch $@

# Create .venv, install the project and print the comparison of the two seed articles.
.PHONY: report
report: $(BIN)/compare-sources
	$(BIN)/compare-sources $(SEEDS) --width $(WIDTH)

# Install the test tools and run the test suite.
.PHONY: test
test: $(VENV)/.dev
	$(BIN)/python -m pytest

# Settings of `make compare` (see docs/ci.md).
FORMAT ?= markdown
REPORT ?= comparison.$(if $(filter markdown,$(FORMAT)),md,$(FORMAT))
GATE ?= --fail-on differ

# CI step: `make compare A=ours.txt B=wire.txt [C=...]` writes comparison.md, fails if a GATE condition holds.
.PHONY: compare
compare: $(BIN)/compare-sources
	@test -n "$(A)" -a -n "$(B)" || { echo "Error: usage: make compare A=first.txt B=second.txt [C=third.txt]" >&2; exit 2; }
	$(BIN)/compare-sources $(A) $(B) $(C) --format $(FORMAT) --output $(REPORT) $(GATE)

# Lint, format check, type check and the import layers (pyproject.toml [tool.importlinter]).
.PHONY: check
check: $(VENV)/.dev
	$(BIN)/ruff check compare tests dev
	$(BIN)/ruff format --check compare tests dev
	$(BIN)/mypy
	$(BIN)/lint-imports

# Regenerate the golden reports in tests/golden/ (review the diff before committing).
.PHONY: golden
golden: $(VENV)/.dev
	$(BIN)/python -m dev.golden_update

# Measure accuracy with the shared scorers on the development data (ECB+, MRPC, DUC).
.PHONY: eval
eval: $(VENV)/.dev
	$(BIN)/python -m dev.evaluate --shared $(SHARED)

# Refit the matcher's models on the development data and write compare/weights/*.json.
.PHONY: train
train: $(VENV)/.dev
	$(BIN)/python -m dev.train --shared $(SHARED)

# Measure the verdicts: one-fact edits flagged, rewordings agreeing, false differ on DUC summaries (minutes).
.PHONY: differences
differences: $(VENV)/.dev
	$(BIN)/python -m dev.measure_differences edits --shared $(SHARED)
	$(BIN)/python -m dev.measure_differences rewordings --shared $(SHARED)
	$(BIN)/python -m dev.measure_differences duc --shared $(SHARED)

# Time compare-sources against the naive matcher on long ECB+ documents; prints one table (takes minutes).
.PHONY: bench
bench: $(BIN)/compare-sources
	$(BIN)/python -m dev.bench.run --shared $(SHARED)
