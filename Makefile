# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench clean-venv

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	rm -f demo.db
	@if $(BIN)/marsad ingest --help >/dev/null 2>&1; then \
		$(BIN)/marsad --db demo.db ingest examples && $(BIN)/marsad --db demo.db events; \
	else \
		$(BIN)/marsad extract examples --table; \
	fi

test: $(STAMP)
	$(BIN)/ruff check src tests tools bench eval
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python bench/run.py

clean-venv:
	rm -rf $(VENV)
