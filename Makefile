.PHONY: run setup test lint package-test
run:
	sh scripts/dev.sh run

setup:
	sh scripts/dev.sh setup

test:
	sh scripts/dev.sh test

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

package-test:
	sh packaging/package_test.sh
