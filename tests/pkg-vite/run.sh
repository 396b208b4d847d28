#!/usr/bin/env bash
# The package from its npm tarball in a Vite 7 app: `vite build` and the dev server with no plugin or config, served
# from its own origin, run in headless Chromium, calling the emulator through its CORS.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node --test --test-reporter=spec tests/pkg-vite/vite.test.mjs
