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

.PHONY: help run run-services test check lint format fix clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

$(SYNCED): pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	@touch $@

run: $(SYNCED) ## Run the monolith on embedded defaults (SQLite, in-process bus) at 127.0.0.1:$PORT
	$(VENV)/bin/chat serve

run-services: $(SYNCED) ## Run every context as a service, on local servers, behind nginx at :$GATEWAY_PORT (8080)
	$(VENV)/bin/python -m devstack

test: check ## Everything: the static checks, then the whole test suite
	$(VENV)/bin/pytest

check: $(SYNCED) ## lint-imports, mypy --strict and ruff
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(VENV)/bin/ruff check
	$(VENV)/bin/ruff format --check

fix: $(SYNCED) ## Let ruff fix and format what it can
	$(VENV)/bin/ruff check --fix
	$(VENV)/bin/ruff format

clean: ## Remove the virtualenv, tools and local data
	rm -rf $(VENV) .tools var .mypy_cache .ruff_cache .pytest_cache
