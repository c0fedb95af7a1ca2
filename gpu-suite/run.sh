#!/usr/bin/env bash
# Runs the GPU suite (built by gpu-suite/build.sh) on a machine with an
# NVIDIA GPU and CUDA, without LLVM/MLIR, in at most SUITE_BUDGET_S seconds
# (default 285):
#   1. every case once, alone, with a timeout;
#   2. every case under compute-sanitizer memcheck and racecheck,
#      SUITE_JOBS (default 4) at a time, until the benchmark's reserve;
#   3. the GPU benchmark (spider-gpu-bench --reps=BENCH_REPS, default 10).
# Writes to OUT at most five files: summary.tsv (case, tool, status,
# seconds), environment.txt, gpu-bench.csv, gpu-bench.log and
# gpu-suite-logs.tar.gz (every log, the manifest and the expected outputs:
# what gpu-suite/check.sh reads). The tarball is rewritten after each
# phase, so a run cut short still brings back what it did. This script
# judges nothing: gpu-suite/check.sh OUT does, on a machine with FileCheck.
#
#   bash gpu-suite/run.sh BUNDLE OUT
set -uo pipefail
if [ $# -ne 2 ] || [ ! -f "$1/manifest.tsv" ]; then
  echo "usage: gpu-suite/run.sh BUNDLE OUT (BUNDLE from gpu-suite/build.sh)" >&2
  exit 2
fi
start=$(date +%s)
bundle=$(cd "$1" && pwd)
mkdir -p "$2" && out=$(cd "$2" && pwd)
budget=${SUITE_BUDGET_S:-285}
bench_reserve=${SUITE_BENCH_RESERVE_S:-90}
jobs=${SUITE_JOBS:-4}
reps=${BENCH_REPS:-10}
cuda=${CUDA_ROOT:-/usr/local/cuda}
work=$(mktemp -d /tmp/gpu-suite.XXXXXX)
logs=$work/logs
mkdir -p "$logs"
cp -r "$bundle/manifest.tsv" "$bundle/info.txt" "$bundle/expected" \
  "$bundle/checks" "$logs/"
export LD_LIBRARY_PATH="$bundle/lib:$cuda/lib64:${LD_LIBRARY_PATH:-}"

elapsed() { echo $(( $(date +%s) - start )); }
left() { echo $(( budget - $(elapsed) )); }
pack() {
  cat "$logs"/*.result 2>/dev/null | sort > "$logs/summary.tsv"
  { printf 'case\ttool\tstatus\tseconds\n'; cat "$logs/summary.tsv"; } \
    > "$out/summary.tsv"
  cp "$logs/environment.txt" "$out/" 2>/dev/null
  cp "$logs/gpu-bench.csv" "$logs/gpu-bench.log" "$out/" 2>/dev/null
  tar -C "$work" -czf "$out/gpu-suite-logs.tar.gz.part" logs &&
    mv "$out/gpu-suite-logs.tar.gz.part" "$out/gpu-suite-logs.tar.gz"
}

# run_case NAME TOOL LIMIT COMMAND...: the command's output in
# logs/NAME.TOOL.log, "NAME TOOL STATUS SECONDS" in logs/NAME.TOOL.result
# (status 124: timed out; "skipped": no time was left).
run_case() {
  local name=$1 tool=$2 limit=$3
  shift 3
  if [ "$limit" -lt 5 ]; then
    printf '%s\t%s\tskipped\t0\n' "$name" "$tool" > "$logs/$name.$tool.result"
    return
  fi
  local t0 t1 rc=0
  t0=$(date +%s.%N)
  timeout -k 5 "$limit" "$@" > "$logs/$name.$tool.log" 2>&1 < /dev/null || rc=$?
  t1=$(date +%s.%N)
  awk -v n="$name" -v t="$tool" -v rc="$rc" -v a="$t0" -v b="$t1" \
    'BEGIN { printf "%s\t%s\t%s\t%.2f\n", n, t, rc, b - a }' \
    > "$logs/$name.$tool.result"
}

# The machine, the driver, the tools.
sanitizer=$(command -v compute-sanitizer ||
  ls "$cuda"/bin/compute-sanitizer "$cuda"/compute-sanitizer/compute-sanitizer \
    /usr/local/cuda*/bin/compute-sanitizer 2>/dev/null | head -n 1)
first=$(cut -f2 "$bundle/manifest.tsv" | head -n 1)
if ldd "$bundle/bench/spider-gpu-bench" 2>/dev/null | grep -q "not found"; then
  # cuBLAS and cuSPARSE elsewhere than the toolkit (Python wheels, say).
  for lib in libcublas.so.13 libcusparse.so.12 libcudart.so.13; do
    dir=$(find "$cuda/" /usr/local /usr/lib /opt -name "$lib" 2>/dev/null |
      head -n 1)
    [ -n "$dir" ] && LD_LIBRARY_PATH="$LD_LIBRARY_PATH:$(dirname "$dir")"
  done
  export LD_LIBRARY_PATH
fi
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host: $(uname -a)"
  grep -h PRETTY_NAME /etc/os-release 2>/dev/null
  echo "bundle: $bundle"
  cat "$bundle/info.txt"
  echo "compute-sanitizer: ${sanitizer:-not found}"
  [ -n "$sanitizer" ] && "$sanitizer" --version 2>&1 | tail -n 2
  echo "LD_LIBRARY_PATH: $LD_LIBRARY_PATH"
  echo "--- nvidia-smi"
  nvidia-smi 2>&1
  nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem,temperature.gpu,utilization.gpu,memory.used \
    --format=csv 2>&1
  echo "--- ldd $first"
  ldd "$bundle/$first" 2>&1
  echo "--- ldd bench/spider-gpu-bench"
  ldd "$bundle/bench/spider-gpu-bench" 2>&1
} > "$logs/environment.txt"
pack

# 1. Every case once, alone.
while IFS=$'\t' read -r name exe status check prefix; do
  limit=$(( $(left) - bench_reserve ))
  [ "$limit" -gt 60 ] && limit=60
  run_case "$name" plain "$limit" "$bundle/$exe"
done < "$bundle/manifest.tsv"
pack

# 2. Under compute-sanitizer: memcheck and racecheck, a few at a time. The
# runtime's block cache is off (SPIDER_GPU_CACHE_BYTES=0) so that memcheck
# sees every buffer freed.
phase_end=$(( budget - bench_reserve ))
running=0
while IFS=$'\t' read -r name exe status check prefix; do
  for tool in memcheck racecheck; do
    if [ -z "$sanitizer" ]; then
      printf '%s\t%s\tno-sanitizer\t0\n' "$name" "$tool" > "$logs/$name.$tool.result"
      continue
    fi
    while [ "$running" -ge "$jobs" ]; do
      wait -n
      running=$(( running - 1 ))
    done
    limit=$(( phase_end - $(elapsed) ))
    [ "$limit" -gt 150 ] && limit=150
    run_case "$name" "$tool" "$limit" env SPIDER_GPU_CACHE_BYTES=0 \
      "$sanitizer" --tool "$tool" --error-exitcode 86 --print-limit 20 \
      "$bundle/$exe" &
    running=$(( running + 1 ))
  done
done < "$bundle/manifest.tsv"
wait
pack

# 3. The benchmark, alone on the GPU.
limit=$(( $(left) - 5 ))
run_case spider-gpu-bench bench "$limit" \
  "$bundle/bench/spider-gpu-bench" --reps="$reps" --csv="$logs/gpu-bench.csv"
cp "$logs/spider-gpu-bench.bench.log" "$logs/gpu-bench.log"
pack

echo "gpu-suite: $(elapsed) s on $(nvidia-smi --query-gpu=name --format=csv,noheader 2>/dev/null | head -n 1)"
printf '%-28s %-10s %-8s %s\n' case tool status seconds
sort "$logs/summary.tsv" | while IFS=$'\t' read -r name tool status seconds; do
  printf '%-28s %-10s %-8s %s\n' "$name" "$tool" "$status" "$seconds"
done
[ -f "$logs/gpu-bench.log" ] && tail -n 20 "$logs/gpu-bench.log"
echo "results in $out (check them with: bash gpu-suite/check.sh OUT)"
rm -rf "$work"
