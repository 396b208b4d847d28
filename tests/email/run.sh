#!/usr/bin/env bash
# The email helpers of the built package (pkg/): Node (node --test) and headless Chromium, plus the
# generator's reproduction check, coverage on the public lists and wazper/disposable's loader. Needs scripts/build-pkg.sh to have run.
set -euo pipefail
cd "$(dirname "$0")/../.."
echo "-- email helpers in Node"
node --test tests/email/email.test.mjs tests/email/coverage.test.mjs tests/email/readme.test.mjs tests/email/extend.test.mjs
echo "-- email helpers in headless Chromium"
node tests/email/chromium.mjs
echo "-- wazper/disposable in a Worker (wrangler + workerd) and a Vite build (Chromium)"
node --test tests/email/workers.test.mjs tests/email/vite.test.mjs
