# The two commands of this project (see README.md):
#   make serve   build the page and serve it on http://127.0.0.1:8080
#   make test    run every check and test suite, as CI does
# Both first run scripts/setup.sh, which installs only what is missing.

SHELL := bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

.PHONY: setup serve test build dist bench fuzz

setup:
	@scripts/setup.sh

serve: setup
	@echo "Hopscope: serving on http://127.0.0.1:8080 (Ctrl-C to stop)"
	trunk serve --release

test: setup
	@scripts/test.sh

# Production build: a static dist/ for any static host (see README, "Hosting").
dist build: setup
	trunk build --release
	@node scripts/size-report.mjs dist

bench:
	cargo bench -p hopscope-core --bench analyze
