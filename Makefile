# The two commands of the README do all set-up on a fresh machine with Python 3.11 and make.
#   make demo   the web system with demo data on SQLite (http://127.0.0.1:8000, or PORT)
#   make test   the whole test suite (browser tests when a Chromium is installed)

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: demo test install clean-demo schema messages

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Keten needs Python 3.11")'
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(INSTALLED)

demo: install
	$(BIN)/keten serve-demo

test: install
	$(BIN)/python -m pytest -n 2 --dist loadgroup

# Start the demo again from an empty database.
clean-demo:
	rm -f var/keten.sqlite3 var/keten.sqlite3-wal var/keten.sqlite3-shm

# Regenerate the committed OpenAPI schema after changing the API.
schema: install
	DJANGO_SETTINGS_MODULE=keten.config.settings.test $(BIN)/python manage.py spectacular --lang en --validate --fail-on-warn --file docs/api/openapi.yaml

# Refresh the message catalogues after changing user-facing text (needs GNU gettext).
messages: install
	$(BIN)/python manage.py makemessages -l nl -l en --ignore=.venv --ignore=tests --ignore=bench --ignore='src/keten/engines/*'
	$(BIN)/python manage.py compilemessages
