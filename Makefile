# The README's two commands: `make demo` and `make test`. Both create .venv and install the
# project (with its spaCy model, from PyPI) when needed; nothing else must be installed by hand.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
OUT    := out

.PHONY: install demo test lint unit bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/kg build examples/articles --date 2025-12-14 \
		--out $(OUT)/graph.trig --html $(OUT)/graph.html --screenshot $(OUT)/graph.png

lint: install
	$(BIN)/ruff check kg tests benchmarks
	$(BIN)/mypy kg

unit: install
	$(BIN)/python -m pytest -q -n 2 -m "not slow"

test: lint unit

# The benchmarks, then the slow corpus checks (pytest -m slow) that make test leaves out.
bench: install
	$(BIN)/python benchmarks/run.py
	$(BIN)/python -m pytest -q -m slow

clean:
	rm -rf $(OUT) .mypy_cache .ruff_cache
