#!/usr/bin/env bash
# Country from the request (issue 15): countryFromRequest in Node over every request shape, and in
# workerd (miniflare) the keyless client -> edge proxy -> emulator path with the country filled
# from request.cf.country or a trusted platform header; the examples/ files as the README shows them.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f pkg/wazper_bg.wasm ] || { echo "tests/geo: pkg/ is not built (scripts/build-pkg.sh)" >&2; exit 1; }
node --test --test-concurrency=1 tests/geo/*.test.mjs
