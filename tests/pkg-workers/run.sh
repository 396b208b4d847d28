#!/usr/bin/env bash
# The package from its npm tarball in a Cloudflare module Worker: bundled by wrangler (workerd
# condition, .wasm imported as a module), run in the real workerd runtime through miniflare on
# loopback, calling the emulator.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node --test --test-reporter=spec tests/pkg-workers/workers.test.mjs
