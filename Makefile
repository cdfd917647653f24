# eightk: `make demo` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DB     ?= eightk.db
PYTEST_ARGS ?=

.PHONY: install demo test bench lint schema clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml setup.py $(wildcard src/eightk/*/*.pyx) | $(BIN)/python
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

demo: install
	@bash scripts/demo.sh

# pytest exits 5 when it collected no test: that is a failure here, never a silent green.
test: install
	@$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; exit $$rc

bench: install
	$(BIN)/python bench/run.py

# ruff on everything, mypy on src/ (its settings: [tool.mypy] in pyproject.toml)
lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

# the committed copy of the output contract (tests/test_contract.py checks it is current)
schema: install
	@mkdir -p schema
	$(BIN)/eightk schema -o schema/filing.v$$($(BIN)/python -c 'from eightk.model import SCHEMA_VERSION; print(SCHEMA_VERSION)').json

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache $(DB)
