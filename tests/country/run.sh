#!/usr/bin/env bash
# Country helpers through the built package: Node (node --test) and headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f pkg/wazper_bg.wasm ] || { echo "pkg/ not built (scripts/build-pkg.sh)" >&2; exit 1; }
node --test tests/country/country.test.mjs
node tests/country/chromium.mjs
