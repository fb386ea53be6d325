# Two commands for a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DEMO   := demo/house.sqlite
STAMP  := $(VENV)/.installed

.PHONY: run test lint translations clean

$(STAMP): pyproject.toml
	PYTHON=$(PYTHON) sh tools/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Start the desktop app; the first time on a demo house (log in as admin / demo-1234-kran).
run: $(STAMP)
	test -f $(DEMO) || ( mkdir -p demo && printf 'demo-1234-kran\n' > demo/password.txt \
	    && $(BIN)/bgfuture-desk init --db $(DEMO) --house kran --admin admin \
	       --admin-name 'Администратор на демото' --password-file demo/password.txt \
	    && $(BIN)/bgfuture-desk demo --db $(DEMO) --families 120 --seed 1 )
	$(BIN)/bgfuture-desk --db $(DEMO)

# Every test, then the lint and the type check; CI runs exactly this. The consolidation
# tests also run against PostgreSQL: a throwaway server is started for them and stopped
# afterwards, pass or fail.
test: $(STAMP)
	sh tools/system-deps.sh --tests
	PYTHON=$(PYTHON) sh tools/postgres-test.sh run $(BIN)/python -m pytest -q
	$(BIN)/ruff check .
	$(BIN)/python -m mypy bgfuture_desk

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m mypy bgfuture_desk

translations: $(STAMP)
	$(BIN)/python -m bgfuture_desk.i18n_build compile
	$(BIN)/python -m bgfuture_desk.i18n_build check

clean:
	rm -rf $(VENV) demo .pytest_cache
