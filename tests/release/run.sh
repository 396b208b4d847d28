#!/usr/bin/env bash
# make release, as a dry run against a local stub registry: passes on the built package, and refuses
# (publishing nothing) a version mismatch, a missing or undated changelog entry, a missing, stray or
# unreferenced file, an over-budget tarball and a version the registry already has.
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node --test --test-reporter=spec tests/release/release.test.mjs
