#!/usr/bin/env bash
# Refreshes data/country/cldr-alt-covered.tsv: the CLDR alternate names the shipped rules already
# resolve without storing them (see scripts/gen-country-data.mjs), then regenerates the tables and
# checks that every alternate name resolves. Run after changing the country data or rules.
set -euo pipefail
cd "$(dirname "$0")/.."
CLDR_ALT=none node scripts/gen-country-data.mjs >/dev/null
cargo test -q -p wazper --test country_data -- --ignored --exact write_cldr_alt_covered
node scripts/gen-country-data.mjs
cargo test -q -p wazper --test country_data every_cldr_alternate_name_resolves_in_every_runtime
