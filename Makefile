# The README's two commands: `make demo` and `make test`. Both create .venv and install the
# project (with its spaCy model, from PyPI) when needed; nothing else must be installed by hand.
# `make notebook` adds Jupyter (the `notebook` extra) and runs notebooks/explore.ipynb.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
NB_STAMP := $(VENV)/.notebook-stamp
OUT    := out

.PHONY: install demo notebook test lint unit bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

# The screenshot needs Chromium (apt-get install chromium, or KG_CHROMIUM=/path/to/chromium);
# without it the build says so on one line, skips the PNG and still succeeds.
demo: install
	$(BIN)/kg build examples/articles --date 2025-12-14 \
		--out $(OUT)/graph.trig --html $(OUT)/graph.html --screenshot $(OUT)/graph.png

$(NB_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install -q -e ".[dev,notebook]"
	@touch $(NB_STAMP)

# Executes the notebook headless into out/explore.ipynb. transport_encryption=auto: the kernel
# and nbconvert talk over CurveZMQ-encrypted sockets (ipykernel warns about plain TCP).
notebook: $(NB_STAMP)
	@mkdir -p $(OUT)
	$(BIN)/jupyter nbconvert --to notebook --execute notebooks/explore.ipynb \
		--output-dir $(OUT) --KernelManager.transport_encryption=auto
	@echo "ran notebooks/explore.ipynb into $(OUT)/explore.ipynb (outputs included)"
	@echo "to explore it interactively: $(BIN)/jupyter notebook notebooks/explore.ipynb"

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
