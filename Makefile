# One venv, pip only. torch is pinned in pyproject to the CPU wheel (a bare torch pulls CUDA).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup run index serve test lint eval bench clean

$(BIN)/qa: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	@touch $(BIN)/qa

setup: $(BIN)/qa

index: setup
	$(BIN)/qa index data/articles

run: index
	$(BIN)/qa serve

test: setup
	$(BIN)/ruff check qa scripts tests
	$(BIN)/python -m pytest -q

eval: setup
	$(BIN)/python scripts/evaluate_all.py

clean:
	rm -rf index .pytest_cache .ruff_cache
