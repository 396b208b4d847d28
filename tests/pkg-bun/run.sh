#!/usr/bin/env bash
# The package from its npm tarball in Bun (from npm: @oven/bun-linux-x64): the scenario (helpers and
# every endpoint) against the emulator, and a clean module top level.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node --test --test-reporter=spec tests/pkg-bun/bun.test.mjs
