// RUN: spider-opt %s -split-input-file --spider-lower-pit-to-loops -verify-diagnostics | FileCheck %s --enable-var-scope

// A reduction pack dim: per group (a block of 32 rows of A), gather A's
// active columns (linalg.copy of each [32, 1] column tile) and B's matching
// rows (each a contiguous row: one insert_slice), multiply, insert the
// block back.
// CHECK-LABEL: func.func @reduction_pack
// CHECK-SAME:    %[[A:.*]]: tensor<100x70xf32>, %[[B:.*]]: tensor<70x50xf32>, %[[C:.*]]: tensor<100x50xf32>, %[[I:.*]]: !spider.index
// CHECK:         %[[OFF:.*]], %[[POS:.*]] = spider.index_arrays %[[I]]
// CHECK:         scf.for %[[G:.*]] = {{.*}} iter_args(%[[ACC:.*]] = %[[C]])
// CHECK:           scf.if
// CHECK:             %[[PA:.*]] = scf.for {{.*}} iter_args(%{{.*}} = %{{.*}}) -> (tensor<?x?xf32>)
// CHECK:               tensor.extract %[[POS]]
// CHECK:               tensor.extract_slice %[[A]]
// CHECK:               linalg.copy
// CHECK:             %[[PB:.*]] = scf.for {{.*}} -> (tensor<?x50xf32>)
// CHECK:               %[[ROW:.*]] = tensor.extract_slice %[[B]]
// CHECK-NOT:           linalg.copy
// CHECK:               tensor.insert_slice %[[ROW]]
// CHECK:             %[[CS:.*]] = tensor.extract_slice %[[ACC]]
// CHECK:             %[[M:.*]] = linalg.matmul {spider.compute_tile = array<i64: 4, 64, 4>, spider.packed} ins(%[[PA]], %[[PB]] : tensor<?x?xf32>, tensor<?x50xf32>) outs(%[[CS]] : tensor<?x50xf32>)
// CHECK:             tensor.insert_slice %[[M]] into %[[ACC]]
func.func @reduction_pack(%a: tensor<100x70xf32>, %b: tensor<70x50xf32>, %c: tensor<100x50xf32>,
                          %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<100x50xf32> {
  %r = spider.pit ins(%a, %b : tensor<100x70xf32>, tensor<70x50xf32>) outs(%c : tensor<100x50xf32>)
                  index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2
                  attributes {tile_config = #spider.tile_config<microtile = [32, 1], compute_tile = [4, 64, 4]>} {
  ^bb0(%x: tensor<100x70xf32>, %y: tensor<70x50xf32>, %z: tensor<100x50xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<100x70xf32>, tensor<70x50xf32>) outs(%z : tensor<100x50xf32>) -> tensor<100x50xf32>
    spider.yield %m : tensor<100x50xf32>
  } -> tensor<100x50xf32>
  return %r : tensor<100x50xf32>
}

// -----

// A parallel pack dim: the matmul only adds into its output, so each group
// computes its packed rows from zero and adds them into the accumulator
// (a scatter-add: the output rows are never gathered).
// CHECK-LABEL: func.func @parallel_pack
// CHECK:         scf.for {{.*}} iter_args(%[[ACC:.*]] = %{{.*}})
// CHECK:           %[[Z:.*]] = linalg.fill {{.*}} -> tensor<?x16xf32>
// CHECK:           %[[M:.*]] = linalg.matmul {spider.packed} ins({{.*}}) outs(%[[Z]] : tensor<?x16xf32>)
// CHECK:           scf.for {{.*}} iter_args(%[[OUT:.*]] = %[[ACC]])
// CHECK:             %[[ROWS:.*]] = tensor.extract_slice %[[M]]
// CHECK:             %[[CUR:.*]] = tensor.extract_slice %[[OUT]]
// The accumulator is only the init, so the add bufferizes in place (a
// linalg.add reading it as an input too is copied out and back per tile).
// CHECK:             linalg.generic {{.*}} ins(%[[ROWS]] : {{.*}}) outs(%[[CUR]] : {{.*}})
// CHECK:               arith.addf
// CHECK:             tensor.insert_slice {{.*}} into %[[OUT]]
func.func @parallel_pack(%a: tensor<64x96xf32>, %b: tensor<96x16xf32>, %c: tensor<64x16xf32>,
                         %i: !spider.index<microtile = [1, 32], pack_dim = 0>) -> tensor<64x16xf32> {
  %r = spider.pit ins(%a, %b : tensor<64x96xf32>, tensor<96x16xf32>) outs(%c : tensor<64x16xf32>)
                  index(%i : !spider.index<microtile = [1, 32], pack_dim = 0>) sparse_operand = 0 pack_dim = 0 {
  ^bb0(%x: tensor<64x96xf32>, %y: tensor<96x16xf32>, %z: tensor<64x16xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<64x96xf32>, tensor<96x16xf32>) outs(%z : tensor<64x16xf32>) -> tensor<64x16xf32>
    spider.yield %m : tensor<64x16xf32>
  } -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}

// -----

// With a dense threshold the choice is made at run time from the index.
// CHECK-LABEL: func.func @dense_fallback
// CHECK:         %[[OFF:.*]], %[[POS:.*]] = spider.index_arrays
// CHECK:         %[[ACTIVE:.*]] = tensor.dim %[[POS]]
// CHECK:         %[[DENSE:.*]] = arith.cmpf ogt
// CHECK:         scf.if %[[DENSE]] -> (tensor<64x64xf32>) {
// CHECK-NEXT:      %[[D:.*]] = linalg.matmul
// CHECK-NEXT:      scf.yield %[[D]]
// CHECK-NEXT:    } else {
// CHECK-NOT:       spider.index_arrays
// CHECK:           scf.for
// CHECK:             tensor.extract %[[OFF]]
func.func @dense_fallback(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>,
                          %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<64x64xf32> {
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
                  index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2
                  attributes {dense_threshold = 0.75 : f64} {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %m : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// -----

// A body that reads the position of a sliced dimension (d1, the columns of
// the group's micro-tile) reads it relative to the whole tensor: the slice
// offset is added back to linalg.index inside the clone.
// CHECK-LABEL: func.func @position_of_sliced_dim
// CHECK:         scf.for
// CHECK:           %[[COL:.*]] = arith.muli %{{.*}}, %c8
// CHECK:           tensor.extract_slice %{{.*}}[%{{.*}}, %[[COL]]]
// CHECK:           linalg.generic
// CHECK:             %[[J:.*]] = linalg.index 1 : index
// CHECK:             %[[JJ:.*]] = arith.addi %[[J]], %[[COL]] : index
// CHECK:             arith.index_cast %[[JJ]]
func.func @position_of_sliced_dim(%a: tensor<16x32xf32>, %o: tensor<16xf32>,
                                  %i: !spider.index<microtile = [1, 8], pack_dim = 0>) -> tensor<16xf32> {
  %r = spider.pit ins(%a : tensor<16x32xf32>) outs(%o : tensor<16xf32>)
                  index(%i : !spider.index<microtile = [1, 8], pack_dim = 0>) sparse_operand = 0 pack_dim = 0 {
  ^bb0(%x: tensor<16x32xf32>, %z: tensor<16xf32>):
    %m = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>],
                         iterator_types = ["parallel", "reduction"]}
        ins(%x : tensor<16x32xf32>) outs(%z : tensor<16xf32>) {
    ^bb0(%v: f32, %acc: f32):
      %j = linalg.index 1 : index
      %ji = arith.index_cast %j : index to i32
      %jf = arith.sitofp %ji : i32 to f32
      %w = arith.mulf %v, %jf : f32
      %s = arith.addf %acc, %w : f32
      linalg.yield %s : f32
    } -> tensor<16xf32>
    spider.yield %m : tensor<16xf32>
  } -> tensor<16xf32>
  return %r : tensor<16xf32>
}

// -----

// The output is read as an input too (C = A C + C): as in the dense
// program, the input is C before the computation (the operand, not what
// earlier groups wrote), and the output, never packed along k, is inserted
// back. (A fuzzer seed that once crashed the scatter-add check.)
// CHECK-LABEL: func.func @output_read_as_input
// CHECK-SAME:    %[[A:[a-z0-9]+]]: tensor<64x64xf32>, %[[C:[a-z0-9]+]]: tensor<64x64xf32>
// CHECK:         scf.for {{.*}} -> (tensor<64x64xf32>)
// CHECK:           tensor.extract_slice %[[C]]
// CHECK:           linalg.matmul
// CHECK-NOT:       arith.addf
// CHECK:           tensor.insert_slice
func.func @output_read_as_input(%a: tensor<64x64xf32>, %c: tensor<64x64xf32>,
                                %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<64x64xf32> {
  %r = spider.pit ins(%a : tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
         index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %m = linalg.matmul ins(%x, %z : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %m : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}
