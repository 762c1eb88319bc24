# Two commands on a fresh clone: `make run` serves the knowledge base, `make test` runs the suite.
# `make bench` measures speed against the peers and writes BENCHMARKS.md (long; not part of `make test`).
PYTHON_BIN ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test reliability pdf-sweep whoosh-sweep lint format setup-run setup-test migrate corpus index clean bench bench-pdf bench-tools bench-smoke

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON_BIN) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

$(VENV)/.bench: $(VENV)/.runtime requirements-bench.txt
	$(PY) -m pip install --quiet -r requirements-bench.txt
	touch $@

setup-run: $(VENV)/.runtime
setup-test: $(VENV)/.dev

migrate: setup-run
	$(PY) manage.py migrate --noinput

# Only when the database has no corpus or the bundled files changed: a restart keeps curators' work.
corpus: migrate
	$(PY) manage.py load_corpus --if-changed

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

# The long sweep of generated PDF layouts (both producers, many hypothesis cases): README, "PDF import".
pdf-sweep: setup-test
	HYPOTHESIS_PROFILE=sweep $(PY) -m pytest -m pdf_sweep -p no:cacheprovider tests/importers/test_pdf_layouts.py $(PYTEST_ARGS)

# The long sweep of the Whoosh evaluator against Whoosh's own searcher (40,000 generated provisions).
whoosh-sweep: setup-test
	HYPOTHESIS_PROFILE=sweep $(PY) -m pytest -m whoosh_sweep -p no:cacheprovider tests/search/test_whoosh_differential.py $(PYTEST_ARGS)

lint: setup-test
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: setup-test
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

BENCH_SCALES ?= 1000,10000,100000
BENCH_REPETITIONS ?= 5
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/osce_kb_bench

# wrk (load generator) and pdftotext (the PDF speed reference) come from Debian.
bench-tools:
	@command -v wrk >/dev/null && command -v pdftotext >/dev/null || \
	  { DEBIAN_FRONTEND=noninteractive apt-get update -qq && apt-get install -y -qq wrk poppler-utils >/dev/null; } || \
	  echo "bench: could not install wrk and poppler-utils; their figures will read 'not measured'"

# The harness itself, end to end at 1,000 provisions and one repetition (a few minutes; not in `make test`).
bench-smoke: $(VENV)/.dev $(VENV)/.bench bench-tools
	$(PY) -m pytest -m bench tests/bench $(PYTEST_ARGS)

bench: $(VENV)/.bench bench-tools
	$(PY) -m bench run --scales $(BENCH_SCALES) --repetitions $(BENCH_REPETITIONS) \
	  --database-url $(BENCH_DATABASE_URL) \
	  --command "make bench BENCH_SCALES=$(BENCH_SCALES) BENCH_REPETITIONS=$(BENCH_REPETITIONS)"

# Only the PDF import's figures, put into bench/results.json and BENCHMARKS.md beside the last full run's.
bench-pdf: $(VENV)/.bench bench-tools
	$(PY) -m bench pdf-run --database-url $(BENCH_DATABASE_URL) --command "make bench-pdf"

clean:
	rm -rf var/ .pytest_cache .ruff_cache
