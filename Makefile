# Two commands do everything on a fresh machine with Python 3.11:
#   make demo   — the whole job, offline, against a bundled mirror of the sources
#   make test   — the test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install test demo run bench lint serve clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest

demo: $(STAMP)
	$(BIN)/vigil demo

run: $(STAMP)
	$(BIN)/vigil init
	$(BIN)/vigil run

serve: $(STAMP)
	$(BIN)/vigil serve

# Plain-Python benchmarks (no extra packages), ~45 minutes; as root for the peer crawler.
# Writes bench/results/latest.md and latest.json; see bench/README.md.
bench: $(STAMP)
	$(BIN)/python bench/run_all.py

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) var .pytest_cache
