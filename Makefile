# Two commands do all the setup on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LINTED := misp_module tests $(wildcard benchmarks/*.py)

.PHONY: run test lint format bench clean galaxy dist

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[server,test]'
	touch $(STAMP)

## run: install, then enrich the bundled EU declaration through the real misp-modules server
run: $(STAMP)
	$(BIN)/orkl-misp demo

## test: install, then run the whole test suite and the linter
test: $(STAMP)
	$(BIN)/python -m pytest -q
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

## dist: build the sdist and the wheel into dist/ (install with pip install dist/*.whl)
dist: $(STAMP)
	rm -rf dist
	$(BIN)/python -m build --outdir dist .

lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

format: $(STAMP)
	$(BIN)/ruff format $(LINTED)
	$(BIN)/ruff check --fix $(LINTED)

## bench: the benchmarks of benchmarks/README.md (minutes; not part of the tests)
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet hyperscan || echo "bench: hyperscan does not install here; its baseline is left out"
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache

## galaxy: regenerate galaxy_clusters/ from the entries the package ships
galaxy: $(STAMP)
	$(BIN)/orkl-misp galaxy regenerate --records misp_module/data/eu-declaration-2021-07-19.json --out galaxy_clusters
