# Steady Ground: every task an author, a tester or CI runs.
# `make help` lists them. CI runs `make test` (see .ci/run).

SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
BROWSER := $(VENV)/.browser-path
JAVA := $(VENV)/.java-path

export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help
help:  ## Show this list
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-8s %s\n", $$1, $$2}'

$(INSTALLED): requirements.txt package-lock.json
	@python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "Python 3.11 or newer is needed (python3 is $$(python3 --version))."; exit 1; }
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(BROWSER): $(INSTALLED)
	$(PY) scripts/find_browser.py > $@ || { rm -f $@; exit 1; }

# Java 17+ for the Nu HTML Checker (scripts/check_html.py); installed with apt-get if missing.
$(JAVA): $(INSTALLED)
	$(PY) scripts/check_html.py --find-java > $@ || { rm -f $@; exit 1; }

.PHONY: install
install: $(INSTALLED)  ## Create .venv and install the pinned tools

.PHONY: serve
serve: $(INSTALLED)  ## Live preview; open the address it prints
	$(PY) -m mkdocs serve --livereload

# `make build` prints only content problems; `make check` also prints the table of
# reading grades (a target-specific variable, passed down to build).
CONTENT_CHECK_FLAGS ?= --quiet

.PHONY: build
build: $(INSTALLED)  ## Build the deployable site into site/
	$(PY) scripts/check_content.py $(CONTENT_CHECK_FLAGS)
	$(PY) scripts/build_site.py

.PHONY: check
check: CONTENT_CHECK_FLAGS :=
check: export MKDOCS_LINK_VALIDATION := info
check: build  ## Build, then run every check that needs no browser
	$(PY) scripts/check_links.py site

.PHONY: post
post: $(INSTALLED)  ## Start a new post: make post TITLE="Your title"
	@test -n "$(TITLE)" || { echo 'Give the title: make post TITLE="Your title"'; exit 2; }
	$(PY) scripts/new_post.py "$(TITLE)"

.PHONY: test
test: $(INSTALLED) $(BROWSER) $(JAVA)  ## Set up, then run the whole test suite
	CHROMIUM_PATH="$$(cat $(BROWSER))" JAVA_PATH="$$(cat $(JAVA))" $(PY) -m pytest

.PHONY: bench
bench: $(INSTALLED) $(BROWSER)  ## Measure build time, page weight, search and Lighthouse against stock Material (slow)
	CHROMIUM_PATH="$$(cat $(BROWSER))" $(PY) scripts/bench.py

.PHONY: clean
clean:  ## Remove the built site and caches (keeps .venv)
	rm -rf site .pytest_cache
