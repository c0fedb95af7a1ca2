#!/usr/bin/env bash
# Runs the CPU benchmark and plots it:
#   bash bench/run-cpu-bench.sh [build-dir] [output-dir]
# Writes <output-dir>/cpu-bench.csv, cpu-bench-conv.csv (the convolution
# rows), cpu-bench.txt and cpu-bench.png
# (default output-dir: docs/). Needs libopenblas-dev and Debian's python3-matplotlib
# (make bench installs them).
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
out=${2:-docs}
mkdir -p "$out"
. "$(dirname "$0")/openblas-env.sh"
{
  echo "# $(date -u +%Y-%m-%d) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
       "$(nproc) cores, flags: $(grep -ow 'avx512f\|avx2' /proc/cpuinfo | sort -u | tr '\n' ' ')" \
       "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-auto}"
  "$build/bin/spider-cpu-bench" --csv="$out/cpu-bench.csv" \
    --conv-csv="$out/cpu-bench-conv.csv" "${@:3}"
} | tee "$out/cpu-bench.txt"
/usr/bin/python3 "$(dirname "$0")/plot_cpu_bench.py" "$out/cpu-bench.csv" "$out/cpu-bench.png"
echo "wrote $out/cpu-bench.png"
