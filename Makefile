# ConflictWatch: `make demo` to try it, `make test` to check it.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
MANAGE := $(BIN)/python manage.py
# The demo runs embedded: SQLite under var/, tasks in-process, DEBUG on.
DEMO_ENV := DEBUG=true DATABASE_URL= CELERY_BROKER_URL=
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/conflictwatch
TEST_REDIS_URL ?= redis://127.0.0.1:6379/15

.PHONY: install demo serve test lint typecheck format eval quality ablate bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

demo: install
	$(DEMO_ENV) $(MANAGE) migrate --noinput -v0
	$(DEMO_ENV) $(MANAGE) load_reference_data
	$(DEMO_ENV) $(MANAGE) ingest_articles sources/data/sample_articles.jsonl
	$(DEMO_ENV) $(MANAGE) demo_editor
	@echo "ConflictWatch is at http://127.0.0.1:$(PORT)/  (editor login: editor / editor)"
	$(DEMO_ENV) $(MANAGE) runserver 127.0.0.1:$(PORT)

test: install
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL= TEST_REDIS_URL=$(TEST_REDIS_URL) \
		$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(MAKE) --no-print-directory typecheck

# mypy with the Django and DRF plugins; they import the settings, so run with the demo's
# environment (no database or broker is contacted). Paths and strictness: [tool.mypy].
typecheck: install
	$(DEMO_ENV) $(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

eval: install
	../shared/tools/eval-extraction
	$(BIN)/python bench/quality.py

# Quality per corpus and per stage; `ablate` also switches off each claim frame in turn.
quality: install
	$(BIN)/python bench/quality.py

ablate: install
	$(BIN)/python bench/quality.py --ablate

bench: install
	$(DEMO_ENV) CONFLICTWATCH_VAR_DIR=$(CURDIR)/var/bench $(BIN)/python bench/extraction.py

clean:
	rm -rf var/ $(VENV)
