#!/usr/bin/env bash
# The GPU backend's compile times, measured where it compiles (no GPU
# needed): spider-run --target=gpu on a 4096^3 f16 matmul with [32, 1]
# micro-tiles, first with an empty kernel cache (every kernel through the
# NVPTX backend and ptxas), then with the cache filled (kernels read back).
# Prints the medians of REPEATS runs of each.
#
#   bash bench/gpu-compile-times.sh [BUILD_DIR] [REPEATS]
set -euo pipefail
build=${1:-build}
repeats=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/matmul.mlir" <<'MLIR'
#S = #spider.sparse<microtile = [32, 1]>
func.func @sparse(%a: tensor<4096x4096xf16>, %b: tensor<4096x4096xf16>, %c: tensor<4096x4096xf32>) -> tensor<4096x4096xf32> {
  %as = spider.assume_sparse %a : tensor<4096x4096xf16> to tensor<4096x4096xf16, #S>
  %r = linalg.matmul ins(%as, %b : tensor<4096x4096xf16, #S>, tensor<4096x4096xf16>)
                     outs(%c : tensor<4096x4096xf32>) -> tensor<4096x4096xf32>
  return %r : tensor<4096x4096xf32>
}
func.func @main() {
  %a = tensor.empty() : tensor<4096x4096xf16>
  %b = tensor.empty() : tensor<4096x4096xf16>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4096x4096xf32>
  %c = linalg.fill ins(%z : f32) outs(%e : tensor<4096x4096xf32>) -> tensor<4096x4096xf32>
  %r = call @sparse(%a, %b, %c) : (tensor<4096x4096xf16>, tensor<4096x4096xf16>, tensor<4096x4096xf32>) -> tensor<4096x4096xf32>
  return
}
MLIR
run() { # $1: cache dir
  "$build/bin/spider-run" "$work/matmul.mlir" --target=gpu --dump-mlir \
    --profile --cache-dir="$1" 2>&1 >/dev/null | grep '^spider-run: gpu:'
}
median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
for i in $(seq "$repeats"); do run "$work/cold$i"; done > "$work/cold.txt"
run "$work/warm" > /dev/null
for i in $(seq "$repeats"); do run "$work/warm"; done > "$work/warm.txt"
field() { sed -E "s/.*$1 ([0-9.]+) ms.*/\1/" "$2" | median; }
echo "kernel modules: $(head -1 "$work/cold.txt" | sed -E 's/.*: ([0-9]+) kernel modules.*/\1/')"
echo "cold cache: preparation $(field preparation "$work/cold.txt") ms, serialization $(field serialization "$work/cold.txt") ms (median of $repeats)"
echo "warm cache: preparation $(field preparation "$work/warm.txt") ms, serialization $(field serialization "$work/warm.txt") ms (median of $repeats)"
tail -1 "$work/warm.txt"
