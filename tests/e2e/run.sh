#!/usr/bin/env bash
# The demo page end to end: headless Chromium (playwright-core) against a private emulator.
# Needs the emulator binary (WAZPER_EMULATOR_BIN or target/debug) and the package built into pkg/.
# Screenshots land in $WAZPER_SCRATCH/artifacts (or .scratch/artifacts).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f pkg/web.js ] || { echo "e2e: pkg/web.js missing: run scripts/build-pkg.sh first" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "e2e: /usr/bin/chromium missing: run scripts/setup.sh --test" >&2; exit 1; }
exec node --test --test-concurrency=1 --test-reporter=spec tests/e2e/demo.test.mjs tests/e2e/edge.test.mjs
