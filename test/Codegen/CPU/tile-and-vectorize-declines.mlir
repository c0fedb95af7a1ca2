// RUN: spider-opt %s -split-input-file -verify-diagnostics --pass-pipeline="builtin.module(func.func(spider-tile-and-vectorize{cpu-isa=avx512}))" | FileCheck %s --enable-var-scope

// Every reason spider-tile-and-vectorize leaves a tile scalar, with its
// remark; tile-and-vectorize-invalid.mlir covers its errors. The tile stays a
// linalg op that convert-linalg-to-loops lowers later.
//
// Not reachable, so not tested: the pass also gives up without a word when
// upstream tiling (scf::tileUsingSCF) fails on a linalg op on tensors, and
// fails without a diagnostic when its vector rewrites (greedy pattern
// application) do not converge. Linalg ops on buffers and ops without loops
// are left alone on purpose: the pass tiles linalg ops on tensors.

// A body op that is not element-wise (a call): tiled, not vectorized.
// CHECK-LABEL: func.func @call_in_body
// CHECK:         scf.for
// CHECK:           scf.for
// CHECK:             linalg.generic {{.*}} ins(%{{.*}} : tensor<1x16xf32>)
// CHECK:               func.call @scalar
// CHECK-NOT:     vector.
func.func private @scalar(f32) -> f32
#id = affine_map<(i, j) -> (i, j)>
func.func @call_in_body(%x: tensor<8x32xf32>) -> tensor<8x32xf32> {
  // expected-remark@+1 {{kept scalar: the linalg vectorizer cannot vectorize this op}}
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<8x32xf32>) outs(%x : tensor<8x32xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = func.call @scalar(%in) : (f32) -> f32
    linalg.yield %r : f32
  } -> tensor<8x32xf32>
  return %0 : tensor<8x32xf32>
}

// -----

// A reduction whose combiner (a running difference) is no vector reduction
// kind.
// CHECK-LABEL: func.func @running_difference
// CHECK:         linalg.generic
// CHECK:           arith.subf
// CHECK-NOT:     vector.
#id = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (i)>
func.func @running_difference(%x: tensor<8x32xf32>, %acc: tensor<8xf32>) -> tensor<8xf32> {
  // expected-remark@+1 {{kept scalar: the linalg vectorizer cannot vectorize this op}}
  %0 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<8x32xf32>) outs(%acc : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.subf %out, %in : f32
    linalg.yield %r : f32
  } -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

// A loop of no iterations: nothing to compute, so nothing is tiled (upstream
// tiling crashed on the extent of 0). Left as it is, without a remark.
// CHECK-LABEL: func.func @empty_rows
// CHECK-NOT:     scf.for
// CHECK:         linalg.matmul {{.*}} -> tensor<0x64xf32>
func.func @empty_rows(%a: tensor<0x64xf32>, %b: tensor<64x64xf32>, %c: tensor<0x64xf32>) -> tensor<0x64xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<0x64xf32>, tensor<64x64xf32>) outs(%c : tensor<0x64xf32>) -> tensor<0x64xf32>
  return %r : tensor<0x64xf32>
}

// -----

// A spider.pit not lowered yet: its body is spider-lower-pit-to-loops' to
// lower (a tiled body would no longer verify as a spider.pit's).
// CHECK-LABEL: func.func @pit_not_lowered
// CHECK:         spider.pit
// CHECK-NOT:       scf.for
// CHECK:           linalg.matmul
// CHECK-NEXT:      spider.yield
func.func @pit_not_lowered(%a: tensor<64x64xf32>, %b: tensor<64x32xf32>, %out: tensor<64x32xf32>,
                           %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<64x32xf32> {
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x32xf32>) outs(%out : tensor<64x32xf32>)
         index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x32xf32>, %z: tensor<64x32xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<64x64xf32>, tensor<64x32xf32>) outs(%z : tensor<64x32xf32>) -> tensor<64x32xf32>
    spider.yield %m : tensor<64x32xf32>
  } -> tensor<64x32xf32>
  return %r : tensor<64x32xf32>
}
