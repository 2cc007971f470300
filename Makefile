# Two commands set up and prove the project on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install run test check lint types layers bench docs translations clean help

help:
	@echo "make install  create .venv and install the advisor with its test extras"
	@echo "make run      open the terminal interface (installs first)"
	@echo "make test     run the checks, then the test suite on every core (installs first)"
	@echo "make check    lint and format check (ruff), types (mypy), layer rules (import-linter)"
	@echo "make bench    print the benchmark table and write bench/results.json"
	@echo "make docs     regenerate docs/cli.md from the commands' --help"
	@echo "make translations  merge new strings into the .po catalogues and compile them"

install: $(VENV)

# Rebuilt when the dependencies change; the final touch keeps `make test` from reinstalling.
$(VENV): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(VENV)

run: $(VENV)
	$(BIN)/advisor

test: check
	$(BIN)/python -m pytest -n auto

check: lint types layers

lint: $(VENV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

types: $(VENV)
	$(BIN)/mypy

layers: $(VENV)
	$(BIN)/lint-imports --no-cache

bench: $(VENV)
	$(BIN)/python -m bench

docs: $(VENV)
	$(BIN)/python -m docs.cli_reference

translations: $(VENV)
	$(BIN)/python -m knowledge.catalogues

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis *.egg-info
