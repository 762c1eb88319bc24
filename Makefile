# Two commands on a fresh clone: `make run` serves the knowledge base, `make test` runs the suite.
PYTHON_BIN ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test reliability lint format setup-run setup-test migrate corpus index clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON_BIN) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

setup-run: $(VENV)/.runtime
setup-test: $(VENV)/.dev

migrate: setup-run
	$(PY) manage.py migrate --noinput

corpus: migrate
	$(PY) manage.py load_corpus

index: corpus
	$(PY) manage.py search_index rebuild

run: index
	$(PY) manage.py runserver $(HOST):$(PORT)

test: setup-test
	$(PY) -m ruff check .
	$(PY) -m pytest $(PYTEST_ARGS)

# Fault injection and load against a real gunicorn + PostgreSQL (restarts PostgreSQL: not in CI).
reliability: setup-test
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) -m pytest -m reliability -s -p no:cacheprovider tests/reliability $(PYTEST_ARGS)

lint: setup-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: setup-test
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean:
	rm -rf var/ .pytest_cache .ruff_cache
