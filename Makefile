# Two commands for a newcomer: `make run` (set up + demo on SQLite) and `make test` (everything CI runs).
SHELL := /bin/bash
# Python may write bytecode here even where the environment forbids it (PYTHONDONTWRITEBYTECODE): every
# test process, xdist worker and manage.py subprocess would otherwise compile the project from source
# (about 4 s of CPU each) and pytest would rewrite every test module anew. __pycache__ is ignored by git.
unexport PYTHONDONTWRITEBYTECODE
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Checked with mypy (django-stubs): all application code, migrations excluded (pyproject.toml [tool.mypy]).
TYPED := accounts encryption audit casework config ops

.PHONY: run test test-full setup venv node migrate lint openapi check-deploy check-migrations test-sqlite test-postgres test-browser messages fonts clean

run: setup
	$(PY) manage.py migrate --database default --noinput
	$(PY) manage.py migrate --database audit --noinput
	$(PY) manage.py migrate --database keys --noinput
	$(PY) manage.py seed_demo
	@echo "Serving on http://$(HOST):$(PORT)/ - the one-time code of a demo user: $(PY) manage.py totp USERNAME"
	$(PY) manage.py runserver $(HOST):$(PORT)

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
	  { echo "Python 3.11 or newer is needed; '$(PYTHON)' is $$($(PYTHON) --version 2>&1). Set PYTHON=/path/to/python3.11."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# lint-imports: the import contracts of pyproject.toml; spectral: the published OpenAPI document
# against the Logius API Design Rules ruleset (vendored in .ci/, docs/adr/0010-api-rules.md).
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	node_modules/.bin/spectral lint --ruleset .ci/logius-api-design-rules.yaml --fail-severity error casework/api/openapi/openapi.json
	DJANGO_ENV=test $(VENV)/bin/mypy $(TYPED)

# The published OpenAPI document (casework/api/openapi/openapi.{json,yaml}), generated from the code;
# tests/casework/api/test_openapi.py fails when it is out of date.
openapi: setup
	$(PY) manage.py openapi_export

# Production settings with throwaway keys generated for this check only.
check-deploy: setup
	DJANGO_ENV=production DEBUG=false ALLOWED_HOSTS=zorgveilig.gemeente.example \
	DATA_DIR=$$(mktemp -d) \
	SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(64))') \
	FIELD_ENCRYPTION_KEYS=check:$$($(PY) -c 'import base64,os; print(base64.b64encode(os.urandom(32)).decode())') \
	BLIND_INDEX_KEY=$$($(PY) -c 'import base64,os; print(base64.b64encode(os.urandom(32)).decode())') \
	AUDIT_SIGNING_KEY=$$($(PY) -c 'import base64,os; print(base64.b64encode(os.urandom(32)).decode())') \
	$(PY) manage.py check --deploy --fail-level WARNING

check-migrations: setup
	$(PY) manage.py makemigrations --check --dry-run

# The SQLite suite runs on every core (pytest-xdist; an idle worker takes tests queued for a busy one);
# TEST_WORKERS=1 runs it in one process.
TEST_WORKERS ?= auto
test-sqlite: setup
	DJANGO_ENV=test $(VENV)/bin/pytest -n $(TEST_WORKERS) --dist worksteal -m "not postgres and not browser"

# The PostgreSQL and browser suites run on every core too (ports, databases and folders per worker:
# tests/env_plugin.py; each worker its own Chromium and live server). Only the SQLite suite holds the API
# contract sweep, so the others do not load schemathesis' plugin (0.6 s of CPU in every process).
# Both collect only the files that name their marker (tests/conftest.py refuses a marker set otherwise).
PG_TESTS = $(shell grep -rlE --include='test_*.py' 'mark\.(postgres|both_databases)' tests | sort)
BROWSER_TESTS = $(shell grep -rlE --include='test_*.py' 'mark\.browser' tests | sort)
test-postgres: setup
	DJANGO_ENV=test $(PY) -m tests.pgserver -- $(VENV)/bin/pytest -p no:schemathesis -n $(TEST_WORKERS) --dist worksteal -m "postgres or both_databases" $(PG_TESTS)

test-browser: setup
	DJANGO_ENV=test $(VENV)/bin/pytest -p no:schemathesis -n $(TEST_WORKERS) --dist worksteal -m browser $(BROWSER_TESTS)

test: lint check-deploy check-migrations test-sqlite test-postgres test-browser

# As `make test`, with the long sweeps in full: many more hypothesis examples, drawn at random (tests/sweeps.py).
test-full:
	TEST_FULL=1 $(MAKE) test

messages: setup
	$(PY) manage.py makemessages -l nl --ignore=node_modules --ignore=.venv
	$(PY) manage.py compilemessages -l nl --ignore=node_modules --ignore=.venv

# The PDF fonts (casework/fonts/README.md): DejaVu Sans 2.37 from Debian's fonts-dejavu-core, cut to
# the scripts our documents print. Run once after upgrading the fonts; the result is committed.
DEJAVU ?= /usr/share/fonts/truetype/dejavu
FONT_UNICODES = U+0020-024F,U+02B0-036F,U+0370-03FF,U+0400-04FF,U+1E00-1EFF,U+2000-206F,U+2070-209F,U+20A0-20CF,U+2100-218F,U+2190-21FF,U+2200-22FF,U+25A0-25FF,U+2700-27BF,U+FB00-FB06,U+FFFD
fonts: setup
	for font in DejaVuSans DejaVuSans-Bold DejaVuSans-Oblique DejaVuSans-BoldOblique; do \
	  $(VENV)/bin/pyftsubset $(DEJAVU)/$$font.ttf --unicodes="$(FONT_UNICODES)" --layout-features='*' \
	    --glyph-names --notdef-outline --name-IDs='*' --name-languages='*' --drop-tables+=FFTM \
	    --output-file=casework/fonts/$$font.ttf; \
	done

clean:
	rm -rf $(VENV) node_modules var
