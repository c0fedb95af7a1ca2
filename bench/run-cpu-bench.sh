#!/usr/bin/env bash
# Runs the CPU benchmark and plots it:
#   [SPIDER_NUM_THREADS=N] [SPIDER_CPU_ISA=avx2] bash bench/run-cpu-bench.sh [build-dir] [output-dir] [options]
# Spider and OpenBLAS run on N threads (default 1; 0: every core), Spider
# compiled for the ISA named (default: the host's). Writes
# <output-dir>/cpu-bench.csv, cpu-bench-conv.csv (the convolution
# rows), cpu-bench.txt and cpu-bench.png; other thread counts and ISAs get
# their own names (cpu-bench-t2.*, cpu-bench-avx2.*)
# (default output-dir: docs/). PyTorch's CSR matmul (bench/matmul_torch.py,
# Debian's python3-torch, the same thread count) runs on the same matrices
# after it and joins the table (cpu-bench-torch.jsonl); it is skipped when
# `import torch` fails. Needs libopenblas-dev and Debian's python3-matplotlib
# (make bench installs them).
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
out=${2:-docs}
mkdir -p "$out"
here=$(cd "$(dirname "$0")" && pwd)
# Case files (A, B and C per density: 48 MiB each at 2048) stay out of the
# tree.
cases=$(mktemp -d)
trap 'rm -rf "$cases"' EXIT
. "$(dirname "$0")/openblas-env.sh"
cores=$(nproc)
threads=${SPIDER_NUM_THREADS:-1}
[ "$threads" = 0 ] && threads=$cores
export SPIDER_NUM_THREADS=$threads
name=cpu-bench
[ "${SPIDER_CPU_ISA:-host}" = host ] || name=$name-$SPIDER_CPU_ISA
[ "$threads" = 1 ] || name=$name-t$threads
{
  echo "# $(date -u +%Y-%m-%d) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
       "$(nproc) cores, flags: $(grep -ow 'avx512f\|avx2' /proc/cpuinfo | sort -u | tr '\n' ' ')" \
       "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-auto}"
  "$build/bin/spider-cpu-bench" --csv="$out/$name.csv" \
    --conv-csv="$out/$name-conv.csv" --case-dir="$cases" "${@:3}"
  # PyTorch's CSR matmul on the same matrices, at the same thread count.
  : > "$out/$name-torch.jsonl"
  if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    for case in "$cases"/case-*.bin; do
      [ -e "$case" ] || continue
      /usr/bin/python3 "$here/matmul_torch.py" "$case" >> "$out/$name-torch.jsonl"
    done
    /usr/bin/python3 "$here/matmul_torch.py" --combine "$out/$name.csv" "$out/$name-torch.jsonl"
  else
    echo "PyTorch not importable (Debian: python3-torch): its column is skipped"
  fi
} | tee "$out/$name.txt"
if /usr/bin/python3 -c 'import matplotlib' 2>/dev/null; then
  /usr/bin/python3 "$(dirname "$0")/plot_cpu_bench.py" "$out/$name.csv" "$out/$name.png"
  echo "wrote $out/$name.png"
fi
