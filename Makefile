# Renja ETL — the two commands of the README, and helpers.
#   make run    create .venv/ (first time), install, process every workbook in input/ into output/
#   make test   the same install, then the whole test suite (what CI runs)
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.terpasang

.PHONY: run test install sample sample-check clean bench bench-cepat bench-wilayah fuzz

run: $(STAMP)
	$(BIN)/renja run --input input --output output

# The suite on TES_PEKERJA processes (pytest-xdist; each test module whole on one of them, so that its module
# fixtures are built once; one Prefect server for all of them, conftest.ServerSesi), the modules in the suite's
# order (the slowest first: conftest.LAMBAT_DULU), not by their number of tests.  Three on two cores: much of the
# suite waits (a schedule's next minute, servers and processes starting), and with two a core stood idle meanwhile
# (measured on this machine, same load: 400 s with two, 305 s with three).  TES_PEKERJA=0: in this process only.
TES_PEKERJA ?= 3
test: $(STAMP)
	$(BIN)/python -m pytest -q -n $(TES_PEKERJA) --dist loadfile --no-loadscope-reorder

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $(STAMP)

# The shipped sample (every table) and the T-C.33 test fixture, from the reference text they were typed from (kept
# beside the project, not in it): `make sample` writes them again, `make sample-check` compares byte for byte.  The
# only place that names that text: the tests and the generator use the shipped sample.
REFERENSI ?= ../shared/reference/renja-senduro-2024.txt
sample: $(STAMP)
	$(BIN)/python tools/buat_sampel.py $(REFERENSI) --semua
	$(BIN)/python tools/buat_sampel.py $(REFERENSI)

sample-check: $(STAMP)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(BIN)/python tools/buat_sampel.py $(REFERENSI) --semua --keluar "$$tmp/semua.xlsx" >/dev/null && \
	$(BIN)/python tools/buat_sampel.py $(REFERENSI) --keluar "$$tmp/tc33.xlsx" >/dev/null && \
	cmp "$$tmp/semua.xlsx" input/Renja-Senduro-2024.xlsx && \
	cmp "$$tmp/tc33.xlsx" tests/fixtures/Renja-Senduro-2024-TC33.xlsx && \
	echo "Contoh sama dengan teks referensi ($(REFERENSI))."

# Benchmark (README "Development"): one table, every figure measured in this run; data in a temporary folder.
#   make bench                 cold start, batches of 21 and 1,000 generated kecamatan, floor, profile, goals
#   make bench N=200 N_KECIL=21 SEED=7      other counts;  make bench-cepat: small counts, about 2 minutes
#   make bench-wilayah         identification of 1,000 generated kecamatan only (seconds): cost per file, exactness
N       ?= 1000
N_KECIL ?= 21
SEED    ?= 7
bench: $(STAMP)
	$(BIN)/python tools/bench.py --jumlah $(N) --jumlah-kecil $(N_KECIL) --seed $(SEED)

bench-cepat: $(STAMP)
	$(BIN)/python tools/bench.py --jumlah 5 --jumlah-kecil 2 --seed $(SEED)

bench-wilayah: $(STAMP)
	$(BIN)/python tools/bench.py --hanya-identifikasi --jumlah $(N) --seed $(SEED)

# Fuzzing (README "Development"): N mutants of the shipped sample (hypothesis, seed SEED) through the pipeline on every
# core; prints the refused by rule, the internal errors (minimal reproducers kept in the folder it names), the runs
# past the time limit and the slowest.  Exit status 1 when there is an internal error or a run past the limit.
#   make fuzz N=10000 SEED=7      make fuzz N=1000 NOMENKLATUR=list.csv   (merged into the built-in list, as renja run)
NOMENKLATUR ?=
fuzz: $(STAMP)
	$(BIN)/python tools/fuzz.py --jumlah $(N) --seed $(SEED) $(if $(NOMENKLATUR),--nomenklatur $(NOMENKLATUR))

clean:
	rm -rf $(VENV) .prefect .pytest_cache .hypothesis
