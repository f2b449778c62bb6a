# Two commands do everything on a fresh machine: `make reports` and `make test`.
# Each creates .venv when it is missing and installs the package and what it needs.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
JOBS ?=
PYTEST_ARGS ?=

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

.PHONY: install
install: $(STAMP) ## Create .venv and install datong_lib with its dependencies

.PHONY: reports
reports: $(STAMP) ## Build the HTML briefings into reports/ (incremental; FORCE=1 rebuilds all, PDF=1 prints PDFs)
	$(BIN)/datong build $(if $(JOBS),--jobs $(JOBS)) $(if $(FORCE),--force) $(if $(PDF),--pdf)

.PHONY: test
test: $(STAMP) browser-deps ## Run the whole test suite (notebooks, build, browser)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

.PHONY: test-fast
test-fast: $(STAMP) ## Run the tests that do not execute notebooks or a browser
	$(BIN)/python -m pytest -m "not slow and not browser" $(PYTEST_ARGS)

.PHONY: browser-deps
browser-deps: ## Install headless Chromium and a CJK font for the page tests (Debian/Ubuntu)
	@bash scripts/install_browser_deps.sh

.PHONY: lab
lab: $(STAMP) ## Open the notebooks in JupyterLab with a kernel that imports datong_lib
	$(BIN)/jupyter lab notebooks/

.PHONY: kernel
kernel: $(STAMP) ## Register the .venv as a Jupyter kernel "Python (datong)" for another JupyterLab
	$(BIN)/python -m ipykernel install --user --name datong --display-name "Python (datong)"

.PHONY: bench
bench: $(STAMP) ## Run the benchmark scripts and print their figures
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

.PHONY: strip
strip: $(STAMP) ## Remove outputs from the committed notebooks (keeps cell tags)
	$(BIN)/python scripts/strip_notebooks.py notebooks/*.ipynb

.PHONY: clean
clean: ## Remove generated briefings and caches (keeps .venv)
	rm -rf reports/*.html reports/_build reports/manifest.json .pytest_cache

.PHONY: help
help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-13s %s\n", $$1, $$2}'
