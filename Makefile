# registre — set-up, demo, tests. `make demo` and `make test` do all set-up themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
INDEX  ?= .registre
VALIDATA := .venv-validata
PIP    := $(BIN)/pip -q --disable-pip-version-check

.PHONY: setup demo test test-fast lint eval clean

# Debian packages: Tesseract OCR in French (scanned registers), chromium (browser tests);
# python3-venv too when this Python cannot make a virtual environment.
DEBIAN := tesseract-ocr tesseract-ocr-fra chromium

setup: $(VENV)/.installed $(VALIDATA)/.installed

# The SCDL validator (validata-table, as data.gouv.fr runs it) in a venv of its own: it pins
# jinja2 to a version that breaks gradio's pandas, so it never enters .venv. The tests call it
# as a subprocess (tests/index/validata.py).
$(VALIDATA)/.installed:
	@test -x $(VALIDATA)/bin/python || $(PYTHON) -m venv $(VALIDATA)
	@echo "Installation du validateur SCDL (validata-table) dans $(VALIDATA)…"
	@$(VALIDATA)/bin/pip -q --disable-pip-version-check install validata-table==0.12.5 2>&1 \
	  | grep -v "^WARNING: Location" || true
	@$(VALIDATA)/bin/python -c "import validata_core" || { echo "l'installation de validata-table a échoué"; exit 1; }
	@touch $@

# The package's file list: a new or removed module must reach the strict editable link tree.
PACKAGE_FILES := $(shell git ls-files -co --exclude-standard -- '*.py' '*.html' '*.css' 'eval/sets/*.jsonl' 'index/schemas/*' py.typed 2>/dev/null \
	| grep -v -e '^tests/' -e '^samples/' | LC_ALL=C sort | cksum | cut -d' ' -f1)
$(VENV)/.files-$(PACKAGE_FILES):
	@mkdir -p $(VENV) && rm -f $(VENV)/.files-*
	@touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.files-$(PACKAGE_FILES)
	@missing=$$(for p in $(DEBIAN); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done; \
	  $(PYTHON) -m venv --help >/dev/null 2>&1 || echo python3-venv); \
	if [ -n "$$missing" ]; then \
	  echo "Paquets Debian manquants : $$missing"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq $$missing >/dev/null; fi; \
	fi
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installation de torch (CPU) puis de registre dans $(VENV)…"
	@$(PIP) install torch==2.13.0 2>&1 | grep -v "^WARNING: Location" || true
	@# strict: a link tree holding only the packages and data listed in pyproject.toml
	@$(PIP) install -e '.[test]' --config-settings editable_mode=strict 2>&1 | grep -v "^WARNING: Location" || true
	@$(BIN)/python -c "import registre.cli, torch, faiss, sentence_transformers, onnxruntime" \
	  || { echo "l'installation a échoué"; exit 1; }
	@$(BIN)/python -c "from registre.index.embedder import OnnxEmbedder; OnnxEmbedder().dim" \
	  || { echo "l'export ONNX du modèle d'embeddings a échoué"; exit 1; }
	@touch $@

demo: setup
	@$(BIN)/registre ingest samples --index $(INDEX) || test $$? -eq 1
	@$(BIN)/registre export --index $(INDEX) --format jsonl --output $(INDEX)/export.jsonl
	@echo "Export : $(INDEX)/export.jsonl"
	@$(BIN)/registre ask "combien pour Weeejob en 2022" --index $(INDEX)
	@echo "Interface : http://127.0.0.1:7860 (Ctrl-C pour arrêter)"
	@$(BIN)/registre serve --index $(INDEX)

# Who may import whom (import-linter, contracts in pyproject.toml) and the types (mypy), then
# the suite. pytest's exit status 5 means "no test collected": not a failure of the suite.
test: setup
	@$(BIN)/lint-imports --no-cache
	@$(BIN)/mypy
	@$(BIN)/python -m pytest -q $(PYTEST_ARGS) || test $$? -eq 5

# Four question sets, each on an index built afresh, failing under the set's thresholds in eval/gate.py:
# starter and samples on samples/, the fictional dev set (with its manifest) and the real dev set.
EVAL_INDEX := .registre-eval
CORPUS     := eval/corpus
# Until the ingest stops crashing on a lone surrogate in this file (UnicodeEncodeError in
# index/cache.py text_hash, issue 13 item 5), it is ingested on its own and may fail with exit 1;
# every other file of the real set is ingested first and must succeed. Remove once fixed.
REAL_CRASH := $(CORPUS)/real/docs/couthenans_2021-01-29.pdf
eval: setup
	@rm -rf $(EVAL_INDEX)
	@$(BIN)/registre ingest samples --index $(EVAL_INDEX)/samples >/dev/null
	@$(BIN)/registre eval eval/sets/starter.jsonl --index $(EVAL_INDEX)/samples --check --report $(EVAL_INDEX)/report-starter
	@$(BIN)/registre eval eval/sets/samples.jsonl --index $(EVAL_INDEX)/samples --check --report $(EVAL_INDEX)/report-samples
	@$(BIN)/registre ingest $(CORPUS)/fictional/pdf --index $(EVAL_INDEX)/fictional >/dev/null
	@$(BIN)/registre eval $(CORPUS)/fictional/questions.jsonl --index $(EVAL_INDEX)/fictional --check \
	  --manifest $(CORPUS)/fictional/manifest.json --report $(EVAL_INDEX)/report-fictional
	@$(BIN)/registre ingest $(filter-out $(REAL_CRASH),$(wildcard $(CORPUS)/real/docs/*)) --index $(EVAL_INDEX)/real >/dev/null
	@$(BIN)/registre ingest $(REAL_CRASH) --index $(EVAL_INDEX)/real >/dev/null 2>&1 \
	  || { test $$? -eq 1 && echo "$(notdir $(REAL_CRASH)) : échec connu de l'ingestion (surrogate isolé), jeu noté sans ce fichier"; }
	@$(BIN)/registre eval $(CORPUS)/real/questions.jsonl --index $(EVAL_INDEX)/real --check --report $(EVAL_INDEX)/report-real

lint: setup
	@$(BIN)/ruff check .

clean:
	rm -rf $(VENV) $(VALIDATA) $(INDEX) $(EVAL_INDEX) *.egg-info build
