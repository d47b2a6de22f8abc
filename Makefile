# Every task of the portal; `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run test test-postgres lint format demo

help: ## List the tasks
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

demo: $(STAMP) ## Migrate and load the demo content (safe to run again)
	DEBUG=1 $(MANAGE) migrate --noinput
	DEBUG=1 $(MANAGE) load_demo

run: demo ## Run the portal with demo content at http://127.0.0.1:8000/
	DEBUG=1 $(MANAGE) runserver $(HOST):$(PORT)

test: $(STAMP) ## Run the whole test suite (browser tests need Debian's chromium)
	$(BIN)/pytest

test-postgres: $(STAMP) ## Run the suite on local PostgreSQL and Redis
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal REDIS_URL=redis://127.0.0.1:6379/1 $(BIN)/pytest

lint: $(STAMP) ## Check style with ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP) ## Rewrite the code in ruff's style
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
