#!/usr/bin/env bash
# make release: build pkg/, check it is ready to publish (scripts/release-check.mjs: version, changelog
# entry, tarball file list, size), then `npm publish` it. A dry run (`npm publish --dry-run`) unless
# RELEASE=1, which publishes for real and also wants a clean git tree and a dated changelog entry.
#   make release              checks + npm publish --dry-run
#   make release RELEASE=1    checks + npm publish (log in to npm first)
# The registry is npm's configured one (npm_config_registry overrides it; tests/release uses a local
# stub). For tests, the inputs can be moved: WAZPER_RELEASE_PKG (default pkg), WAZPER_RELEASE_CARGO_TOML,
# WAZPER_RELEASE_CHANGELOG, and WAZPER_RELEASE_NO_BUILD=1 checks an existing pkg/ without rebuilding.
set -euo pipefail
cd "$(dirname "$0")/.."

pkg=${WAZPER_RELEASE_PKG:-pkg}
cargo_toml=${WAZPER_RELEASE_CARGO_TOML:-Cargo.toml}
changelog=${WAZPER_RELEASE_CHANGELOG:-CHANGELOG.md}
real=${RELEASE:-0}

if [ "${WAZPER_RELEASE_NO_BUILD:-0}" != 1 ]; then
  scripts/setup.sh
  scripts/build-pkg.sh
fi
[ -f "$pkg/package.json" ] || { echo "release: no package in $pkg/ (run make pkg)" >&2; exit 1; }

check=(node scripts/release-check.mjs)
if [ "$real" = 1 ]; then
  # What is published must be what is committed.
  if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
    echo "release: FAIL the git tree has uncommitted changes; nothing published" >&2
    exit 1
  fi
  check+=(--real)
fi
"${check[@]}" "$pkg" "$cargo_toml" "$changelog"

if [ "$real" = 1 ]; then
  (cd "$pkg" && npm publish --ignore-scripts)
else
  (cd "$pkg" && npm publish --dry-run --ignore-scripts)
  echo "release: dry run passed; RELEASE=1 publishes for real"
fi
