#!/usr/bin/env bash
# The built package's client (pkg/, Node entry) against hostile node:http upstreams: lost responses
# after a sync was accepted, absurd Retry-After values, impossible dates, upper-cased key echoes.
# Needs the package in pkg/ (scripts/build-pkg.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f pkg/wazper_bg.wasm ] || { echo "tests/hostile: pkg/ is not built (scripts/build-pkg.sh)" >&2; exit 1; }
node --test --test-reporter=spec tests/hostile/
