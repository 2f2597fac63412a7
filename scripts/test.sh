#!/usr/bin/env bash
# Everything CI checks, in order, cheapest first. Called by `make test` after setup.
set -euo pipefail
cd "$(dirname "$0")/.."
# cargo installs binaries into $CARGO_HOME/bin when CARGO_HOME is set, else ~/.cargo/bin.
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "rustfmt"
cargo fmt --all --check

step "clippy (host)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "clippy (wasm32)"
cargo clippy --target wasm32-unknown-unknown -p hopscope-app -p hopscope-core -p hopscope-lookup -p hopscope-engine --all-targets --locked -- -D warnings

step "native tests (core, CLI, engine, app logic)"
cargo test --workspace --locked

step "the core without its speed feature, as the page's own wasm builds it (same answers)"
cargo clippy -p hopscope-core --no-default-features --all-targets --locked -- -D warnings
cargo test -p hopscope-core --no-default-features --locked

step "lookups against local DNS and HTTPS servers on 127.0.0.1 (lookup net feature, CLI --lookup)"
cargo clippy -p hopscope-lookup --all-targets --all-features --locked -- -D warnings
cargo clippy -p hopscope-cli --all-targets --features test-hooks --locked -- -D warnings
cargo test -p hopscope-lookup --features net --locked --test net
cargo test -p hopscope-cli --features test-hooks --locked --test lookup

step "browser tests: wasm-bindgen-test in headless Chromium"
cargo test --target wasm32-unknown-unknown -p hopscope-app --locked

step "release build (trunk)"
rm -rf dist
trunk build --release
node scripts/size-report.mjs dist

step "end-to-end: Playwright in Chromium against dist/"
node --test --test-reporter=spec tests/e2e/
