#!/usr/bin/env bash
# Country helpers through the built package: Node (node --test) and headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f pkg/wazper_bg.wasm ] || { echo "pkg/ not built (scripts/build-pkg.sh)" >&2; exit 1; }
node --test tests/country/country.test.mjs
node tests/country/chromium.mjs
# The committed tables are exactly what the generator makes from the recorded sources.
out=$(mktemp -d)
COUNTRY_OUT_DIR=$out/ node scripts/gen-country-data.mjs >/dev/null
for f in data.rs fold.bin latin.bin hashed.bin tz.bin; do cmp "$out/$f" "src/country/$f"; done
cmp "$out/conflicts.generated.tsv" data/country/conflicts.generated.tsv
cmp "$out/cldr-alt.generated.tsv" data/country/cldr-alt.generated.tsv
cmp "$out/covered-candidates.generated.tsv" data/country/covered-candidates.generated.tsv
rm -rf "$out"
echo "country generator reproduces the committed tables"
