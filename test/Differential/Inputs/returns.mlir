// An entry that returns what it computes instead of printing it: the
// checker prints a tensor, a boolean tensor, a memref, a vector and scalars.
func.func @compute() -> (tensor<2x3xi32>, tensor<3xi1>, memref<2xf64>, vector<2xf32>, f32, index) {
  %t = arith.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
  %b = arith.constant dense<[true, false, true]> : tensor<3xi1>
  %m = memref.alloc() : memref<2xf64>
  %x = arith.constant 0.5 : f64
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  memref.store %x, %m[%c0] : memref<2xf64>
  memref.store %x, %m[%c1] : memref<2xf64>
  %v = arith.constant dense<[1.5, -2.0]> : vector<2xf32>
  %f = arith.constant 3.25 : f32
  %i = arith.constant 7 : index
  return %t, %b, %m, %v, %f, %i : tensor<2x3xi32>, tensor<3xi1>, memref<2xf64>, vector<2xf32>, f32, index
}
