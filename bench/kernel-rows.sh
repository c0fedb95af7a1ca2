#!/usr/bin/env bash
# Measures the dense contraction kernel that PIT groups run, by the number of
# rows a group gives it: a [rows x 512] by [512 x 1024] f32 matmul repeated
# to 2 GFLOP, compiled by spider-cpu-pipeline. Prints rows, best-of-3
# seconds and the efficiency relative to the best row count; these are the
# numbers of the CPU tile database
# (lib/Dialect/Spider/CostModel/TileCostModel.cpp).
#   bash bench/kernel-rows.sh [build-dir]
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
llvm=/usr/lib/llvm-22
libs="$build/lib/libspider_runtime.so,$llvm/lib/libmlir_runner_utils.so,$llvm/lib/libmlir_c_runner_utils.so"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
declare -A best
for r in 1 2 4 8 16 32 64; do
  cat > "$work/r$r.mlir" <<MLIR
func.func @compute(%a: tensor<${r}x512xf32>, %b: tensor<512x1024xf32>, %c: tensor<${r}x1024xf32>) -> tensor<${r}x1024xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<${r}x512xf32>, tensor<512x1024xf32>) outs(%c : tensor<${r}x1024xf32>) -> tensor<${r}x1024xf32>
  return %r : tensor<${r}x1024xf32>
}
func.func @main() {
  %a = arith.constant dense<1.0> : tensor<${r}x512xf32>
  %b = arith.constant dense<2.0> : tensor<512x1024xf32>
  %c = arith.constant dense<0.0> : tensor<${r}x1024xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant $((2048 / r)) : index
  %t0 = func.call @spider_rt_seconds() : () -> f64
  scf.for %i = %c0 to %n step %c1 {
    %r = func.call @compute(%a, %b, %c) : (tensor<${r}x512xf32>, tensor<512x1024xf32>, tensor<${r}x1024xf32>) -> tensor<${r}x1024xf32>
  }
  %t1 = func.call @spider_rt_seconds() : () -> f64
  %dt = arith.subf %t1, %t0 : f64
  vector.print %dt : f64
  return
}
func.func private @spider_rt_seconds() -> f64
MLIR
  "$build/bin/spider-opt" "$work/r$r.mlir" --spider-cpu-pipeline -o "$work/r$r.ll.mlir"
  best[$r]=$(for i in 1 2 3; do
    "$llvm/bin/mlir-runner" "$work/r$r.ll.mlir" -O3 -e main -entry-point-result=void -shared-libs="$libs"
  done | sort -g | head -n 1)
done
fastest=$(printf '%s\n' "${best[@]}" | sort -g | head -n 1)
printf 'rows seconds efficiency\n'
for r in 1 2 4 8 16 32 64; do
  awk -v r="$r" -v t="${best[$r]}" -v f="$fastest" 'BEGIN { printf "%d %.4f %.2f\n", r, t, f / t }'
done
