#!/usr/bin/env bash
# The package from its npm tarball bundled by bun build: --target=browser run in headless Chromium,
# --target=node run by Node from another folder; both the embedded form, against the emulator.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node --test --test-reporter=spec tests/pkg-bun-build/bun-build.test.mjs
