#!/usr/bin/env bash
# The shipped types, from the npm tarball: `tsc --noEmit --strict` on code that uses every export
# (moduleResolution bundler and nodenext), with @ts-expect-error on misuses.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node --test --test-reporter=spec tests/pkg-types/types.test.mjs
