#!/usr/bin/env bash
# Refreshes data/country/covered.tsv: the candidate names (CLDR alternates, multi-word i18n names)
# that the shipped rules resolve without storing them (see "Names the rules reach" in
# scripts/gen-country-data.mjs). Starts from tables with every candidate left out, then drops the
# names that stop resolving once the others are stored again, until the list is stable; then
# regenerates the tables and checks every listed name. Run after changing the country data or rules.
set -euo pipefail
cd "$(dirname "$0")/.."
write() { COVERED_FROM=$1 cargo test -q -p wazper --test country_data -- --ignored --exact write_covered >/dev/null; }
UNSTORED=all node scripts/gen-country-data.mjs >/dev/null
write candidates
for _ in 1 2 3 4 5 6; do
  before=$(cksum < data/country/covered.tsv)
  node scripts/gen-country-data.mjs >/dev/null
  write covered
  [ "$(cksum < data/country/covered.tsv)" = "$before" ] && break
done
node scripts/gen-country-data.mjs
cargo test -q -p wazper --test country_data every_ 2>&1 | grep -E "test result|panicked"
echo "covered.tsv: $(grep -vc '^#' data/country/covered.tsv) names left to the rules"
