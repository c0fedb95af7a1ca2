// RUN: spider-opt %s --spider-decompose-aggregated-ops --spider-sparsify --spider-lower-pit-to-loops --spider-densify-packed-values --canonicalize -verify-diagnostics | FileCheck %s

// A matrix from CSR values (spider.from_csr) is never dense: the PIT over
// it slices each row's values out of the CSR values array.
// CHECK-LABEL: func.func @matmul(
// CHECK-SAME:    %[[V:[a-z0-9]+]]: tensor<?xf32>
// CHECK:         %[[T:.*]] = tensor.expand_shape %[[V]] {{\[\[}}0, 1, 2]]
// CHECK:         scf.for
// CHECK:           tensor.extract_slice %[[T]][%{{.*}}, 0, 0] [%{{.*}}, 1, 1] [1, 1, 1] : tensor<?x1x1xf32> to tensor<?x1xf32>
// CHECK:           tensor.collapse_shape
// CHECK:           tensor.expand_shape {{.*}} into tensor<1x?xf32>
// CHECK:           linalg.matmul {spider.packed}
// CHECK-NOT:     tensor<6x5xf32
// CHECK-NOT:     spider.scatter
// CHECK:         return
!S = tensor<6x5xf32, #spider.sparse<microtile = [1, 1]>>
func.func @matmul(%o: tensor<7xi64>, %c: tensor<?xi64>, %v: tensor<?xf32>, %x: tensor<5x3xf32>, %y: tensor<6x3xf32>) -> tensor<6x3xf32> {
  %n = arith.constant 5 : index
  %a = spider.from_csr %o, %c, %v, num_columns = %n : tensor<7xi64>, tensor<?xi64>, tensor<?xf32> -> !S
  %r = linalg.matmul ins(%a, %x : !S, tensor<5x3xf32>) outs(%y : tensor<6x3xf32>) -> tensor<6x3xf32>
  return %r : tensor<6x3xf32>
}
// An op that cannot skip zeros (exp(0) = 1) stays dense, and so needs the
// dense matrix: built explicitly, and said.
// CHECK-LABEL: func.func @exp(
// CHECK:         spider.scatter
// CHECK:         math.exp
func.func @exp(%o: tensor<7xi64>, %c: tensor<?xi64>, %v: tensor<?xf32>) -> tensor<6x5xf32> {
  %n = arith.constant 5 : index
  // expected-remark@+1 {{densified for 'linalg.generic', which reads it other than as the sparse operand of a spider.pit on its index: a 6x5 tensor of f32 (120 bytes)}}
  %a = spider.from_csr %o, %c, %v, num_columns = %n : tensor<7xi64>, tensor<?xi64>, tensor<?xf32> -> !S
  %e = tensor.empty() : tensor<6x5xf32>
  // expected-remark@+1 {{kept dense: where input #0 is zero, result #0 becomes 1.000000e+00 : f32 instead of keeping its value}}
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
      ins(%a : !S) outs(%e : tensor<6x5xf32>) {
  ^bb0(%p: f32, %q: f32):
    %s = math.exp %p : f32
    linalg.yield %s : f32
  } -> tensor<6x5xf32>
  return %r : tensor<6x5xf32>
}
