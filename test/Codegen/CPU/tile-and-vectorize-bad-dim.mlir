// RUN: spider-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(spider-tile-and-vectorize))" -verify-diagnostics

// A dimension the tensor does not have (found by the fuzzer: the value-bounds
// analysis behind loop hoisting crashed on it) is named, not crashed on.
func.func @negative_dim(%a: tensor<?x8xf32>, %b: tensor<8x12xf32>) -> tensor<?x12xf32> {
  %zero = arith.constant 0.0 : f32
  %c = arith.constant -1 : index
  // expected-error@+1 {{'tensor.dim' op asks for dimension -1 of a rank-2 tensor}}
  %n = tensor.dim %a, %c : tensor<?x8xf32>
  %e = tensor.empty(%n) : tensor<?x12xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<?x12xf32>) -> tensor<?x12xf32>
  %m = linalg.matmul ins(%a, %b : tensor<?x8xf32>, tensor<8x12xf32>) outs(%z : tensor<?x12xf32>) -> tensor<?x12xf32>
  return %m : tensor<?x12xf32>
}

// -----

func.func @dim_past_rank(%a: tensor<?x8xf32>) -> index {
  %c = arith.constant 2 : index
  // expected-error@+1 {{'tensor.dim' op asks for dimension 2 of a rank-2 tensor}}
  %n = tensor.dim %a, %c : tensor<?x8xf32>
  return %n : index
}
