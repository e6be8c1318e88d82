#!/usr/bin/env bash
# Builds everything: the two wasm modules, the CLI, the extension for Chrome and Firefox (folders,
# zip, xpi), the ES-module package for web pages, and the playground's copy of it.
#   dist/chrome/ dist/firefox/          unpacked extensions
#   dist/declutter-chrome.zip           Chrome (load unpacked, or the store upload)
#   dist/declutter-firefox.xpi          Firefox
#   dist/pkg/                           the core as ES modules with .d.ts (and the reader module)
#   target/release/declutter            the CLI
set -euo pipefail
cd "$(dirname "$0")/.."
WASM_OPT=(node node_modules/binaryen/bin/wasm-opt)   # npm binaryen: Debian's wasm-opt 108 miscompiles wasm-bindgen output
step() { echo "build: $*"; }

lockver=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/"/,"",$3); print $3}' Cargo.lock)
cliver=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)   # missing: say so below
if [ "$lockver" != "$cliver" ]; then
  echo "build: wasm-bindgen CLI ${cliver:-missing} != crate $lockver; run scripts/setup.sh" >&2
  exit 1
fi

rm -rf build && mkdir -p build
# $1 output name, $2 cargo feature, $3 cargo profile, $4 wasm-opt level, then rustc flags.
# `cargo rustc --crate-type cdylib` (not `cargo build`): with crate-type = ["cdylib", "rlib"]
# a plain build silently skips LTO.
wasm_module() {
  local name=$1 feature=$2 profile=$3 level=$4
  shift 4
  step "wasm $name ($feature, profile $profile${*:+, $*})"
  cargo rustc --quiet --lib --profile "$profile" --target wasm32-unknown-unknown --crate-type cdylib \
    --no-default-features --features "$feature" -- "$@"
  cp "target/wasm32-unknown-unknown/$profile/declutter.wasm" "build/$name.raw.wasm"
  wasm-bindgen --target web --out-dir "build/$name" --out-name "$name" \
    --remove-name-section --remove-producers-section "build/$name.raw.wasm"
  # --low-memory-unused: no data lives below address 1024, so constant offsets fold into loads
  # and stores (about 300 B of the core gzipped). True of Rust's wasm32 layout: the stack comes
  # first, growing down from 1 MiB to 0 (the low KiB is its far end, reached only by an
  # overflow), static data starts at 1 MiB, and src/alloc.rs takes pages above it.
  "${WASM_OPT[@]}" "$level" --low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "build/$name/${name}_bg.wasm" -o "build/$name/${name}_bg.wasm"
}
# The core: size first (opt-level "z"), with LLVM's inlining at opt-level "s"'s threshold (75;
# "z" uses 25). Measured in one Chromium, old core against new, same decisions: a clean takes
# 0.90x the time for about 1 KB gzipped, paid for by the core's own allocator (src/alloc.rs; see
# the README's speed section). make test checks the budget.
wasm_module declutter wasm-core wasm -Oz -C llvm-args=-inline-threshold=75
wasm_module declutter_reader wasm-reader wasm-reader -Os

step "cli"
cargo build --quiet --release --bin declutter

step "bundles, extension, pkg, playground"
node scripts/bundle.mjs

# Smoke test: both optimized modules instantiate and answer (catches broken optimizer output
# before any browser run).
node --input-type=module -e '
  import fs from "node:fs";
  const core = await import(process.cwd() + "/dist/pkg/declutter.js");
  core.initSync({ module: fs.readFileSync("dist/pkg/declutter_bg.wasm") });
  const reader = await import(process.cwd() + "/dist/pkg/declutter_reader.js");
  reader.initSync({ module: fs.readFileSync("dist/pkg/declutter_reader_bg.wasm") });
  const css = reader.stylesheet({});
  const clean = reader.sanitize("<b onclick=x>ok</b><script>x</script>");
  if (typeof core.clean !== "function" || !css.includes("data-declutter") || clean !== "<b>ok</b>") { console.error("smoke test failed", clean); process.exit(1); }
  console.log("build: smoke test ok (core " + core.version() + ")");
'

for f in dist/pkg/declutter_bg.wasm dist/pkg/declutter_reader_bg.wasm; do
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  printf 'build: %-32s %8d bytes, %7d gzipped\n' "$(basename "$f")" "$raw" "$gz"
done
ls -l dist/declutter-chrome.zip dist/declutter-firefox.xpi target/release/declutter | awk '{printf "build: %-32s %8d bytes\n", $9, $5}'
