# Plate Trails: 'make lab' opens the lab, 'make test' runs every test. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
# 'make lab LANG=es' opens the Spanish edition (notebooks/es/). Only a LANG given on the command line counts: the
# shell's own LANG (en_US.UTF-8, es_MX.UTF-8...) names the computer's locale, not the class's edition.
EDITION := $(if $(filter command line,$(origin LANG)),$(LANG),en)
FIRST_NOTEBOOK := notebooks/$(if $(filter-out en,$(EDITION)),$(EDITION)/,)00_start_here.ipynb
# Extra options for 'make lab', e.g. make lab LAB_ARGS="--no-browser --port=8890"
LAB_ARGS ?=
# Extra options for 'make voila'; to present from a class server, see the README
VOILA_ARGS ?=
# .jupyter/ holds the lab's settings for class: no "Jupyter news" question, no update checks.
LAB_CONFIG_PATH := $(CURDIR)/.jupyter$(if $(JUPYTER_CONFIG_PATH),:$(JUPYTER_CONFIG_PATH),)

.PHONY: lab voila handouts test test-fast a11y lint format data catalog bench facts-check hub load-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.lab-installed: requirements.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.lab-installed
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

lab: $(VENV)/.lab-installed  ## open JupyterLab on notebook 00 (make lab LANG=es: the Spanish edition), whole project in its file browser
	@test -f $(FIRST_NOTEBOOK) || { echo "No edition '$(EDITION)': use make lab (English) or make lab LANG=es (Spanish)."; exit 2; }
	@echo "Starting JupyterLab. If no browser opens, open the link below that ends in"
	@echo "  /lab/tree/$(FIRST_NOTEBOOK)?token=...   (Ctrl-C twice stops the lab)"
	JUPYTER_CONFIG_PATH="$(LAB_CONFIG_PATH)" $(BIN)/jupyter lab $(ROOT_FLAG) \
	  --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/$(FIRST_NOTEBOOK) $(LAB_ARGS)

# Each notebook is run ahead of time in a waiting kernel (about 180 MiB each), so a page opens in 2 to 3 s, not 5 to 6;
# a kernel whose page has closed stops after 10 minutes; the waiting ones are kept (platetrails/presenting.py).
# Kernels talk over local files (ipc), not TCP ports: seven kernels starting at once once drew the same free port.
VOILA_PRESENTING := --preheat_kernel=True --pool_size=1 \
  --VoilaConfiguration.multi_kernel_manager_class=platetrails.presenting.PresenterKernelManager \
  --KernelManager.transport=ipc \
  --MappingKernelManager.cull_interval=60 --MappingKernelManager.cull_idle_timeout=600

voila: $(VENV)/.lab-installed  ## present the notebooks with the code hidden, on this computer only; the list shows English and es/ (Spanish)
	$(BIN)/voila $(VOILA_PRESENTING) $(VOILA_ARGS) notebooks/

handouts: $(VENV)/.dev-installed  ## print each lesson's worksheet, key and one-page plan, and the guide, as PDFs (Letter and A4; English and Spanish) into build/handouts/
	$(BIN)/python -m handouts

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check platetrails tests benchmarks hub handouts
	$(BIN)/ruff format --check platetrails tests benchmarks hub handouts

# 'make test' includes the axe-core accessibility test (marker a11y): every notebook in Voila at 1280x720
# must have no critical and no serious violation. `make a11y` prints the full counts without failing.
test: lint  ## lint, then every test (package, notebooks, browsers, accessibility)
	$(BIN)/python -m pytest

test-fast: $(VENV)/.dev-installed  ## the package tests only (no notebook kernels, browsers or slow tests), on 2 cores
	$(BIN)/python -m pytest -n 2 -m "not notebook and not browser and not slow"

a11y: $(VENV)/.dev-installed  ## print the axe-core accessibility counts per notebook (never fails)
	$(BIN)/python -m tests.support.axe_report

format: $(VENV)/.dev-installed
	$(BIN)/ruff check --fix platetrails tests benchmarks hub
	$(BIN)/ruff format platetrails tests benchmarks hub

data: $(VENV)/.lab-installed  ## rebuild the class data set in data/, byte for byte (about three minutes on 2 cores)
	$(BIN)/python -m platetrails.build.generate --out data
	$(BIN)/python -m platetrails.build.realism --out data
	$(BIN)/python -m platetrails.build.directory_and_sites --out data
	$(BIN)/python -m platetrails.build.horizon --out data
	$(BIN)/python -m platetrails.build.class_tables --out data
	$(BIN)/python -m platetrails.build.seed_ranges --out data
	$(BIN)/python -m platetrails.build.headline --out data

catalog: $(VENV)/.dev-installed  ## collect new student-facing text (package and notebooks) into the translation catalogues, compile them, build notebooks/<lang>/
	$(BIN)/python -m platetrails.catalogue extract
	$(BIN)/python -m platetrails.catalogue update
	$(BIN)/python -m platetrails.catalogue compile
	$(BIN)/python -m platetrails.catalogue check
	$(BIN)/python -m platetrails.markdown_catalogue extract
	$(BIN)/python -m platetrails.markdown_catalogue update
	$(BIN)/python -m platetrails.markdown_catalogue build
	$(BIN)/python -m platetrails.markdown_catalogue check

# Part two needs Chromium: thirty kernels at once, Voila's first picture, the browser's change-to-picture time and
# kernel memory after heavy use (issue #13); each beside its own baseline from the same run. About 15 minutes.
facts-check: $(VENV)/.lab-installed  ## list the sourced rows about a law that are over a year old: recheck them before a school year
	$(BIN)/python -m platetrails.facts_check

bench: $(VENV)/.dev-installed  ## time the widgets and the notebooks, then a class on this machine
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.classroom

hub:  ## start the class hub (as root) on http://127.0.0.1:8000 for hub/classlist.csv (one-time codes); see docs/hosting.md
	bash hub/setup.sh
	hub/.venv/bin/jupyterhub -f hub/jupyterhub_config.py

load-test: $(VENV)/.dev-installed  ## two classes of 30 simulated students (import-only, then notebook 02), then 30 answers sent to the class view at once, on a fresh class hub (as root, loopback only)
	bash hub/setup.sh
	$(BIN)/python hub/load_test.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache hub/.venv hub/.python hub/node_modules
