# PostLab: one command per job. `make lab` starts the workshop, `make test` checks everything.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
JOBS   ?= 2
PYTEST_NOTEBOOKS := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg

PROXY  := deploy/jupyterhub/node_modules/.bin/configurable-http-proxy
AXE    := tests/browser/node_modules/axe-core/axe.min.js

.PHONY: help env proxy axe lab test lint lessons exercises verify bench loadtest clean

help:
	@echo "make lab        start JupyterLab on lesson 00 (sets everything up the first time)"
	@echo "make test       ruff, exercise leak guard, and every test (unit, notebooks, browser)"
	@echo "make lessons    re-execute the lessons to refresh their stored outputs"
	@echo "make exercises  rebuild exercises/ from solutions/"
	@echo "make bench      speed and memory benchmarks, as ratios against baselines"
	@echo "make loadtest   20 trainees at once on a loopback JupyterHub (not part of make test)"
	@echo "make clean      remove the environment and caches"

# Creates .venv when missing and installs the locked stack; a no-op when nothing changed.
env:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "PostLab needs Python 3.11 or newer, and '$(PYTHON)' was not found: install Python 3.11 and run the command again." >&2; exit 3; }
	@VENV=$(VENV) $(PYTHON) tools/bootstrap.py

# configurable-http-proxy (npm) for the JupyterHub tests; without npm those tests skip and say why.
proxy:
	@test -x $(PROXY) || { command -v npm >/dev/null 2>&1 \
	  && npm ci --prefix deploy/jupyterhub --no-audit --no-fund --loglevel=error >/dev/null \
	  || echo "npm could not install configurable-http-proxy: the JupyterHub end-to-end tests will be skipped." >&2; }

# axe-core (npm) for the accessibility browser test; without npm that test skips and says why.
axe:
	@test -f $(AXE) || { command -v npm >/dev/null 2>&1 \
	  && npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error >/dev/null \
	  || echo "npm could not install axe-core: the accessibility browser test will be skipped." >&2; }

lab: env
	@$(BIN)/python -m postlab.launch

lint: env
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

verify: env
	$(BIN)/postlab exercises verify

test: lint verify proxy axe
	$(BIN)/python -m pytest -n $(JOBS) --dist loadscope $(PYTEST_NOTEBOOKS) tests notebooks

lessons: env
	$(BIN)/python tools/execute_lessons.py notebooks/*.ipynb

exercises: env
	$(BIN)/postlab exercises build

loadtest: env proxy
	$(BIN)/python tools/loadtest.py

bench: env
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-artifacts .venv-install.log deploy/jupyterhub/node_modules tests/browser/node_modules
