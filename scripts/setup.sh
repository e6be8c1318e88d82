#!/usr/bin/env bash
# One-time (idempotent) setup of a fresh Debian 12 machine for building and testing Declutter.
# Every step is skipped when what it installs is already there, so `make demo` / `make test` can
# call it each time. Installs: Debian's chromium, chromium-driver, firefox-esr; the wasm32 rustup
# target; wasm-bindgen-cli pinned to the crate version in Cargo.lock; geckodriver; npm packages
# from the committed package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."
# Runs a step and reports its time; returns the step's own status (under `if !` errexit is off,
# so without this a failed step would read as a success and its fallback never run).
t() { local s rc=0; s=$(date +%s); "$@" || rc=$?; echo "setup: [$(( $(date +%s) - s ))s] $* (exit $rc)"; return $rc; }

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

# --- Debian packages ----------------------------------------------------------------------------
need_apt=()
command -v chromium >/dev/null     || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
command -v firefox-esr >/dev/null  || need_apt+=(firefox-esr)
command -v zip >/dev/null          || need_apt+=(zip)
command -v unzip >/dev/null        || need_apt+=(unzip)
if [ ${#need_apt[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  t $SUDO apt-get update -qq
  t $SUDO apt-get install -y -qq "${need_apt[@]}"
fi
# Node 20+ is required by playwright-core and web-ext (Debian 12's own nodejs is 18).
node -e 'if (+process.versions.node.split(".")[0] < 20) { console.error("setup: need node >= 20, found " + process.version); process.exit(1) }'

# --- Rust ----------------------------------------------------------------------------------------
rustup target list --installed | grep -qx wasm32-unknown-unknown || t rustup target add wasm32-unknown-unknown

# wasm-bindgen-cli must equal the wasm-bindgen crate version in Cargo.lock exactly.
WBG=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3}' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WBG" ]; then
  if ! t cargo install wasm-bindgen-cli --version "=$WBG" --locked; then
    # The registry mirror here lacks the webpki-roots release pinned by the CLI's own lockfile:
    # install from the downloaded source with only that crate moved to a release the mirror has.
    unpacked=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/wasm-bindgen-cli-"$WBG" 2>/dev/null | head -1 || true)
    if [ -z "$unpacked" ] || [ ! -d "$unpacked" ]; then
      echo "setup: cargo install wasm-bindgen-cli $WBG failed before it unpacked the source; see its error above" >&2
      exit 1
    fi
    src=$(mktemp -d)
    cp -r "$unpacked"/. "$src"/
    (cd "$src" && cargo update -p webpki-roots --precise 1.0.10)
    t cargo install --path "$src" --locked
    rm -rf "$src"
  fi
fi
# 0.37.1 (the e2e tests pass --allow-system-access, which older releases reject).
[ "$(geckodriver --version 2>/dev/null | awk 'NR==1{print $2}')" = 0.37.1 ] || t cargo install geckodriver --version 0.37.1 --locked --force

# --- npm (test harness, bundler, wasm-opt, web-ext, Readability for the benchmark) ---------------
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  t npm ci --no-audit --no-fund
fi
