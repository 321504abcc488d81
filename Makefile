# FieldSales: `make run` starts the app on demo data; `make test` runs the whole suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench lint typecheck setup system-deps system-deps-test system-deps-package server clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

system-deps:
	./packaging/system-deps.sh run

system-deps-test:
	./packaging/system-deps.sh test

system-deps-package:
	./packaging/system-deps.sh package

run: system-deps setup
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ] && [ "$$QT_QPA_PLATFORM" != "offscreen" ]; then \
	  echo "FieldSales needs a graphical desktop: no DISPLAY or WAYLAND_DISPLAY is set on this machine."; \
	  echo "Run it from a desktop session, or try 'xvfb-run make run', or take screenshots with:"; \
	  echo "  QT_QPA_PLATFORM=offscreen $(BIN)/fieldsales --demo --screenshots shots/"; \
	  exit 2; \
	fi
	$(BIN)/fieldsales --demo

server: setup
	$(BIN)/fieldsales-server run

lint: setup
	$(BIN)/ruff check app ui sync ocr tests bench packaging
	$(BIN)/lint-imports

typecheck: setup
	$(BIN)/mypy

# The suite, then the built desktop bundle (`package-test`: rebuilt first when stale), so a
# missing plugin or data file fails here and not on a rep's laptop.
test: system-deps-test setup lint typecheck
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q
	$(MAKE) package-test

bench: system-deps-test setup
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench.run $(BENCH)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache

# Desktop bundle (PyInstaller one-folder) and its .deb: dist/fieldsales/, dist/fieldsales_<v>_<arch>.deb
PACKAGE_STAMP := $(VENV)/.installed-package
.PHONY: package package-test

$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev,package]'
	touch $(PACKAGE_STAMP)

package: system-deps-package $(PACKAGE_STAMP)
	$(BIN)/python -m ui.i18n
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
	  --workpath build/pyinstaller packaging/fieldsales.spec
	PYTHON=$(BIN)/python ./packaging/build-deb.sh dist/fieldsales dist
	@du -sh dist/fieldsales dist/fieldsales_*.deb

# Runs the BUILT app (offscreen screenshots, X11 start-up time); rebuilds it first when any
# input is newer than the bundle, so it never tests a stale build.
PACKAGE_INPUTS := pyproject.toml $(shell find app ui sync ocr resources packaging -type f \
	-not -path '*/__pycache__/*' 2>/dev/null)
dist/fieldsales/fieldsales: $(PACKAGE_STAMP) $(PACKAGE_INPUTS)
	$(MAKE) package

package-test: system-deps-test $(PACKAGE_STAMP) dist/fieldsales/fieldsales
	FIELDSALES_PACKAGE_TEST=1 $(BIN)/pytest -q tests/packaging
