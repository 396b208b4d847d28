#!/usr/bin/env bash
# The edge proxy (createWazperProxy) in real workerd via miniflare, against a private emulator.
# Needs the package in pkg/ (scripts/build-pkg.sh) and the emulator binary (WAZPER_EMULATOR_BIN).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f pkg/wazper_bg.wasm ] || { echo "tests/proxy: pkg/ is not built (scripts/build-pkg.sh)" >&2; exit 1; }
node --test --test-concurrency=1 tests/proxy/*.test.mjs
