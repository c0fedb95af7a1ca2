// RUN: spider-opt %s -pass-pipeline="builtin.module(func.func(spider-tile-and-vectorize))" -verify-diagnostics

// A compute tile the verifier accepts (at most 2^20 elements) can still be
// more than the register micro-kernel unrolls in bounded time: an error,
// not a hang (2^31 - 1, 2^32 or 2^63 - 1 in a size used to hang or run
// out of memory here).

func.func @too_many_outer_products(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error@+1 {{'spider.compute_tile' needs 1048576 outer products (m x k) in the register micro-kernel, more than 16384}}
  %r = linalg.matmul {spider.compute_tile = array<i64: 1024, 1, 1024>}
      ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

