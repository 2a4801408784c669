# Quorum: `make run` serves the demo; `make test` runs the whole suite.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := chromium fonts-liberation fonts-dejavu-core poppler-utils qpdf libreoffice-writer-nogui libreoffice-calc-nogui bubblewrap
TEST_ENV := DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/quorum} \
	CELERY_BROKER_URL=$${TEST_CELERY_BROKER_URL:-redis://127.0.0.1:6379/0} \
	QUORUM_VAR_DIR=$(CURDIR)/var/test

.PHONY: run test test-fast install install-test system-packages static demo bench clean lint

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python system-packages static
	$(BIN)/pip install --quiet -r requirements.txt

install-test: $(BIN)/python system-packages static
	$(BIN)/pip install --quiet -r requirements-test.txt

# Debian packages: Chromium for browser tests and screenshots, fonts so PDFs lay out the same
# on every machine, poppler and qpdf to read and check PDFs, LibreOffice to convert Word and Excel
# appendices, and bubblewrap to run it in a sandbox with no network and no view of other files.
system-packages:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	fi

# Front-end assets come from npm at set-up and are served from our own static files.
static:
	npm install --no-audit --no-fund --silent
	mkdir -p static/vendor
	cp node_modules/bootstrap/dist/css/bootstrap.min.css static/vendor/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js static/vendor/
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/
	cp node_modules/sortablejs/Sortable.min.js static/vendor/
	# The report editor (Tiptap/ProseMirror, MIT) bundled from assets/ into one file: no CDN, no inline script.
	node_modules/.bin/esbuild assets/report_editor.js --bundle --minify --format=iife --target=es2019 --legal-comments=eof --log-level=warning --outfile=static/vendor/report-editor.js
	cp node_modules/axe-core/axe.min.js static/vendor/
	mkdir -p static/vendor/pdfjs/standard_fonts
	cp node_modules/pdfjs-dist/build/pdf.min.mjs node_modules/pdfjs-dist/build/pdf.worker.min.mjs static/vendor/pdfjs/
	cp -r node_modules/pdfjs-dist/standard_fonts/. static/vendor/pdfjs/standard_fonts/

demo:
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

run: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py collectstatic --noinput -v0
	@$(BIN)/python manage.py demo_logins
	$(BIN)/honcho start -f Procfile

test: install-test
	@pg_isready -h 127.0.0.1 -p 5432 -q || { echo "PostgreSQL is not running on 127.0.0.1:5432"; exit 1; }
	@redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null || { echo "Redis is not running on 127.0.0.1:6379"; exit 1; }
	mkdir -p var/test
	$(BIN)/lint-imports
	$(TEST_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	$(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)

# The fast lane for a developer's own loop: no browser, no real worker.
test-fast: install-test
	$(BIN)/lint-imports
	mkdir -p var/test
	$(TEST_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	$(TEST_ENV) $(BIN)/python -m pytest -m "not browser and not worker" -q $(PYTEST_ARGS)

BENCH_ENV := DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/quorum_bench} \
	QUORUM_VAR_DIR=$(CURDIR)/var/bench

# Pack speed and memory (figures in bench/results.json); never timed asserts in tests.
bench: install-test
	@createdb -h 127.0.0.1 -U postgres quorum_bench 2>/dev/null || true
	mkdir -p var/bench
	$(BENCH_ENV) $(BIN)/python manage.py migrate --noinput -v0
	$(BENCH_ENV) $(BIN)/python -m bench.run

clean:
	rm -rf var static/vendor
