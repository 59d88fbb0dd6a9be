# One venv, pip only. torch is pinned in pyproject to the CPU wheel (a bare torch pulls CUDA).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup run index serve test lint eval bench loadtest clean browser

# --no-compile: pip byte-compiles every module of every package it installs (torch, ray,
# openvino, spaCy ...): an install took 3 min 5 s with it, 1 min 10 s without, on 2 cores;
# compileall on both cores does it in 1 min (its exit status is 1 for the few files of
# packages' own test data written for other Pythons, as pip ignores them too).
$(BIN)/qa: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --no-compile --upgrade pip
	$(BIN)/pip install -q --no-compile -e '.[dev]'
	$(BIN)/python -m compileall -q -j 0 $(VENV)/lib >/dev/null 2>&1 || true
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
