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
# Debian's OpenBLAS picks its kernels from the CPU model, which virtual
# machines often hide ("Prescott": SSE3 only). Name the core from the CPU's
# features so that the baseline runs its best kernels.
if [ -z "${OPENBLAS_CORETYPE:-}" ]; then
  if grep -qw avx512f /proc/cpuinfo; then
    export OPENBLAS_CORETYPE=SkylakeX
  elif grep -qw avx2 /proc/cpuinfo; then
    export OPENBLAS_CORETYPE=Haswell
  fi
fi
{
  echo "# $(date -u +%Y-%m-%d) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
       "$(nproc) cores, flags: $(grep -ow 'avx512f\|avx2' /proc/cpuinfo | sort -u | tr '\n' ' ')" \
       "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-auto}"
  "$build/bin/spider-cpu-bench" --csv="$out/cpu-bench.csv" \
    --conv-csv="$out/cpu-bench-conv.csv" "${@:3}"
} | tee "$out/cpu-bench.txt"
/usr/bin/python3 "$(dirname "$0")/plot_cpu_bench.py" "$out/cpu-bench.csv" "$out/cpu-bench.png"
echo "wrote $out/cpu-bench.png"
