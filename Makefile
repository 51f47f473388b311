# Steady Ground: every task an author, a tester or CI runs.
# `make help` lists them. CI runs `make test` (see .ci/run).

SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV ?= .venv
PY := $(VENV)/bin/python
# Two steps of install: what building and previewing need (make serve, make build), and
# on top of it the test tools and Node packages (make test, make bench). Pinned, hashed.
BUILD_TOOLS := $(VENV)/.build-tools
INSTALLED := $(VENV)/.installed
BROWSER := $(VENV)/.browser-path
JAVA := $(VENV)/.java-path
PIP_INSTALL := -m pip install --quiet --disable-pip-version-check --require-hashes
# Zensical, the next engine, in its own venv (make build-zensical)
ZENSICAL_VENV ?= .venv-zensical
ZENSICAL := $(ZENSICAL_VENV)/.installed
ZENSICAL_SITE ?= site-zensical

export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help
help:  ## Show this list
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-15s %s\n", $$1, $$2}'

$(BUILD_TOOLS): requirements-build.txt
	@python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "Python 3.11 or newer is needed (python3 is $$(python3 --version))."; exit 1; }
	python3 -m venv $(VENV)
	$(PY) $(PIP_INSTALL) -r requirements-build.txt
	@touch $@

$(INSTALLED): $(BUILD_TOOLS) requirements.txt package-lock.json
	$(PY) $(PIP_INSTALL) -r requirements.txt
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(BROWSER): $(INSTALLED)
	$(PY) -m scripts.core.find_browser > $@ || { rm -f $@; exit 1; }

# Java 17+ for the Nu HTML Checker (scripts/checks/check_html.py); installed with apt-get if missing.
$(JAVA): $(INSTALLED)
	$(PY) -m scripts.checks.check_html --find-java > $@ || { rm -f $@; exit 1; }

$(ZENSICAL): requirements-zensical.txt
	python3 -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python $(PIP_INSTALL) -r requirements-zensical.txt
	@touch $@

.PHONY: install
install: $(INSTALLED)  ## Create .venv and install every pinned tool (building and testing)

.PHONY: install-build
install-build: $(BUILD_TOOLS)  ## Create .venv with only what building and previewing need

.PHONY: serve
serve: $(BUILD_TOOLS)  ## Live preview; open the address it prints
	$(PY) -m mkdocs serve --livereload

# `make build` prints only content problems; `make check` also prints the table of
# reading grades (a target-specific variable, passed down to build).
CONTENT_CHECK_FLAGS ?= --quiet

.PHONY: build
build: $(BUILD_TOOLS)  ## Build the deployable site into site/
	$(PY) -m scripts.checks.check_content $(CONTENT_CHECK_FLAGS)
	$(PY) -m scripts.build.build_site

.PHONY: check
check: CONTENT_CHECK_FLAGS :=
check: export MKDOCS_LINK_VALIDATION := info
check: build  ## Build, then run every check that needs no browser
	$(PY) -m scripts.checks.check_links site

.PHONY: post
post: $(BUILD_TOOLS)  ## Start a new post: make post TITLE="Your title"
	@test -n "$(TITLE)" || { echo 'Give the title: make post TITLE="Your title"'; exit 2; }
	$(PY) -m scripts.author.new_post "$(TITLE)"

.PHONY: test
test: $(INSTALLED) $(BROWSER) $(JAVA)  ## Set up, then run the whole test suite
	CHROMIUM_PATH="$$(cat $(BROWSER))" JAVA_PATH="$$(cat $(JAVA))" $(PY) -m pytest

.PHONY: bench
bench: $(INSTALLED) $(BROWSER)  ## Measure build time, page weight, search and Lighthouse against stock Material (slow)
	CHROMIUM_PATH="$$(cat $(BROWSER))" $(PY) -m scripts.dev.bench

# The same docs/ built by Zensical, then the site's own post-build steps and checks on
# that output (scripts/dev/README.md: "Zensical"). Allowed to fail in CI until Zensical carries the site.
.PHONY: build-zensical
build-zensical: $(BUILD_TOOLS) $(ZENSICAL)  ## Build with Zensical into site-zensical/ and check it
	$(PY) -m scripts.checks.check_content --quiet
	$(PY) -m scripts.build.build_site --zensical $(ZENSICAL_VENV)/bin/zensical --site-dir $(ZENSICAL_SITE)
	$(PY) -m scripts.checks.check_links $(ZENSICAL_SITE)

.PHONY: test-zensical
test-zensical: $(INSTALLED) $(ZENSICAL)  ## Run the tests of the Zensical build (tests/test_zensical.py)
	ZENSICAL=$(ZENSICAL_VENV)/bin/zensical $(PY) -m pytest tests/test_zensical.py

# One command re-pins the Python tools from the .in files, with hashes. Versions already
# pinned are kept; to move one, change it in its .in file (or delete its line in the .txt).
PIP_COMPILE := .venv-pins/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
  --no-emit-index-url --no-emit-find-links --strip-extras

.PHONY: pins
pins:  ## Write requirements*.txt (pinned, hashed) from requirements*.in
	python3 -m venv .venv-pins
	.venv-pins/bin/python -m pip install --quiet --disable-pip-version-check pip-tools==7.6.2
	$(PIP_COMPILE) -o requirements-build.txt requirements-build.in
	$(PIP_COMPILE) -o requirements.txt requirements.in
	$(PIP_COMPILE) -o requirements-zensical.txt requirements-zensical.in

.PHONY: clean
clean:  ## Remove the built site and caches (keeps .venv)
	rm -rf site $(ZENSICAL_SITE) .pytest_cache
