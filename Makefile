# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make figures   create .venv, install pinned deps, re-run every notebook, write figures/ and the report
#   make test      create .venv, install pinned deps, run unit/data tests and nbval on the notebooks
PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# The Jupyter kernel every notebook names (analysis.report.notebooks.KERNEL_DISPLAY_NAME): re-installed
# whenever this Makefile changes, so JupyterLab shows the name the notebooks store.
KERNEL := $(VENV)/share/jupyter/kernels/python3/kernel.json
ENV    := $(STAMP) $(KERNEL)
SOURCES ?= ../shared/sources
UNDL ?=
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))

.PHONY: all env figures notebooks report test unit lint data validate lab bench clean

all: figures

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==26.3
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(KERNEL): $(STAMP) Makefile
	$(PY) -m ipykernel install --prefix $(VENV) --name python3 --display-name "Python 3" >/dev/null

env: $(ENV)

## Re-execute every notebook in place (outputs stored), which also writes figures/; then the report.
figures: notebooks report

notebooks: $(ENV)
	$(VENV)/bin/cybercrime run-notebooks $(NOTEBOOKS)

## Static HTML report in report/: the notebooks as stored + profiles of JPN, CAN, SRB (after `notebooks` when both run).
report: $(ENV) $(if $(filter notebooks figures,$(MAKECMDGOALS)),notebooks)
	$(VENV)/bin/cybercrime report --out report

test: $(ENV)
	$(VENV)/bin/ruff check .
	$(PY) -m pytest tests notebooks --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider

unit: $(ENV)
	$(PY) -m pytest tests -q -m "not slow and not browser"

lint: $(ENV)
	$(VENV)/bin/ruff check .

## Rebuild data/ from the raw sources (SOURCES=DIR), then validate. UNDL=FILE folds in a UN Digital Library
## voting CSV: checked against the DGACM votes where they overlap (the build stops on a disagreement), added after.
data: $(ENV)
	$(VENV)/bin/cybercrime build --sources $(SOURCES)$(if $(UNDL), --undl $(UNDL))
	$(VENV)/bin/cybercrime validate

validate: $(ENV)
	$(VENV)/bin/cybercrime validate

lab: $(ENV)
	$(VENV)/bin/jupyter lab notebooks/

bench: $(ENV)
	$(PY) benchmarks/bench_agreement.py

clean:
	rm -rf $(VENV) report .pytest_cache
