#!/usr/bin/env bash
# Runs spider-gpu-bench (built by bench/build-gpu-bench.sh) on a machine
# with an NVIDIA GPU, CUDA 13's cuBLAS and cuSPARSE, and no LLVM/MLIR.
# Writes the CSV and the log to OUTDIR ($OUT on the device machine).
#
#   bash bench/run-gpu-bench.sh [BENCHDIR] [OUTDIR] [spider-gpu-bench args]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build/gpu-bench}
out=${2:-${OUT:-$dir}}
shift $(( $# > 2 ? 2 : $# ))
mkdir -p "$out"
cuda=${CUDA_ROOT:-/usr/local/cuda}
export LD_LIBRARY_PATH="$dir:$cuda/lib64:${LD_LIBRARY_PATH:-}"
nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.mem,temperature.gpu,utilization.gpu \
  --format=csv > "$out/gpu-state.csv" 2>&1 || true
"$dir/spider-gpu-bench" --csv="$out/gpu-bench.csv" "$@" 2>&1 | tee "$out/gpu-bench.log"
