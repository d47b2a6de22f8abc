# Every task of the portal; `make help` lists them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The public address `make run` writes into the site: its own host and port.
SITE_URL ?= http://$(HOST):$(PORT)
ARTICLES ?= 1000
ZONES ?= 100
BENCH_ARGS ?=
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal_bench
BENCH_SEARCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal_search_bench
SOAK_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal_soak
SOAK_SECONDS ?= 600
SOAK_ARGS ?=
BACKUP ?=
CONFIRM ?=
# Operator tasks use the environment's settings when SECRET_KEY is set (production), and
# the local development defaults of `make run` otherwise.
OPS_ENV := $(if $(SECRET_KEY),,DEBUG=1)

.DEFAULT_GOAL := help
.PHONY: help vnu lighthouse run test test-postgres lint format translations demo fake-content \
	bench bench-large bench-hits bench-search bench-invalidation \
	wrk-installed backup restore soak

help: ## List the tasks
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

# The Nu HTML Checker for tests/test_html_validity.py, from npm into a git-ignored folder.
VNU_VERSION := 26.9.27
VNU := .tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar

$(VNU):
	npm install --silent --no-audit --no-fund --ignore-scripts --prefix .tools/vnu vnu-jar@$(VNU_VERSION)

LIGHTHOUSE := .tools/lighthouse/node_modules/.bin/lighthouse

$(LIGHTHOUSE):
	npm install --silent --no-audit --no-fund --ignore-scripts --prefix .tools/lighthouse lighthouse@12

lighthouse: $(STAMP) $(LIGHTHOUSE) ## Lighthouse scores of /, an article and /zones/ (phone, desktop) on the demo
	$(BIN)/python -m bench.lighthouse

vnu: $(VNU) ## Install the Nu HTML Checker (vnu.jar) for the HTML validity test

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

translations: $(STAMP) ## Compile the portal's translations (locale/*.po) into .mo files
	DEBUG=1 $(MANAGE) compile_translations

demo: translations ## Migrate and load the demo content (safe to run again)
	DEBUG=1 SITE_URL=$(SITE_URL) $(MANAGE) migrate --noinput
	DEBUG=1 SITE_URL=$(SITE_URL) $(MANAGE) load_demo --address $(HOST):$(PORT)

fake-content: demo ## Add realistic fake articles and zones to the local database (ARTICLES=… ZONES=…)
	DEBUG=1 SITE_URL=$(SITE_URL) $(MANAGE) make_fake_content --articles $(ARTICLES) --zones $(ZONES)

run: demo ## Run the portal with demo content at http://HOST:PORT/ (127.0.0.1:8000)
	@echo "Scheduled publishing (定时发布, 到期下线) runs every minute beside the server, the link and content checks (check_links, check_content) every hour."
	DEBUG=1 SITE_URL=$(SITE_URL) sh -c 'while sleep 60; do $(MANAGE) publish_scheduled >/dev/null || true; done & publisher=$$!; \
	  while sleep 3600; do $(MANAGE) check_links >/dev/null; $(MANAGE) check_content >/dev/null || true; done & checker=$$!; \
	  trap "kill $$publisher $$checker 2>/dev/null" EXIT INT TERM; $(MANAGE) runserver $(HOST):$(PORT)'

test: translations $(VNU) ## Run the whole test suite (browser tests need Debian's chromium)
	$(BIN)/pytest

test-postgres: translations $(VNU) ## Run the suite on local PostgreSQL and Redis
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal REDIS_URL=redis://127.0.0.1:6379/1 $(BIN)/pytest

lint: $(STAMP) ## Check style with ruff, and the layers with import-linter
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(STAMP) ## Rewrite the code in ruff's style
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP) wrk-installed ## Measure pages with wrk under gunicorn, as a share of the floor (BENCH_ARGS=…)
	$(BIN)/python -m bench.run $(BENCH_ARGS)

bench-large: $(STAMP) wrk-installed ## The same with 100,000 articles and 2,600 zones on PostgreSQL
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python -m bench.run --articles 100000 --zones 2600 $(BENCH_ARGS)

bench-hits: $(STAMP) wrk-installed ## 点击量 endpoint throughput, every hit a new reader (BENCH_ARGS="--tree LABEL=PATH …")
	$(BIN)/python -m bench.hits $(BENCH_ARGS)

bench-invalidation: $(STAMP) ## Share of cached articles still cached after one publish (BENCH_ARGS=…)
	$(BIN)/python -m bench.invalidation $(BENCH_ARGS)

bench-search: $(STAMP) ## Search latency on PostgreSQL, 10,000 articles unless BENCH_ARGS="--articles N …"
	BENCH_DATABASE_URL=$(BENCH_SEARCH_DATABASE_URL) $(BIN)/python -m bench.search $(BENCH_ARGS)

backup: $(STAMP) ## Back up the database and media files into BACKUP_DIR (default backups/)
	$(OPS_ENV) $(MANAGE) backup

restore: $(STAMP) ## Restore BACKUP=backups/portal-… (CONFIRM=yes to replace a site that holds data)
	@test -n "$(BACKUP)" || { echo "usage: make restore BACKUP=backups/portal-<time> [CONFIRM=yes]"; exit 2; }
	$(OPS_ENV) $(MANAGE) restore "$(BACKUP)" $(if $(filter yes,$(CONFIRM)),--replace)

soak: $(STAMP) ## Mixed traffic and publishing under gunicorn on PostgreSQL (SOAK_SECONDS=600)
	SOAK_DATABASE_URL=$(SOAK_DATABASE_URL) $(BIN)/python -m bench.soak --seconds $(SOAK_SECONDS) $(SOAK_ARGS)

wrk-installed:
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get install -y -qq wrk || { apt-get update -qq && apt-get install -y -qq wrk; }; \
	  else echo "make bench needs wrk (Debian package): sudo apt-get install wrk"; exit 1; fi; }
