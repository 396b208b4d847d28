#!/usr/bin/env bash
# The cargo-fuzz targets (fuzz/), briefly: every committed corpus and regression input is replayed
# (a crash found once stays a test), then each target fuzzes for FUZZ_TEST_SECONDS (default 5).
# `make fuzz` runs them for longer and keeps what they find.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec fuzz/run.sh "${FUZZ_TEST_SECONDS:-5}" --replay
