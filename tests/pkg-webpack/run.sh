#!/usr/bin/env bash
# The package from its npm tarball bundled by webpack 5 with its default configuration (src/index.js ->
# dist/main.js, production): the asset form, run in headless Chromium against the emulator.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node --test --test-reporter=spec tests/pkg-webpack/webpack.test.mjs
