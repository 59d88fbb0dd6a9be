# One venv, pip only. torch is pinned in pyproject to the CPU wheel (a bare torch pulls CUDA).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup run index serve test lint eval bench loadtest clean browser

# Python writes each module's byte code on its first import, so later processes only read
# it. These machines set PYTHONDONTWRITEBYTECODE=1: then every process (each `qa` command,
# each server worker, each test's subprocess) compiled every module it imported from source
# again, torch's and spaCy's included. Make's commands run without it.
unexport PYTHONDONTWRITEBYTECODE

# --no-compile: pip byte-compiles every module of every package it installs (torch, ray,
# openvino, spaCy ...): an install took 3 min 5 s with it, 1 min 10 s without, on 2 cores.
# The test run imports about a quarter of the venv's 25,000 modules (6,207): those are
# compiled on first import and written, as above (docs/ci.md).
$(BIN)/qa: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --no-compile --upgrade pip
	$(BIN)/pip install -q --no-compile -e '.[dev]'
	@touch $(BIN)/qa

setup: $(BIN)/qa

index: setup
	$(BIN)/qa index data/articles

run: index
	$(BIN)/qa serve

# The browser test drives Debian's chromium; without root or apt it skips with a reason.
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
	  echo "chromium could not be installed: the browser test will be skipped"

test: setup browser
	$(BIN)/ruff check qa scripts tests
	$(BIN)/python -m pytest -q -n 2 --dist loadfile --no-loadscope-reorder

eval: setup
	$(BIN)/python scripts/evaluate_all.py

bench: setup
	$(BIN)/python scripts/bench.py

loadtest: setup
	$(BIN)/python scripts/loadtest.py

clean:
	rm -rf index .pytest_cache .ruff_cache
