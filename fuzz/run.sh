#!/usr/bin/env bash
# Runs every cargo-fuzz target (or those named) for SECONDS each:
#   fuzz/run.sh 60            make fuzz: grows fuzz/corpus/<target>/ (kept, committed when useful)
#   fuzz/run.sh 5 --replay    make test: replays fuzz/corpus and fuzz/regressions, then fuzzes into a
#                             scratch folder, so the tracked corpus is not touched
# A crash leaves its input in fuzz/artifacts/<target>/: once fixed, copy it to
# fuzz/regressions/<target>/ so every later run replays it.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}; shift || true
replay=false
if [ "${1:-}" = "--replay" ]; then replay=true; shift; fi
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo +nightly fuzz list)
cargo +nightly fuzz build
scratch=${WAZPER_SCRATCH:-$PWD/../.scratch}/fuzz
mkdir -p "$scratch"
status=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "regressions/$t"
  if $replay; then
    out=$scratch/$t; rm -rf "$out"; mkdir -p "$out"
    dirs=("$out" "corpus/$t" "regressions/$t")
  else
    dirs=("corpus/$t" "regressions/$t")
  fi
  log=$scratch/$t.log
  set +e
  cargo +nightly fuzz run "$t" "${dirs[@]}" -- -max_total_time="$seconds" -max_len=4096 \
    -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  added=$(sed -n 's/^stat::new_units_added: *//p' "$log")
  if [ $rc -eq 0 ]; then
    echo "fuzz $t: ok, ${runs:-?} runs in ${seconds}s, ${added:-0} new corpus entries"
  else
    echo "fuzz $t: FAILED (exit $rc); the input is in fuzz/artifacts/$t/"
    grep -E "panicked|SUMMARY|Failing input|ERROR" "$log" | head -20 || tail -30 "$log"
    status=1
  fi
done
exit $status
