# Everyday commands (the first one you run sets everything up in .venv; nobody types .venv/bin/):
#   make validate            — checks the catalogue and the news posts: file, line, field and what to do
#   make new KIND=testbed    — asks for the fields of a new entry (KIND: unit, testbed, project, contact)
#   make serve [PORT=8000]   — previews the site on http://127.0.0.1:PORT/, rebuilding on every save
#   make site                — builds the whole site into public/
#   make test                — runs the whole test suite (installs Chromium from Debian if it is missing)
#   make hooks               — makes git run the checks (pre-commit) before every commit
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
KIND ?= testbed
PORT ?= 8000
FILES ?=
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup validate new site serve test lint hooks browser benchmark clean

$(STAMP): pyproject.toml
	@python3 -c 'import ensurepip, venv' 2>/dev/null || { \
	  echo "Python's venv module is missing. On Debian or Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

validate: $(STAMP)
	$(VENV)/bin/catalogue validate $(FILES)

new: $(STAMP)
	$(VENV)/bin/catalogue new $(KIND)

site: $(STAMP)
	$(VENV)/bin/catalogue build

serve: $(STAMP)
	$(VENV)/bin/catalogue serve --port $(PORT)

hooks: $(STAMP)
	$(VENV)/bin/pre-commit install

browser:
	@command -v chromium >/dev/null || { apt-get update -q && apt-get install -y -q chromium; }

lint: $(STAMP)
	$(VENV)/bin/ruff check
	$(VENV)/bin/ruff format --check

test: $(STAMP) browser lint
	$(VENV)/bin/pytest

benchmark: $(STAMP)
	$(PY) benchmarks/validate.py
	$(PY) benchmarks/build.py

clean:
	rm -rf public .cache
