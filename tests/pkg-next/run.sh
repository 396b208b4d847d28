#!/usr/bin/env bash
# The package from its npm tarball in a Next.js 16 app (App Router, Turbopack, no next.config): a
# client component and a route handler, `next build` + `next start`, the page in headless Chromium
# and the route handler over HTTP, both against the emulator; then `next dev` on the same app. The
# slowest row (next build).
set -euo pipefail
cd "$(dirname "$0")/../.."
exec node --test --test-reporter=spec tests/pkg-next/next.test.mjs
