#!/usr/bin/env bash
# make test: installs what is missing, then runs every test. Each suite is tests/<name>/run.sh,
# run in name order with a built package in pkg/ and the emulator binary ready.
#   scripts/test.sh                 everything (make test)
#   scripts/test.sh SUITE ...       only those suites (no cargo test; "native" names the cargo tests)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test

only=("$@")

# CI replays fixed seeds, so a red run can be reproduced and a green one is no luck of the draw;
# local runs explore fresh ones (every run prints or stores its seed).
if [ -n "${CI:-}" ]; then
  export PROPTEST_RNG_SEED=${PROPTEST_RNG_SEED:-20261127} JUNK_SEED=${JUNK_SEED:-20261127}
fi
wanted() { [ ${#only[@]} -eq 0 ] || [[ " ${only[*]} " == *" $1 "* ]]; }

if wanted native; then
  echo "== native: cargo test --workspace"
  cargo test --workspace --quiet
fi

cargo build --quiet -p wazper-emulator
export WAZPER_EMULATOR_BIN=$PWD/target/debug/wazper-emulator
scripts/build-pkg.sh

# Chromium and chromedriver leave profiles in TMPDIR and the XDG folders: keep them in a scratch dir.
scratch=$PWD/.scratch/test
rm -rf "$scratch"; mkdir -p "$scratch/tmp" "$scratch/config" "$scratch/cache"
# wasm-bindgen-test-runner writes CommonJS .js files into TMPDIR: inside this repo they would be read
# as ES modules (package.json "type": "module") unless the scratch folder declares its own type.
echo '{ "type": "commonjs" }' > "$scratch/package.json"
export TMPDIR=$scratch/tmp XDG_CONFIG_HOME=$scratch/config XDG_CACHE_HOME=$scratch/cache WAZPER_SCRATCH=$scratch

passed=0; failed=0; failures=()
for suite in tests/*/run.sh; do
  name=$(basename "$(dirname "$suite")")
  wanted "$name" || continue
  echo "== suite: $name"
  if bash "$suite"; then passed=$((passed + 1)); else failed=$((failed + 1)); failures+=("$name"); fi
done
[ $failed -eq 0 ] || echo "failed suites: ${failures[*]}"
echo "suites: $passed passed, $failed failed"
[ $failed -eq 0 ]
