#!/usr/bin/env bash
# Runs spider-opt-fuzzer for a bounded time on the seed corpus cut from the
# lit tests (make-seed-corpus.py) and on the corpus earlier runs grew.
# Fails on any crash, hang (an input over 10 s), leak or out-of-memory.
#
# Usage: fuzz/run-fuzzer.sh BUILD_DIR SECONDS [libFuzzer flags...]
set -euo pipefail
build=$1
seconds=$2
shift 2
src=$(cd "$(dirname "$0")/.." && pwd)
work=$build/fuzz
mkdir -p "$work/corpus" "$work/artifacts"
rm -rf "$work/seeds"
python3 "$src/fuzz/make-seed-corpus.py" "$src" "$work/seeds" 16384
# One process, bounded: -timeout flags a hang, -rss_limit_mb (also the
# malloc limit) an allocation that would not fit.
set +e
"$build/bin/spider-opt-fuzzer" -max_total_time="$seconds" -timeout=10 \
  -rss_limit_mb=4096 -max_len=16384 -print_final_stats=1 \
  -dict="$src/fuzz/spider.dict" \
  -artifact_prefix="$work/artifacts/" "$@" \
  "$work/corpus" "$work/seeds" > "$work/last-run.log" 2>&1
status=$?
set -e
# The progress lines are many; the end says what happened.
grep -a -v -E "^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse)" "$work/last-run.log" |
  tail -n 80 || true
if [ "$status" -ne 0 ]; then
  echo "spider-fuzz: FAILED (exit $status); reproducer in $work/artifacts/:" >&2
  ls -t "$work/artifacts" | head -n 3 >&2
  exit 1
fi
echo "spider-fuzz: no crash, hang or leak in ${seconds}s"
