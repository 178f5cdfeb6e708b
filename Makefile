# Two commands after cloning: `make run` serves the site with its content,
# `make test` runs the whole test suite. Everything else is for maintainers.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
MANAGE := $(BIN)/python manage.py

.DEFAULT_GOAL := help
.PHONY: help run test serve lint format messages check-messages lock bench clean

help:
	@echo "make run    - install, migrate, load the content and serve at http://127.0.0.1:$(PORT)/ (DEBUG on)"
	@echo "make test   - install the development tools and run the whole test suite"
	@echo "make serve  - the production server (gunicorn, DEBUG off; needs SECRET_KEY)"
	@echo "make lint   - ruff, the migrations check and the translation catalogue check"
	@echo "make bench  - benchmarks: scrubber, feedback submissions, fuzzed submissions, timeline vs static file, two instances, connections, cost per page at scale, faults, two servers' consistency (bench/README.md)"

# The virtualenv is rebuilt when the declared dependencies change.
$(VENV)/.installed-runtime: pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed-runtime
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	@touch $@

run: $(VENV)/.installed-runtime
	@DEBUG=$${DEBUG:-1} $(MANAGE) migrate --noinput -v 0
	@DEBUG=$${DEBUG:-1} $(MANAGE) load_content --if-empty
	@DEBUG=$${DEBUG:-1} PORT=$(PORT) $(MANAGE) create_demo_editor
	@DEBUG=$${DEBUG:-1} $(MANAGE) runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed-dev
	@$(BIN)/pytest

serve: $(VENV)/.installed-runtime
	@DEBUG=0 $(MANAGE) collectstatic --noinput -v 0
	@DEBUG=0 $(MANAGE) migrate --noinput -v 0
	@# Without CACHE_URL the workers share a file cache (deploy/gunicorn.conf.py refuses locmem).
	@DEBUG=0 PORT=$(PORT) CACHE_URL=$${CACHE_URL:-file://$(CURDIR)/.cache/pages} \
	  $(BIN)/gunicorn --config deploy/gunicorn.conf.py helseplattform.wsgi

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=1 $(MANAGE) makemigrations --check --dry-run
	$(BIN)/python -m helseplattform.messages --check

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract strings (needs GNU gettext, a maintainer tool) and compile them (pure Python).
messages: $(VENV)/.installed-dev
	DEBUG=1 $(MANAGE) makemessages --locale nn --locale en --no-obsolete --ignore '.venv/*' --ignore 'tests/*'
	$(BIN)/python -m helseplattform.messages --compile

check-messages: $(VENV)/.installed-dev
	$(BIN)/python -m helseplattform.messages --check

lock:
	rm -rf /tmp/hp-lock-venv && $(PYTHON) -m venv /tmp/hp-lock-venv
	/tmp/hp-lock-venv/bin/pip install --quiet -e '.[dev]'
	{ echo "# Exact versions for reproducible installs: pip install -c constraints.txt -e '.[dev]'"; \
	  echo "# Regenerate with: make lock"; \
	  /tmp/hp-lock-venv/bin/pip freeze --exclude-editable; } > constraints.txt

# Each script prints its figures and exits non-zero when it misses a target (bench/README.md).
bench: $(VENV)/.installed-dev
	$(BIN)/python bench/scrubber.py
	$(BIN)/python bench/feedback.py
	$(BIN)/python bench/fuzz.py
	$(BIN)/python bench/run.py
	$(BIN)/python bench/instances.py
	$(BIN)/python bench/connections.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/faults.py
	$(BIN)/python bench/consistency.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
