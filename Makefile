# Everyday commands. `make run` and `make test` work on a fresh clone.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT_PUBLIC ?= 8000
PORT_STAFF ?= 8001
export PORTAL_DATA_DIR ?= var
# Links in emails, feeds and the sitemap use these, so they follow the ports.
export PUBLIC_BASE_URL ?= http://127.0.0.1:$(PORT_PUBLIC)
export STAFF_BASE_URL ?= http://127.0.0.1:$(PORT_STAFF)

.PHONY: run test browser-tools bench lint format messages migrate demo clean install

$(PY):
	"$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==26.3

# The project itself is not installed: manage.py and pytest run from the checkout.
$(STAMP): pyproject.toml constraints.txt | $(PY)
	$(PY) scripts/requirements.py > $(VENV)/requirements.txt
	$(PY) -m pip install --quiet -c constraints.txt -r $(VENV)/requirements.txt
	touch $(STAMP)

install: $(STAMP)

messages: $(STAMP)
	$(PY) manage.py compile_translations

migrate: messages
	DJANGO_SETTINGS_MODULE=portal.settings.staff $(PY) manage.py staff_otp_key ensure-dev
	DJANGO_SETTINGS_MODULE=portal.settings.staff $(PY) manage.py migrate --noinput -v 0
	DJANGO_SETTINGS_MODULE=portal.settings.staff $(PY) manage.py migrate --database=intake --noinput -v 0

demo: migrate
	DJANGO_SETTINGS_MODULE=portal.settings.staff $(PY) manage.py intake_keys ensure-dev
	DJANGO_SETTINGS_MODULE=portal.settings.staff $(PY) manage.py load_demo

run: demo
	$(PY) -m portal.devserver --public-port $(PORT_PUBLIC) --staff-port $(PORT_STAFF)

# axe-core for the browser tests (tests/browser/package-lock.json pins it).
BROWSER_TOOLS := tests/browser/node_modules/.installed
$(BROWSER_TOOLS): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix tests/browser --no-audit --no-fund --silent && touch $(BROWSER_TOOLS); \
	else \
		echo "npm not found: the browser accessibility checks will skip (CI installs it)"; \
	fi

browser-tools: $(BROWSER_TOOLS)

test: messages browser-tools
	$(PY) -m pytest $(PYTEST_ARGS)

bench: messages
	$(PY) -m bench

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) var
