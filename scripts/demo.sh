#!/usr/bin/env bash
# make demo: install, build the package and the emulator, serve www/ and pkg/ on one origin.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build-pkg.sh
cargo build --quiet -p wazper-emulator
port=${PORT:-8787}
echo "wazper demo: open http://127.0.0.1:$port/  (Ctrl-C stops the emulator)"
exec target/debug/wazper-emulator --host 127.0.0.1 --port "$port" --www www --pkg pkg "$@"
