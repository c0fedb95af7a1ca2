// RUN: not spider-opt %s --pass-pipeline="builtin.module(func.func(spider-tile-and-vectorize{register-tile=0,64,4}))" 2>&1 | FileCheck %s --check-prefix=ZERO
// RUN: not spider-opt %s --pass-pipeline="builtin.module(func.func(spider-tile-and-vectorize{register-tile=8,2147483648,128}))" 2>&1 | FileCheck %s --check-prefix=HUGE
// RUN: not spider-opt %s --pass-pipeline="builtin.module(func.func(spider-tile-and-vectorize{register-tile=1024,1,1024}))" 2>&1 | FileCheck %s --check-prefix=UNROLL
// RUN: not spider-opt %s --pass-pipeline="builtin.module(func.func(spider-tile-and-vectorize{vector-width=-1}))" 2>&1 | FileCheck %s --check-prefix=WIDTH
// RUN: not spider-opt %s --pass-pipeline="builtin.module(func.func(spider-tile-and-vectorize{cpu-isa=avx1}))" 2>&1 | FileCheck %s --check-prefix=ISA
// RUN: not spider-opt %s --pass-pipeline="builtin.module(func.func(spider-tile-and-vectorize{cache-tile=256,-1,256}))" 2>&1 | FileCheck %s --check-prefix=CACHE

// Tile sizes given as options are bounded like compute tiles: a clear
// error, never a hang in the micro-kernel.

// ZERO: error: spider-tile-and-vectorize: register-tile size 0 at position 0 must be positive
// HUGE: error: spider-tile-and-vectorize: register-tile has more than 1048576 elements (2^20)
// UNROLL: error: spider-tile-and-vectorize: register-tile needs 1048576 outer products (m x k) in the register micro-kernel, more than 16384
// ISA: for the --cpu-isa option: Cannot find option named 'avx1'
// WIDTH: error: spider-tile-and-vectorize: vector-width -1 must lie in [0, 1048576] (0: the ISA's)
// CACHE: error: spider-tile-and-vectorize: cache-tile size -1 must lie in [1, 1073741824]
func.func @f(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}
