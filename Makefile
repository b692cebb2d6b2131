# Every target sets up what it needs: a fresh clone only needs Python 3.11+ and make.
.DEFAULT_GOAL := help
SHELL := /bin/bash

UV_VERSION := 0.13.9
UV := $(or $(shell command -v uv 2>/dev/null),.tools/bin/uv)
VENV := .venv
SYNCED := $(VENV)/.synced
# uv trusts the system certificate store, as pip and curl do (proxies with their own CA).
export UV_SYSTEM_CERTS ?= 1
export PORT ?= 8000
export DATA_DIR ?= ./var

# The web client's sources: its files that git does not ignore (generated files would rebuild it forever).
WEB_SOURCES := $(shell git ls-files --cached --others --exclude-standard web 2>/dev/null)
# Debian packages the tests drive: nginx as the gateway of the services topology, Chromium for the
# browser tests. Each is installed the first time a target needs it.
NGINX := $(or $(shell command -v nginx 2>/dev/null),/usr/sbin/nginx)
CHROMIUM := $(or $(shell command -v chromium 2>/dev/null),/usr/bin/chromium)
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
APT_INSTALL := $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq
export CHROMIUM

.PHONY: help run run-services web api-client docs new-context bench screenshots test check web-check fix clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

$(SYNCED): pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	@touch $@

web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

web/out/index.html: web/node_modules/.installed $(WEB_SOURCES)
	cd web && npm run build

$(NGINX):
	$(APT_INSTALL) --no-install-recommends nginx-light

$(CHROMIUM):
	$(APT_INSTALL) chromium fonts-dejavu-core fonts-noto-color-emoji

run: $(SYNCED) web/out/index.html ## Run the monolith on embedded defaults (SQLite, in-process bus) at http://127.0.0.1:$PORT
	$(VENV)/bin/chat serve

run-services: $(SYNCED) web/out/index.html $(NGINX) ## Run every context as a service, on local servers, behind nginx at :$GATEWAY_PORT (8080)
	$(VENV)/bin/python -m devstack

web: web/out/index.html ## Build the web client into web/out (the monolith and the gateway serve it)

api-client: $(SYNCED) web/node_modules/.installed ## Regenerate docs/api/openapi.json and the web client's API types from the routes
	$(VENV)/bin/chat openapi --output docs/api/openapi.json
	cd web && npm run generate:api

docs: $(SYNCED) ## Regenerate docs/events.md, docs/api/asyncapi.json and the README's context map from the contracts
	$(VENV)/bin/chat context-map --output docs/events.md --asyncapi docs/api/asyncapi.json --readme README.md

new-context: $(SYNCED) ## Generate a context NAME=polls [AGGREGATE=poll] and register it everywhere (docs/new-context.md)
	$(VENV)/bin/chat new-context $(NAME) $(if $(AGGREGATE),--aggregate $(AGGREGATE))
	$(MAKE) docs api-client

bench: $(SYNCED) $(NGINX) ## Delivery, fan-out and capacity of both topologies beside a baseline: bench/results (bench/README.md)
	$(VENV)/bin/python -m bench

screenshots: $(SYNCED) web/out/index.html $(CHROMIUM) ## Retake docs/screenshots, the README's pictures, from the browser tests on the monolith
	SCREENSHOT_DIR=docs/screenshots $(VENV)/bin/pytest tests/e2e/test_web_client.py -k monolith -p no:randomly

test: check web-check web/out/index.html $(NGINX) $(CHROMIUM) ## Everything: the static checks, the web client's unit tests, then every test incl. the browser's
	$(VENV)/bin/pytest

check: $(SYNCED) ## lint-imports, mypy --strict and ruff
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(VENV)/bin/ruff check
	$(VENV)/bin/ruff format --check

web-check: web/node_modules/.installed ## The web client's type check, lint, API-types drift check and unit tests
	cd web && npm run typecheck && npm run lint && npm run check:api && npm test

fix: $(SYNCED) ## Let ruff fix and format what it can
	$(VENV)/bin/ruff check --fix
	$(VENV)/bin/ruff format

clean: ## Remove the virtualenv, tools and local data
	rm -rf $(VENV) .tools var .mypy_cache .ruff_cache .pytest_cache web/node_modules web/.next web/out
