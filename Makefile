# Declutter: the two commands that matter are `make demo` and `make test` (see README.md).
.PHONY: setup build demo test test-native test-wasm test-e2e lint bench clean

PORT ?= 8080

setup:
	./scripts/setup.sh

build: setup
	./scripts/build.sh

# Builds both extension packages and serves the playground, cleaning the demo article.
demo: build
	node scripts/serve.mjs $(PORT)

# The whole suite: native tests and corpus gates, the live-DOM adapter in headless Chromium
# and Firefox, web-ext lint, and the extension end to end in both browsers.
test: build
	./scripts/test.sh

test-native:
	cargo test --release

test-wasm:
	./scripts/test.sh wasm

test-e2e:
	./scripts/test.sh e2e

lint:
	./scripts/test.sh lint

bench: build
	./scripts/bench.sh

clean:
	rm -rf build dist www/pkg tests/e2e/pages/build
