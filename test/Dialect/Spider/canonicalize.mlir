// RUN: spider-opt %s -split-input-file -canonicalize --allow-unregistered-dialect | FileCheck %s --enable-var-scope

// Index construction on constants folds to spider.index_constant, with the
// same code the run-time library uses.

// CHECK-LABEL: func.func @detect_constant
// CHECK-NOT:     spider.detect
// CHECK:         spider.index_constant <grid = [2, 4], offsets = [0, 2, 3], positions = [1, 3, 0]> : !spider.index<microtile = [2, 1], pack_dim = 1>
func.func @detect_constant() -> !spider.index<microtile = [2, 1], pack_dim = 1> {
  %w = arith.constant dense<[[0.0, 1.0, 0.0, 0.0],
                             [0.0, 0.0, 0.0, 2.0],
                             [3.0, 0.0, 0.0, 0.0],
                             [0.0, 0.0, 0.0, 0.0]]> : tensor<4x4xf32>
  %i = spider.detect %w : tensor<4x4xf32> -> !spider.index<microtile = [2, 1], pack_dim = 1>
  return %i : !spider.index<microtile = [2, 1], pack_dim = 1>
}

// -----

// Partial micro-tiles at the boundary (5 is not a multiple of 2), and a
// splat zero gives an empty index.
// CHECK-LABEL: func.func @detect_boundary_and_empty
// CHECK-DAG:     spider.index_constant <grid = [3, 1], offsets = [0, 2], positions = [0, 2]> : !spider.index<microtile = [2, 4], pack_dim = 0>
// CHECK-DAG:     spider.index_constant <grid = [2, 2], offsets = [0, 0, 0], positions = []> : !spider.index<microtile = [4, 4], pack_dim = 1>
func.func @detect_boundary_and_empty() {
  %w = arith.constant dense<[[1, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 5]]> : tensor<5x3xi32>
  %i = spider.detect %w : tensor<5x3xi32> -> !spider.index<microtile = [2, 4], pack_dim = 0>
  %z = arith.constant dense<0.0> : tensor<8x8xf16>
  %j = spider.detect %z : tensor<8x8xf16> -> !spider.index<microtile = [4, 4], pack_dim = 1>
  "test.use"(%i, %j) : (!spider.index<microtile = [2, 4], pack_dim = 0>, !spider.index<microtile = [4, 4], pack_dim = 1>) -> ()
  return
}

// -----

// A marked constant (the tile-wise sparse weight case) folds too.
// CHECK-LABEL: func.func @detect_marked_constant
// CHECK:         spider.index_constant <grid = [1, 3], offsets = [0, 2], positions = [0, 2]>
func.func @detect_marked_constant() -> !spider.index<microtile = [2, 1], pack_dim = 1> {
  %w = arith.constant dense<[[1.0, 0.0, 0.0], [0.0, 0.0, 4.0]]> : tensor<2x3xf32>
  %s = spider.assume_sparse %w : tensor<2x3xf32> to tensor<2x3xf32, #spider.sparse<microtile = [2, 1]>>
  %i = spider.detect %s : tensor<2x3xf32, #spider.sparse<microtile = [2, 1]>> -> !spider.index<microtile = [2, 1], pack_dim = 1>
  return %i : !spider.index<microtile = [2, 1], pack_dim = 1>
}

// -----

// CHECK-LABEL: func.func @route_constant
// CHECK:         spider.index_constant <grid = [4, 3], offsets = [0, 2, 4, 7], positions = [0, 3, 2, 3, 0, 1, 2]> : !spider.index<microtile = [1, 1], pack_dim = 0>
func.func @route_constant() -> !spider.index<microtile = [1, 1], pack_dim = 0> {
  %ids = arith.constant dense<[[0, 2], [2, -1], [1, 2], [0, 1]]> : tensor<4x2xi32>
  %i = spider.route %ids to 3 experts : tensor<4x2xi32> -> !spider.index<microtile = [1, 1], pack_dim = 0>
  return %i : !spider.index<microtile = [1, 1], pack_dim = 0>
}

// -----

// Out-of-range routing ids do not fold: the run time reports them.
// CHECK-LABEL: func.func @route_out_of_range
// CHECK:         spider.route
func.func @route_out_of_range() -> !spider.index<microtile = [1, 1], pack_dim = 0> {
  %ids = arith.constant dense<[0, 7]> : tensor<2xindex>
  %i = spider.route %ids to 3 experts : tensor<2xindex> -> !spider.index<microtile = [1, 1], pack_dim = 0>
  return %i : !spider.index<microtile = [1, 1], pack_dim = 0>
}

// -----

// CHECK-LABEL: func.func @csr_constant
// CHECK:         spider.index_constant <grid = [2, 2], offsets = [0, 2, 3], positions = [0, 1, 0]> : !spider.index<microtile = [2, 2], pack_dim = 1>
func.func @csr_constant() -> !spider.index<microtile = [2, 2], pack_dim = 1> {
  %o = arith.constant dense<[0, 2, 2, 3]> : tensor<4xindex>
  %c = arith.constant dense<[1, 3, 0]> : tensor<3xi64>
  %n = arith.constant 4 : index
  %i = spider.index_from_csr %o, %c, num_columns = %n : tensor<4xindex>, tensor<3xi64> -> !spider.index<microtile = [2, 2], pack_dim = 1>
  return %i : !spider.index<microtile = [2, 2], pack_dim = 1>
}

// -----

// Malformed CSR does not fold.
// CHECK-LABEL: func.func @csr_malformed
// CHECK:         spider.index_from_csr
func.func @csr_malformed() -> !spider.index<microtile = [1, 1], pack_dim = 1> {
  %o = arith.constant dense<[0, 2, 1]> : tensor<3xindex>
  %c = arith.constant dense<[1, 3]> : tensor<2xindex>
  %n = arith.constant 4 : index
  %i = spider.index_from_csr %o, %c, num_columns = %n : tensor<3xindex>, tensor<2xindex> -> !spider.index<microtile = [1, 1], pack_dim = 1>
  return %i : !spider.index<microtile = [1, 1], pack_dim = 1>
}

// -----

!I = !spider.index<microtile = [32, 1], pack_dim = 1>

// Writing back the tiles just read, unchanged, is the identity; combining
// them is not.
// CHECK-LABEL: func.func @scatter_of_gather
// CHECK-SAME:    %[[A:.*]]: tensor<64x64xf32>
// CHECK:         %[[T:.*]] = spider.gather %[[A]]
// CHECK:         %[[S:.*]] = spider.scatter %[[T]] into %[[A]][%{{.*}}] combiner(add)
// CHECK:         return %[[A]], %[[S]]
func.func @scatter_of_gather(%a: tensor<64x64xf32>, %i: !I) -> (tensor<64x64xf32>, tensor<64x64xf32>) {
  %t = spider.gather %a[%i] : tensor<64x64xf32>, !I -> tensor<?x32x1xf32>
  %same = spider.scatter %t into %a[%i] combiner(none) : tensor<?x32x1xf32>, !I -> tensor<64x64xf32>
  %sum = spider.scatter %t into %a[%i] combiner(add) : tensor<?x32x1xf32>, !I -> tensor<64x64xf32>
  return %same, %sum : tensor<64x64xf32>, tensor<64x64xf32>
}

// -----

// Unused index construction is dead code (the ops are pure).
// CHECK-LABEL: func.func @dead_detect
// CHECK-NOT:     spider.
func.func @dead_detect(%a: tensor<64x64xf32>) {
  %i = spider.detect %a : tensor<64x64xf32> -> !spider.index<microtile = [32, 1], pack_dim = 1>
  return
}

// -----

// A constant index does not know the non-zeros it came from.
// CHECK-LABEL: func.func @nonzeros_of_constant
// CHECK:         %[[C:.*]] = arith.constant -1 : index
// CHECK:         return %[[C]]
func.func @nonzeros_of_constant() -> index {
  %i = spider.index_constant <grid = [1, 2], offsets = [0, 1], positions = [1]> : !spider.index<microtile = [1, 1], pack_dim = 1>
  %n = spider.index_nonzeros %i : !spider.index<microtile = [1, 1], pack_dim = 1>
  return %n : index
}

// -----

// A tensor.cast into a spider.pit stays: spider.pit is not a
// destination-style op, whose casts upstream folds into the op while its
// body's tensor arguments keep the old type.
// CHECK-LABEL: func.func @cast_into_pit
// CHECK:         %[[CA:.*]] = tensor.cast %arg0 : tensor<8x8xf32> to tensor<?x?xf32>
// CHECK:         spider.pit ins(%[[CA]], {{.*}} : tensor<?x?xf32>, tensor<?x?xf32>)
!I = !spider.index<microtile = [1, 1], pack_dim = 1>
func.func @cast_into_pit(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>, %c: tensor<8x8xf32>, %i: !I) -> tensor<?x?xf32> {
  %ca = tensor.cast %a : tensor<8x8xf32> to tensor<?x?xf32>
  %cb = tensor.cast %b : tensor<8x8xf32> to tensor<?x?xf32>
  %cc = tensor.cast %c : tensor<8x8xf32> to tensor<?x?xf32>
  %r = spider.pit ins(%ca, %cb : tensor<?x?xf32>, tensor<?x?xf32>) outs(%cc : tensor<?x?xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<?x?xf32>, %y: tensor<?x?xf32>, %z: tensor<?x?xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<?x?xf32>, tensor<?x?xf32>) outs(%z : tensor<?x?xf32>) -> tensor<?x?xf32>
    spider.yield %m : tensor<?x?xf32>
  } -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

// -----

// Upstream's canonicalization of a linalg op in a spider.pit body casts a
// dynamic operand to the static shape it infers from the others; the cast
// moves out onto the input (a body holds linalg computations only, and the
// verifier rejected the result). Found by trying Spider from outside.
// CHECK-LABEL: func.func @cast_in_body
// CHECK-SAME:    (%[[A:.*]]: tensor<64x64xf32, #spider.sparse<microtile = [8, 1]>>,
// CHECK:         spider.pit ins(%[[A]], %{{.*}} : tensor<64x64xf32, #spider.sparse<microtile = [8, 1]>>, tensor<64x64xf32>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: tensor<64x64xf32, #spider.sparse<microtile = [8, 1]>>,
// CHECK-NOT:       tensor.cast
// CHECK:           linalg.matmul ins(%[[X]], %{{.*}} : tensor<64x64xf32, #spider.sparse<microtile = [8, 1]>>, tensor<64x64xf32>)
func.func @cast_in_body(%a: tensor<64x64xf32, #spider.sparse<microtile = [8, 1]>>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>,
                        %i: !spider.index<microtile = [8, 1], pack_dim = 1>) -> tensor<64x64xf32> {
  %at = tensor.cast %a : tensor<64x64xf32, #spider.sparse<microtile = [8, 1]>> to tensor<?x64xf32, #spider.sparse<microtile = [8, 1]>>
  %r = spider.pit ins(%at, %b : tensor<?x64xf32, #spider.sparse<microtile = [8, 1]>>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
         index(%i : !spider.index<microtile = [8, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<?x64xf32, #spider.sparse<microtile = [8, 1]>>, %y: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<?x64xf32, #spider.sparse<microtile = [8, 1]>>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %m : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// -----

// The same on an output, whose result the body casts back for the yield:
// the output, its block argument and the result take the static type, and
// the result is cast back after the spider.pit.
// CHECK-LABEL: func.func @cast_of_output
// CHECK-SAME:    %[[O:[a-z0-9]+]]: tensor<?x?xf32>
// CHECK:         %[[S:.*]] = tensor.cast %[[O]] : tensor<?x?xf32> to tensor<32x16xf32>
// CHECK:         %[[R:.*]] = spider.pit {{.*}} outs(%[[S]] : tensor<32x16xf32>)
// CHECK-NOT:       tensor.cast
// CHECK:           spider.yield %{{.*}} : tensor<32x16xf32>
// CHECK:         } -> tensor<32x16xf32>
// CHECK:         %[[B:.*]] = tensor.cast %[[R]] : tensor<32x16xf32> to tensor<?x?xf32>
// CHECK:         return %[[B]]
func.func @cast_of_output(%a: tensor<32x64xf32, #spider.sparse<microtile = [4, 1]>>, %b: tensor<64x16xf32>, %o: tensor<?x?xf32>,
                          %i: !spider.index<microtile = [4, 1], pack_dim = 1>) -> tensor<?x?xf32> {
  %r = spider.pit ins(%a, %b : tensor<32x64xf32, #spider.sparse<microtile = [4, 1]>>, tensor<64x16xf32>) outs(%o : tensor<?x?xf32>)
         index(%i : !spider.index<microtile = [4, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<32x64xf32, #spider.sparse<microtile = [4, 1]>>, %y: tensor<64x16xf32>, %z: tensor<?x?xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<32x64xf32, #spider.sparse<microtile = [4, 1]>>, tensor<64x16xf32>) outs(%z : tensor<?x?xf32>) -> tensor<?x?xf32>
    spider.yield %m : tensor<?x?xf32>
  } -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}
