# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
# The distribution's python3.11 when it can make a virtual environment: the interpreter
# production runs (docs/deploy.md installs Debian's python3.11 and python3.11-venv), so the
# tests and benchmarks run on it too. Debian's is linked statically; on the pyenv build of
# 3.11.7 this project was first developed on (linked to libpython3.11.so) the extractor
# benchmark took 1/0.88 of the time and two modules' tests 1/0.95 (measured 2026-12-06,
# bench/README.md). Else the first python3.11 on PATH; `make PY=...` chooses another.
PY      ?= $(shell /usr/bin/python3.11 -c 'import ensurepip, venv' >/dev/null 2>&1 \
             && echo /usr/bin/python3.11 || echo python3.11)
VENV    := .venv
BIN     := $(VENV)/bin
UV_VER  := 0.13.9

.PHONY: demo test install lint fmt bench clean

$(BIN)/uv:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q "uv==$(UV_VER)"

# Installs exactly what requirements.lock pins (hash-checked), then the project itself.
# Front-end libraries (charts, searchable selects, the accessibility checker used by the
# browser tests) come from the npm registry exactly as assets/package-lock.json pins them.
$(VENV)/.installed: requirements.lock build-constraints.txt pyproject.toml assets/package-lock.json | $(BIN)/uv
	VIRTUAL_ENV=$(VENV) $(BIN)/uv pip sync -q -b build-constraints.txt requirements.lock
	VIRTUAL_ENV=$(VENV) $(BIN)/uv pip install -q --no-deps -b build-constraints.txt -e .
	cd assets && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed

## make demo: build the demo district 示范区 in var/ (SQLite) and serve it on 127.0.0.1:8000
demo: install
	$(BIN)/fazhi demo

## make test: lint, then the whole suite on SQLite and on PostgreSQL side by side
test: install
	bash scripts/test.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	-$(BIN)/python bench/extract_speed.py
	-$(BIN)/python bench/indicators_grouped.py
	-$(BIN)/python bench/documents_search.py
	-$(BIN)/python bench/enforcement_scale.py
	-$(BIN)/python bench/demo_build.py

clean:
	rm -rf $(VENV) var
