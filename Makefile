# Thin wrappers over scripts/ so both `make test` and `scripts/test.sh` work (make is optional).
.PHONY: install run test lint format bench package clean

install:
	scripts/setup.sh

run:
	scripts/run.sh

test:
	scripts/test.sh

lint:
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format:
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

bench:
	.venv/bin/python -m benchmarks.run_all

clean:
	rm -rf build dist .pytest_cache .ruff_cache

# Desktop bundle (PyInstaller one-folder + tarball) in dist/; several minutes, not part of `test`.
package:
	scripts/package.sh

# Build the bundle, then smoke-test it from outside any Python environment (tests/packaging).
.PHONY: package-test
package-test: package
	MOCKINTERVIEW_PACKAGE_TEST=1 .venv/bin/python -m pytest tests/packaging -q
