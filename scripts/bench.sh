#!/usr/bin/env bash
# Benchmarks: speed and size against baselines run in the same process (see README, "Speed").
set -euo pipefail
cd "$(dirname "$0")/.."
node tests/bench/run.mjs "$@"
