# Everyday commands. `make run` and `make test` work on a fresh clone; `make` alone lists them.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT_PUBLIC ?= 8000
PORT_STAFF ?= 8001
export PORTAL_DATA_DIR ?= var
# Links in emails, feeds and the sitemap use these, so they follow the ports.
export PUBLIC_BASE_URL ?= http://127.0.0.1:$(PORT_PUBLIC)
export STAFF_BASE_URL ?= http://127.0.0.1:$(PORT_STAFF)

.PHONY: help run test browser-tools bench lint format compilemessages migrate demo clean install data-dir
.DEFAULT_GOAL := help

# Each target's `## ` comment is its line in `make help`.
help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z-]*:.*## / {printf "  make %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(PY):
	"$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==26.3

# The project itself is not installed: manage.py and pytest run from the checkout.
$(STAMP): pyproject.toml constraints.txt | $(PY)
	$(PY) scripts/requirements.py > $(VENV)/requirements.txt
	$(PY) -m pip install --quiet -c constraints.txt -r $(VENV)/requirements.txt
	touch $(STAMP)

install: $(STAMP) ## create .venv and install the pinned dependencies

# The SQLite databases, file cache, media and dev keys live here; Django does not create it.
data-dir:
	mkdir -p "$(PORTAL_DATA_DIR)"

compilemessages: $(STAMP) data-dir ## compile the translation catalogues (.po -> .mo; scripts/update-messages extracts)
	$(PY) manage.py compile_translations

migrate: compilemessages data-dir ## migrate the default and intake databases
	DJANGO_SETTINGS_MODULE=portal.settings.staff $(PY) manage.py staff_otp_key ensure-dev
	DJANGO_SETTINGS_MODULE=portal.settings.staff $(PY) manage.py migrate --noinput -v 0
	DJANGO_SETTINGS_MODULE=portal.settings.staff $(PY) manage.py migrate --database=intake --noinput -v 0

demo: migrate ## load the demo content, accounts and dev intake keys
	DJANGO_SETTINGS_MODULE=portal.settings.staff $(PY) manage.py intake_keys ensure-dev
	DJANGO_SETTINGS_MODULE=portal.settings.staff $(PY) manage.py load_demo

run: demo data-dir ## start both tiers (public on PORT_PUBLIC=8000, staff on PORT_STAFF=8001)
	$(PY) -m portal.devserver --public-port $(PORT_PUBLIC) --staff-port $(PORT_STAFF)

# axe-core for the browser tests (tests/browser/package-lock.json pins it).
BROWSER_TOOLS := tests/browser/node_modules/.installed
$(BROWSER_TOOLS): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix tests/browser --no-audit --no-fund --silent && touch $(BROWSER_TOOLS); \
	else \
		echo "npm not found: the browser accessibility checks will skip (CI installs it)"; \
	fi

browser-tools: $(BROWSER_TOOLS) ## install axe-core for the browser tests (needs npm)

test: compilemessages browser-tools ## run the test suite, print the slowest ten (PYTEST_ARGS="-m 'not slow'" for a quick run)
	$(PY) -m pytest --durations=10 $(PYTEST_ARGS)

bench: compilemessages ## run the benchmarks (load, search relevance)
	$(PY) -m bench

lint: $(STAMP) ## ruff check and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP) ## fix what ruff can and format the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean: ## remove .venv and var/ (databases, cache, media, dev keys)
	rm -rf $(VENV) var
