.PHONY: run test lint
run:
	sh scripts/dev.sh run

test:
	sh scripts/dev.sh test

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .
