#!/usr/bin/env bash
# JS property/fuzz test of every export of the built package (pkg/): junk in, no trap out.
# JUNK_SEED reproduces a run (the seed is printed); JUNK_ITERATIONS sets its length.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f pkg/wazper_bg.wasm ] || { echo "pkg/ is not built (scripts/build-pkg.sh)" >&2; exit 1; }
node --test --test-reporter=spec tests/junk/
