# Two set-up-free entry points: `make demo` and `make test`.
# Each creates .venv on first use and reinstalls when pyproject.toml changes.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest docs docs-serve bench bench-large fuzz mutation clean venv

venv: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "channelvalue needs Python >= 3.11; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,docs,all]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/channelvalue demo

test: lint typecheck pytest docs

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy --strict src/channelvalue

pytest: $(STAMP)
	$(BIN)/python -m pytest --cov --cov-report=term --cov-fail-under=95

docs: $(STAMP)
	$(BIN)/mkdocs build --strict --quiet --site-dir site

# The docs on http://127.0.0.1:8000 with live reload (the built site/ also opens from disk).
docs-serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

bench-large: $(STAMP)
	$(BIN)/python benchmarks/run.py --large

# The long fuzz campaign (tests/fuzz, >= 100,000 inputs): loaders, from_networkx, the
# writers under injected faults and the command line (no raw control byte on its output).
# Prints the inputs tried per target and the escapes, which must be 0.
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest tests/fuzz -p no:cacheprovider

# Mutation testing of mapping, building and aligning with mutmut (see [tool.mutmut] in
# pyproject.toml); prints the score per package and the survivors. All ~9,000 mutants
# take hours on two cores: SAMPLE=2000 tests a seeded uniform random sample instead
# (SEED=0 by default), or narrow a run with e.g. MUTANTS='channelvalue.mapping.coverage.*'
MUTANTS ?=
SAMPLE ?=
SEED ?= 0
mutation: $(STAMP)
	@if [ -n "$(SAMPLE)" ]; then \
	  names=$$($(BIN)/python scripts/mutation_sample.py $(SAMPLE) $(SEED)) || exit 1; \
	  $(BIN)/mutmut run --max-children 2 $$names || exit 1; \
	  $(BIN)/python scripts/mutation_score.py $$names; \
	else \
	  $(BIN)/mutmut run --max-children 2 $(MUTANTS) || exit 1; \
	  $(BIN)/python scripts/mutation_score.py $(MUTANTS); \
	fi

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache .hypothesis .coverage mutants
