#!/usr/bin/env bash
# The package from its npm tarball as plain browser ES modules: `wazper/web` through an import map,
# `await init()`, in headless Chromium, calling the emulator through its CORS.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node --test --test-reporter=spec tests/pkg-web/web.test.mjs
