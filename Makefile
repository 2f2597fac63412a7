# The two commands of this project (see README.md):
#   make serve   build the page and serve it on http://127.0.0.1:8080
#   make test    run every check and test suite, as CI does
# Both first run scripts/setup.sh, which installs only what is missing.

SHELL := bash
# Where cargo installs binaries (trunk, wasm-bindgen): $CARGO_HOME/bin when CARGO_HOME is set
# (Docker images, CI runners, shared build hosts), else ~/.cargo/bin, as cargo itself decides.
CARGO_BIN := $(if $(CARGO_HOME),$(CARGO_HOME)/bin,$(HOME)/.cargo/bin)
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: setup serve test build dist bench bench-audit fuzz

setup:
	@scripts/setup.sh

# Development serves the page without offline use (HOPSCOPE_OFFLINE=off: sw.js removes any
# build a browser kept, and no worker is registered), so a reload always shows the latest
# build. To try offline use and updates: make serve HOPSCOPE_OFFLINE=on (README, "Offline").
serve: setup
	@echo "Hopscope: serving on http://127.0.0.1:8080 (Ctrl-C to stop)"
	HOPSCOPE_OFFLINE=$(or $(HOPSCOPE_OFFLINE),off) trunk serve --release

test: setup
	@scripts/test.sh

# Production build: a static dist/ for any static host (see README, "Hosting").
dist build: setup
	trunk build --release
	@node scripts/size-report.mjs dist

bench:
	cargo bench -p hopscope-core --bench analyze
	cargo bench -p hopscope-cli --bench files

# hopscope audit and the mbox splitter on a generated 1 GB mailbox (written under target/):
#   make bench-audit [HOPSCOPE_BENCH_MB=1024]
bench-audit:
	cargo bench -p hopscope-cli --bench audit

# Fuzzing (needs nightly and cargo-fuzz; not part of `make test`):
#   make fuzz FUZZ_SECONDS=600
# runs each target for that long. A crash input lands in fuzz/artifacts/<target>/: copy it to
# fuzz/regressions/<target>/ so `make test` replays it for good.
FUZZ_SECONDS ?= 300
FUZZ_TARGETS := analyze_bytes analyze_headers mbox_split share_decode
fuzz:
	@command -v cargo-fuzz >/dev/null || cargo install --locked cargo-fuzz
	@for t in $(FUZZ_TARGETS); do \
	  echo "== fuzzing $$t for $(FUZZ_SECONDS)s"; \
	  mkdir -p fuzz/corpus/$$t; \
	  cargo +nightly fuzz run $$t fuzz/corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 2>&1 | grep -E "stat::number_of_executed_units|Done|ERROR|crash" ; \
	done
