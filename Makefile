# Renja ETL — the two commands of the README, and helpers.
#   make run    create .venv/ (first time), install, process every workbook in input/ into output/
#   make test   the same install, then the whole test suite (what CI runs)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.terpasang

.PHONY: run test install sample clean

run: $(STAMP)
	$(BIN)/renja run --input input --output output

test: $(STAMP)
	$(BIN)/python -m pytest -q

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $(STAMP)

# Regenerate the shipped sample (every table) and the T-C.33 test fixture from ../shared/reference.
sample: $(STAMP)
	$(BIN)/python tools/buat_sampel.py --semua
	$(BIN)/python tools/buat_sampel.py

clean:
	rm -rf $(VENV) .prefect .pytest_cache .hypothesis
