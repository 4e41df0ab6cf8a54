# registre — set-up, demo, tests. `make demo` and `make test` do all set-up themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
INDEX  ?= .registre
PIP    := $(BIN)/pip -q --disable-pip-version-check

.PHONY: setup demo test test-fast lint eval clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -m venv --help >/dev/null 2>&1 || { \
	  echo "python3-venv manque : installation (Debian)"; \
	  apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installation de torch (CPU) puis de registre dans $(VENV)…"
	@$(PIP) install torch==2.13.0 2>&1 | grep -v "^WARNING: Location" || true
	@$(PIP) install -e '.[test]' 2>&1 | grep -v "^WARNING: Location" || true
	@$(BIN)/python -c "import registre.cli, torch, faiss, sentence_transformers" \
	  || { echo "l'installation a échoué"; exit 1; }
	@touch $@

demo: setup
	@$(BIN)/registre ingest samples --index $(INDEX) || test $$? -eq 1
	@$(BIN)/registre export --index $(INDEX) --format jsonl --output $(INDEX)/export.jsonl
	@echo "Export : $(INDEX)/export.jsonl"
	@$(BIN)/registre ask "combien pour Weeejob en 2022" --index $(INDEX)

# pytest's exit status 5 means "no test collected": not a failure of the suite.
test: setup
	@$(BIN)/python -m pytest -q $(PYTEST_ARGS) || test $$? -eq 5

# Both question sets on a fresh index of samples/, failing under the thresholds of eval/gate.py.
EVAL_INDEX := .registre-eval
eval: setup
	@rm -rf $(EVAL_INDEX)
	@$(BIN)/registre ingest samples --index $(EVAL_INDEX) >/dev/null
	@$(BIN)/registre eval eval/sets/starter.jsonl --index $(EVAL_INDEX) --check --report $(EVAL_INDEX)/report-starter
	@$(BIN)/registre eval eval/sets/samples.jsonl --index $(EVAL_INDEX) --check --report $(EVAL_INDEX)/report-samples

lint: setup
	@$(BIN)/ruff check .

clean:
	rm -rf $(VENV) $(INDEX) $(EVAL_INDEX) *.egg-info
