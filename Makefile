# Developer entry points; each target calls a script in .ci/ (see README.md).
.PHONY: run test lint

run:
	bash .ci/serve

test:
	bash .ci/test

lint:
	bash .ci/test --lint
