#!/usr/bin/env bash
# Installs what building and testing Hopscope needs, and only what is missing. Idempotent:
# a second run checks versions and returns in seconds. Every version is pinned; everything
# comes from the package registries (crates.io, npm, Debian apt).
set -euo pipefail
cd "$(dirname "$0")/.."
# What cargo installs lands in $CARGO_HOME/bin (when set) or ~/.cargo/bin: look there first, so a
# second run finds what the first installed even when called directly, not through make.
export PATH="$PWD/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
# wasm-bindgen-cli must equal the wasm-bindgen crate in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)

step() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
start=$(date +%s)

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  step "installing trunk $TRUNK_VERSION (takes several minutes once)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lockfile names a crate version this registry mirror lacks.
  cargo install --force "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  step "installing Debian's chromium and chromium-driver"
  as_root apt-get update -q
  as_root apt-get install -y -q -o DPkg::Lock::Timeout=600 chromium chromium-driver
fi

# npm tools (wasm-opt from binaryen, playwright-core), pinned in package.json / package-lock.json.
# A stamp records which package-lock.json node_modules/ was installed from.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
   || ! cmp -s package-lock.json node_modules/.hopscope-installed-from 2>/dev/null; then
  step "installing npm tools (binaryen $BINARYEN_VERSION, playwright-core)"
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.hopscope-installed-from
fi
if [ "$(node_modules/.bin/wasm-opt --version | awk '{print $3}')" != "$BINARYEN_VERSION" ]; then
  echo "setup: node_modules/.bin/wasm-opt is not binaryen $BINARYEN_VERSION" >&2
  exit 1
fi

# Trunk runs offline: every crate must be in the local registry cache.
cargo fetch --quiet

echo "setup: ready in $(( $(date +%s) - start ))s (trunk $TRUNK_VERSION, wasm-bindgen $WASM_BINDGEN_VERSION, wasm-opt $BINARYEN_VERSION, $(chromium --version 2>/dev/null | awk '{print $1, $2}'))"
