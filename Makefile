# 婚育一件事 · 联办助手 — see README.md. Every target sets up what it needs first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

BOT := .venv/bot/bin
BACKEND := .venv/backend/bin
export PYTHONPATH := $(CURDIR)
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help setup setup-backend setup-bot setup-web setup-browser train run test lint test-backend \
        test-bot test-stories test-e2e test-faults test-browser bench demo nlu-report purge-chats clean \
        staff-create

help:
	@echo "make run    - set up, train if needed, start backend :8000, actions :5055, Rasa :5005"
	@echo "make test   - set up, train if needed, run every suite"
	@echo "make setup  - build .venv/bot, .venv/backend and the web front end"
	@echo "make train  - train models/current.tar.gz when data, domain or config changed"
	@echo "make bench  - run the benchmarks and rewrite bench/RESULTS.md"
	@echo "make demo   - play the department systems against a running backend"

setup: setup-backend setup-bot setup-web

setup-backend:
	@scripts/setup-venv.sh backend requirements/backend.txt

setup-bot:
	@scripts/setup-venv.sh bot requirements/bot.txt requirements/rasa.txt

setup-web:
	@scripts/setup-web.sh

setup-browser:
	@scripts/setup-browser.sh

train: setup-bot
	@scripts/train.sh

run: setup train
	@mkdir -p var
	@scripts/with-local-env.sh $(BACKEND)/honcho start -f Procfile

lint: setup-backend
	$(BACKEND)/ruff check .
	$(BACKEND)/ruff format --check .
	@echo "[lint] ruff check and ruff format are clean"

test: lint setup train test-backend test-bot test-stories test-e2e test-faults test-browser
	@echo "[test] all suites passed"

test-backend: setup-backend
	$(BACKEND)/python -m pytest -q -p no:cacheprovider tests/backend tests/blind

test-bot: setup-bot setup-backend
	$(BOT)/rasa data validate --config config.yml --domain bot/domain --data bot/data --quiet
	$(BOT)/python -m pytest -q -p no:cacheprovider tests/bot

test-stories: train
	@scripts/test-stories.sh

# End-to-end and security suites share one running stack (tests/conftest.py).
test-e2e: setup train
	$(BACKEND)/python -m pytest -q -p no:cacheprovider tests/e2e tests/security

# Processes SIGKILLed at the worst moments of a submission and a form (tests/faults/); prints
# each scenario's figures. PostgreSQL + Redis + two Rasa processes when TEST_POSTGRES_URL is set.
test-faults: setup train
	$(BACKEND)/python -m pytest -q -s -p no:cacheprovider tests/faults

test-browser: setup train setup-browser
	$(BACKEND)/python -m pytest -q -p no:cacheprovider tests/browser

nlu-report: train
	@scripts/nlu-report.sh

bench: setup train
	@scripts/nlu-report.sh
	$(BACKEND)/python -m bench.run

purge-chats: setup-bot
	@scripts/with-local-env.sh $(BOT)/python -m bot.chat_retention

# The first supervisor (or any staff account): make staff-create STAFF_USERNAME=wang STAFF_ROLE=supervisor
# The password is asked at the prompt (or read from STAFF_PASSWORD), never taken from arguments.
staff-create: setup-backend
	@test -n "$(STAFF_USERNAME)" || { echo "usage: make staff-create STAFF_USERNAME=<name> [STAFF_ROLE=agent|supervisor]"; exit 2; }
	@scripts/with-local-env.sh $(BACKEND)/python -m backend.staff create --username "$(STAFF_USERNAME)" --role "$(or $(STAFF_ROLE),agent)"

demo: setup-backend
	$(BACKEND)/python -m backend.simulator demo

clean:
	rm -rf .venv models var results web/node_modules web/dist
