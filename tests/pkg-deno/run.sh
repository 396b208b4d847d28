#!/usr/bin/env bash
# The package from its npm tarball in Deno 2 (from npm: @deno/linux-x64-glibc): the helpers with no
# permission at all, the client with --allow-net for the emulator only, against the emulator.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node --test --test-reporter=spec tests/pkg-deno/deno.test.mjs
