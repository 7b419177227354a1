# Gloss: `make demo` builds and serves the demo; `make test` runs every test.
# Both install what is missing first (idempotent: a second run installs nothing).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PORT ?= 8080
CARGO ?= cargo
export PATH := $(HOME)/.cargo/bin:$(PATH)

WASM_TARGET := wasm32-unknown-unknown
# The CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION = $(shell awk '/^name = "wasm-bindgen"$$/{getline; gsub(/version = |"/, ""); print}' Cargo.lock)
PKG := www/pkg
WASM_OUT := target/$(WASM_TARGET)/wasm/gloss.wasm

.PHONY: demo test setup build wasm test-native test-browser test-e2e test-size model clean fuzz

demo: setup build
	@echo "Gloss demo: http://127.0.0.1:$(PORT)/"
	python3 tools/serve.py --port $(PORT) www

test: setup build test-size test-native test-browser test-e2e
	@echo "make test: all three layers passed"

## Set-up: the wasm32 target, wasm-bindgen-cli, Chromium + chromedriver, npm dev dependencies.
setup: .setup-rust .setup-browser node_modules/.installed

.setup-rust:
	@rustup target list --installed | grep -qx $(WASM_TARGET) || rustup target add $(WASM_TARGET)
	@if [ "$$(wasm-bindgen --version 2>/dev/null | awk '{print $$2}')" != "$(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (a few minutes, once)"; \
	  $(CARGO) install wasm-bindgen-cli --version "=$(WASM_BINDGEN_VERSION)"; \
	fi

.setup-browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  echo "installing Debian's chromium and chromium-driver"; \
	  export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; \
	fi

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

## Build: the core as Wasm, its wasm-bindgen glue, optimised by binaryen's wasm-opt.
## wasm-opt: -Oz to a fixed point; no debug or producers sections; memory starts zeroed and its low
## 1 KB is unused (true of Rust's layout), which lets it drop a few bounds and stores (~1 KB gzipped).
build: $(PKG)/gloss_core_bg.wasm

$(PKG)/gloss_core_bg.wasm: $(shell find src -type f 2>/dev/null) build.rs Cargo.toml Cargo.lock
	$(CARGO) build --lib --profile wasm --no-default-features --target $(WASM_TARGET)
	wasm-bindgen --target web --no-typescript --out-dir $(PKG) --out-name gloss_core $(WASM_OUT)
	node_modules/.bin/wasm-opt -Oz --converge --strip-debug --strip-producers --zero-filled-memory --low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-reference-types --enable-multivalue $@ -o $@
	@ls -l $(PKG)

## Tests: native (core), in-browser (wasm-bindgen-test in headless Chromium), end-to-end (Playwright).
test-native:
	$(CARGO) test

test-browser:
	WASM_BINDGEN_TEST_TIMEOUT=180 CHROMEDRIVER=$$(command -v chromedriver) \
	  $(CARGO) test --no-default-features --target $(WASM_TARGET) --test web_dom --test web_pages --test web_ui

test-e2e:
	node --test --test-concurrency=1 tests/e2e/

## The download budget: what the widget fetches (www/gloss*.js, gloss.css, pkg/*.js, pkg/*.wasm), gzip -9, ≤ 300 KB.
test-size: build
	node tools/size_budget.mjs www

## The trained model and gazetteers (committed artifacts), rebuilt from ../shared/data.
model:
	bash tools/make_model.sh

clean:
	rm -rf target $(PKG) node_modules

## Fuzzing (not part of make test): cargo-fuzz with rustup's nightly toolchain.
FUZZ_SECONDS ?= 300
fuzz:
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	cd fuzz && for t in analyze offsets; do \
	  cargo +nightly fuzz run $$t -- -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=2048 || exit 1; \
	done
