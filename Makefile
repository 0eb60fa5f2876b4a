# Two commands do all the set-up on a fresh machine:
#   make site   — builds the site from the shipped catalogue into public/ (make serve to preview)
#   make test   — runs the whole test suite (installs Chromium from Debian if it is missing)
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup site serve test lint browser benchmark clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

site: $(STAMP)
	$(VENV)/bin/catalogue build

serve: $(STAMP)
	$(VENV)/bin/catalogue serve

browser:
	@command -v chromium >/dev/null || { apt-get update -q && apt-get install -y -q chromium; }

lint: $(STAMP)
	$(VENV)/bin/ruff check

test: $(STAMP) browser lint
	$(VENV)/bin/pytest

benchmark: $(STAMP)
	$(PY) benchmarks/validate.py
	$(PY) benchmarks/build.py

clean:
	rm -rf public .cache
