# agent-evals: `make run` (install, load the bundled samples, build, report)
# and `make test` (install, every check). Both work on a machine with only
# Python 3.11: the first call creates .venv with the pinned dependencies.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= $(or $(AGENT_EVALS_DB),warehouse.duckdb)
CI_DB := $(shell mktemp -u /tmp/agent-evals-ci-XXXXXX).duckdb

.PHONY: install run test lint pytest dbt-test docs bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip --version >/dev/null 2>&1 || $(BIN)/python -m ensurepip
	$(BIN)/python -m pip install --quiet --upgrade uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[dev]'
	touch $(STAMP)

run: install
	AGENT_EVALS_DB=$(DB) $(BIN)/agent-evals load data/samples
	AGENT_EVALS_DB=$(DB) $(BIN)/dbt build --quiet --target dev
	AGENT_EVALS_DB=$(DB) $(BIN)/agent-evals summary
	AGENT_EVALS_DB=$(DB) $(BIN)/agent-evals report --out reports

test: install lint pytest dbt-test

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/sqlfluff lint models tests/singular

pytest: install
	$(BIN)/python -m pytest

dbt-test: install
	AGENT_EVALS_DB=$(CI_DB) $(BIN)/agent-evals load --quiet data/samples
	AGENT_EVALS_DB=$(CI_DB) $(BIN)/agent-evals check
	AGENT_EVALS_CI_DB=$(CI_DB) $(BIN)/dbt build --target ci
	rm -f $(CI_DB) $(CI_DB).wal

docs: install
	$(BIN)/dbt docs generate --static

clean:
	rm -rf target logs reports
