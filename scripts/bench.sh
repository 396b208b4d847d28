#!/usr/bin/env bash
# make bench: builds the package and the emulator, then runs every bench/<concept>.mjs in one Node
# process (bench/run.mjs): one table on stdout, bench/results/latest.json on disk.
#   scripts/bench.sh [concept ...]   only those concepts (e.g. size import)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build-pkg.sh
cargo build --quiet -p wazper-emulator
export WAZPER_EMULATOR_BIN=${WAZPER_EMULATOR_BIN:-$PWD/target/debug/wazper-emulator}
scratch=$PWD/.scratch/bench
mkdir -p "$scratch/tmp"
export TMPDIR=$scratch/tmp WAZPER_SCRATCH=$scratch
exec node bench/run.mjs "$@"
