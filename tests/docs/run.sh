#!/usr/bin/env bash
# Docs are tests: every README example that states a result runs against pkg/ and must give it.
# Needs the package in pkg/ (scripts/build-pkg.sh) and the emulator binary (WAZPER_EMULATOR_BIN).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f pkg/wazper_bg.wasm ] || { echo "tests/docs: pkg/ is not built (scripts/build-pkg.sh)" >&2; exit 1; }
node --test --test-concurrency=1 --test-reporter=spec tests/docs/
