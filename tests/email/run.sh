#!/usr/bin/env bash
# The email helpers of the built package (pkg/): Node (node --test) and headless Chromium, plus the
# generator's reproduction check. Needs scripts/build-pkg.sh to have run.
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "-- email helpers in Node"
node --test tests/email/email.test.mjs
echo "-- email helpers in headless Chromium"
node tests/email/chromium.mjs
