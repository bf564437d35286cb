# Two commands set everything up on a fresh machine: `make demo` and `make test`.
# The interpreter of the venv: the distribution's own (/usr/bin/python3) when it is 3.11 or newer and
# can make a venv, else the first python3 on PATH. Debian builds its CPython with profile-guided
# optimisation and LTO, into the executable; a pyenv build is neither by default, and ran marsad's
# extract 15-20% slower on the same machine (docs/benchmarks.md). `make PYTHON=...` overrides it.
PYTHON ?= $(shell for p in /usr/bin/python3 python3; do \
	$$p -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
PORT   ?= 8000
SERVE  ?= 1
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench clean-venv eval-real

# Only the build's inputs: the package is installed editable, so an edited .py file counts at once.
$(STAMP): pyproject.toml setup.py src/marsad/_speedups.c
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	find src -name '*.so' ! -name '_speedups.*' -delete  # older builds' compiled modules would shadow their .py
	$(BIN)/python -m pip install -q -e '.[dev,web]'
	$(BIN)/python -m compileall -q src  # bytecode even where PYTHONDONTWRITEBYTECODE is set: ~50 ms a start
	touch $(STAMP)

demo: $(STAMP)
	rm -f demo.db
	@if $(BIN)/marsad ingest --help >/dev/null 2>&1; then \
		$(BIN)/marsad --db demo.db ingest examples && $(BIN)/marsad --db demo.db events; \
	else \
		$(BIN)/marsad extract examples --table; \
	fi
	@if [ "$(SERVE)" = 0 ] || [ -n "$$CI" ]; then \
		echo "web interface: $(BIN)/marsad --db demo.db serve --port $(PORT), then http://127.0.0.1:$(PORT)/ (not started: SERVE=0 or CI)"; \
	else \
		echo "web interface: http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"; \
		$(BIN)/marsad --db demo.db serve --port $(PORT); \
	fi

test: $(STAMP)
	bash tools/install_browser.sh || echo "no chromium: browser tests will be skipped"
	$(BIN)/ruff check src tests tools bench eval
	$(BIN)/mypy src
	$(BIN)/pytest

# The real development sets (eval/real/ and the later eval/real/set*/): texts rebuilt from the cache when missing, then scored.
eval-real: $(STAMP)
	$(BIN)/python tools/real_pages.py restore >/dev/null
	$(BIN)/python eval/real.py --all

bench: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python bench/run.py

clean-venv:
	rm -rf $(VENV)

# The long fuzz run (tests/fuzz, docs/reliability.md "Fuzzing"): `make fuzz FUZZ_INPUTS=1000` for a short one.
FUZZ_INPUTS ?= 100000
.PHONY: fuzz
fuzz: $(STAMP)
	$(BIN)/python -m tests.fuzz --inputs $(FUZZ_INPUTS)
