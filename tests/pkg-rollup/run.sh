#!/usr/bin/env bash
# The package from its npm tarball bundled by Rollup with only @rollup/plugin-node-resolve (defaults):
# the embedded form, run in headless Chromium against the emulator.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node --test --test-reporter=spec tests/pkg-rollup/rollup.test.mjs
