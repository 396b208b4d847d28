#!/usr/bin/env bash
# The package from its npm tarball bundled by esbuild --bundle --platform=browser (its default IIFE
# format, no plugin): the embedded form, run in headless Chromium against the emulator.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node --test --test-reporter=spec tests/pkg-esbuild/esbuild.test.mjs
