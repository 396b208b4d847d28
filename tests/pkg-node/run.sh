#!/usr/bin/env bash
# The package from its npm tarball in a Node 20 ESM project: surface, helpers, every endpoint
# against a private emulator, package.json shape, and a clean module top level.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node --test --test-reporter=spec tests/pkg-node/node.test.mjs
