#!/usr/bin/env bash
# wasm-bindgen-test of the client shell (tests/wasm_client.rs) against a private emulator, in Node
# and then in headless Chromium through chromedriver (capabilities in webdriver.json).
set -euo pipefail
cd "$(dirname "$0")/../.."
export WAZPER_EMULATOR_BIN=${WAZPER_EMULATOR_BIN:-$PWD/target/debug/wazper-emulator}

run_both() {
  echo "-- wasm_client in Node"
  cargo test --target wasm32-unknown-unknown --test wasm_client
  echo "-- wasm_client in headless Chromium"
  # The runner merges webdriver.json (headless, no sandbox, ...) into chromedriver's capabilities.
  WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver} \
    WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120} \
    cargo test --target wasm32-unknown-unknown --test wasm_client
}
export -f run_both
# -e inside too: a failed Node run must fail the suite, not only the last command.
scripts/with-emulator.sh bash -euo pipefail -c run_both
