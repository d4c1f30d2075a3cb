# kennismaker: `make run` (nightly run on the demo data) and `make test` (the test suite).
# Both set up .venv/ first; set-up is skipped when nothing it depends on has changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DATA := demo/data/.complete
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export PREFECT_HOME := $(CURDIR)/.prefect
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export DO_NOT_TRACK := 1
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS := 120

.PHONY: setup run test demo bench bench-1m lock clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	# torch first and pinned: an unpinned torch would pull gigabytes of CUDA packages.
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[test]"
	touch $(STAMP)

$(DEMO_DATA): $(STAMP) $(wildcard demo/*.py)
	$(BIN)/kennismaker demo --out demo/data
	touch $(DEMO_DATA)

demo: $(DEMO_DATA)

run: $(STAMP) $(DEMO_DATA)
	$(BIN)/kennismaker run --config configs/demo.yaml

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench.run --sizes 10000,100000

# The backfill night (not part of `make test`; up to an hour on 2 cores): the nightly flow and the
# 1%-new night at BENCH_SIZE messages, ingest against raw parsing, then the embedder comparison.
BENCH_SIZE ?= 1000000
bench-1m: $(STAMP)
	nice -n 10 $(BIN)/python -m bench.run --sizes $(BENCH_SIZE) --stages "" --timeout 5400
	nice -n 10 $(BIN)/python -m bench.embedding --texts 5000

lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^torch' > requirements.lock.tmp
	{ echo "# Versions known to work together (pip constraints). Regenerate with: make lock"; echo "torch==2.13.0"; cat requirements.lock.tmp; } > requirements.lock
	rm requirements.lock.tmp

clean:
	rm -rf $(VENV) demo/data .prefect out data
