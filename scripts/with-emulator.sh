#!/usr/bin/env bash
# Runs a command with a private emulator on a free loopback port: WAZPER_EMULATOR_URL is exported
# to it, and the emulator is stopped however the command ends.
#   scripts/with-emulator.sh [emulator flags --] command args...
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${WAZPER_EMULATOR_BIN:-$root/target/debug/wazper-emulator}
flags=()
if printf '%s\n' "$@" | grep -qx -- '--'; then
  while [ "$1" != "--" ]; do flags+=("$1"); shift; done; shift
fi
log=$(mktemp)
"$bin" --host 127.0.0.1 --port 0 --www "$root/www" --pkg "$root/pkg" "${flags[@]}" >"$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 100); do
  url=$(sed -n 's/.*listening on \(http:[^ ]*\).*/\1/p' "$log" | head -n1)
  [ -n "$url" ] && break
  kill -0 $pid 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[ -n "${url:-}" ] || { echo "emulator did not start" >&2; cat "$log" >&2; exit 1; }
export WAZPER_EMULATOR_URL=$url
"$@"
