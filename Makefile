# Jiazhou (嘉州) — the README names these targets.
PY      := .venv/bin/python
PIP     := .venv/bin/pip
HOST    ?= 127.0.0.1
PORT    ?= 8000
PG_URL  ?= postgres://jiazhou:jiazhou@127.0.0.1:5432/jiazhou
# the interpreter the venv is made from (deploy/README.md, "The interpreter": a server runs an
# optimised build, e.g. `make venv PYTHON=/usr/bin/python3.11` on Debian)
PYTHON  ?= python3
# pytest-xdist workers for the suites that do not share a server process (one per core; each
# worker has its own test database). `make test XDIST=` runs them in one process.
XDIST   ?= -n auto

.PHONY: run serve backup restore test venv assets lint typecheck unit pgtest browser timetravel spark bench mutation mutation-changed clean

venv: .venv/.installed
.venv/.installed: pyproject.toml
	$(PYTHON) -m venv .venv
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e ".[dev]"
	touch $@

assets: src/jiazhou_web/static/vendor/.installed
src/jiazhou_web/static/vendor/.installed: package.json package-lock.json scripts/copy-assets.sh
	npm ci --no-audit --no-fund --loglevel=error
	bash scripts/copy-assets.sh
	touch $@

## make run: the platform with the Leshan demo data at http://$(HOST):$(PORT)
run: venv assets
	$(PY) manage.py compilemessages -l zh_Hans -v 0
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py schedule_jobs -v 0 > /dev/null
	@# the background jobs (exports, evaluation runs, schedules) run in qcluster, stopped with the server
	$(PY) manage.py qcluster & QPID=$$!; trap 'kill $$QPID 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

## make serve: the production stack on this machine — DEBUG off, settings from the environment
## (and from $(ENV_FILE) when it exists, see deploy/jiazhou.env.example), PostgreSQL when
## DATABASE_URL is set (else SQLite under var/), messages compiled, static files collected,
## migrations applied, schedules written (schedule_jobs), then gunicorn with deploy/gunicorn.conf.py
## ($(WORKERS) workers) and qcluster (background jobs) beside it, stopped with it.
## Without SECRET_KEY a random one is kept in var/secret_key. Loopback plain HTTP unless
## BEHIND_TLS=true (then HTTPS redirect, HSTS and secure cookies, as in deploy/).
ENV_FILE    ?= .env
WORKERS     ?= 3
BEHIND_TLS  ?= false
serve: venv assets
	@set -a; [ -f $(ENV_FILE) ] && . ./$(ENV_FILE); set +a; \
	mkdir -p var; \
	if [ -z "$$SECRET_KEY" ] && [ -z "$$SECRET_KEY_FILE" ]; then \
	  [ -s var/secret_key ] || (umask 077; $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key); \
	  export SECRET_KEY_FILE=$$PWD/var/secret_key; fi; \
	export DEBUG=false WEB_CONCURRENCY=$${WEB_CONCURRENCY:-$(WORKERS)} JIAZHOU_BIND=$${JIAZHOU_BIND:-$(HOST):$(PORT)}; \
	export SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-$(BEHIND_TLS)} SESSION_COOKIE_SECURE=$${SESSION_COOKIE_SECURE:-$(BEHIND_TLS)} \
	       CSRF_COOKIE_SECURE=$${CSRF_COOKIE_SECURE:-$(BEHIND_TLS)}; \
	$(PY) manage.py compilemessages -l zh_Hans -v 0 && \
	$(PY) manage.py check && \
	$(PY) manage.py collectstatic --no-input -v 0 && \
	$(PY) manage.py migrate --no-input -v 0 && \
	$(PY) manage.py schedule_jobs > /dev/null && \
	{ $(PY) manage.py qcluster & QPID=$$!; trap 'kill $$QPID 2>/dev/null' EXIT INT TERM; \
	  .venv/bin/gunicorn -c deploy/gunicorn.conf.py; }

## make backup / make restore ARCHIVE=…: database (SQLite online backup or pg_dump) + uploads
backup: venv
	$(PY) manage.py backup

restore: venv
	$(PY) manage.py restore $(ARCHIVE)

## make test: linters, types, architecture, migrations, tests on SQLite and PostgreSQL, browser tests,
## and the date-sensitive tests again at frozen dates
test: venv assets lint typecheck unit pgtest browser timetravel

lint:
	.venv/bin/ruff check src tests benchmarks
	.venv/bin/ruff format --check src tests benchmarks
	.venv/bin/lint-imports

typecheck:
	.venv/bin/mypy src

unit:
	$(PY) manage.py compilemessages -l zh_Hans -v 0
	DJANGO_SETTINGS_MODULE=jiazhou_web.config.settings_test $(PY) manage.py makemigrations --check --dry-run
	.venv/bin/pytest -q $(XDIST) -m "not browser and not spark"

## make spark: every qualification scheme on a local Apache Spark session, result for result
## against Polars (tests/schemes/test_spark_equality.py; Java 17 and the spark extra, which this
## installs; docs/adr/0026-spark-scale-out.md)
spark: venv
	@command -v java >/dev/null 2>&1 || [ -x "$$JAVA_HOME/bin/java" ] || \
	  { echo "make spark: no Java (install openjdk-17-jre-headless or set JAVA_HOME)"; exit 1; }
	$(PIP) install -q -e ".[dev,spark]"
	.venv/bin/pytest -q -m spark

# tests/faults: terminated connections, read-only database, concurrent daily runs (PostgreSQL);
# they restart and reconfigure the server, so they run alone, after the web tests
pgtest:
	bash scripts/ensure-postgres.sh
	DATABASE_URL=$(PG_URL) .venv/bin/pytest -q $(XDIST) -m "not browser" src/jiazhou_web
	DATABASE_URL=$(PG_URL) .venv/bin/pytest -q -m "not browser" tests/faults

browser:
	.venv/bin/pytest -q -m browser

## make timetravel: the date-sensitive tests (working calendar, SLA, targets, supervision incl. its
## browser walk-through, pools, monitoring reports) at each frozen instant in TRAVEL_DATES
TRAVEL_DATES ?= 2027-01-04T10:00+08:00 2027-02-10T10:00+08:00 2029-12-31T10:00+08:00 2030-06-30T10:00+08:00
TRAVEL_PATHS ?= tests/worktime tests/targets tests/tasks src/jiazhou_web/supervision src/jiazhou_web/pools \
	src/jiazhou_web/monitoring/tests/test_progress_report.py
TRAVEL_BROWSER ?= src/jiazhou_web/supervision/tests/test_browser_walkthrough.py
timetravel:
	@for now in $(TRAVEL_DATES); do \
	  echo "== JIAZHOU_TEST_NOW=$$now"; \
	  JIAZHOU_TEST_NOW=$$now .venv/bin/pytest -q $(XDIST) -m "not browser" $(TRAVEL_PATHS) || exit 1; \
	  JIAZHOU_TEST_NOW=$$now .venv/bin/pytest -q -m browser $(TRAVEL_BROWSER) || exit 1; \
	done

## make bench: speed and memory benchmarks with same-run baselines
bench: venv
	$(PY) benchmarks/run_all.py

## make mutation: kill rate of each engine module's mutants (cosmic-ray, docs/adr/0023)
mutation: venv
	$(PY) mutation/run.py

## make mutation-changed: the engine modules changed since the merge base with $(BASE), a
## seeded sample of $(SAMPLE) mutants each, within $(BUDGET) seconds (the CI step)
BASE   ?= main
BUDGET ?= 1500
SAMPLE ?= 40
mutation-changed: venv
	$(PY) mutation/run.py --changed-since $(BASE) --budget $(BUDGET) --sample $(SAMPLE)

clean:
	rm -rf .venv node_modules src/jiazhou_web/static/vendor var
