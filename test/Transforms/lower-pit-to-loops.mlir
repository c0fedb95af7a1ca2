// RUN: spider-opt %s -split-input-file --spider-lower-pit-to-loops -verify-diagnostics | FileCheck %s --enable-var-scope

// A reduction pack dim: per group (a block of 32 rows of A), gather A's
// active columns and B's matching rows, multiply, insert the block back.
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
// CHECK:               tensor.extract_slice %[[B]]
// CHECK:               linalg.copy
// CHECK:             %[[CS:.*]] = tensor.extract_slice %[[ACC]]
// CHECK:             %[[M:.*]] = linalg.matmul {spider.compute_tile = array<i64: 4, 64, 4>} ins(%[[PA]], %[[PB]] : tensor<?x?xf32>, tensor<?x50xf32>) outs(%[[CS]] : tensor<?x50xf32>)
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

// A parallel pack dim: the packed output rows are gathered from the
// accumulator and scattered back after the multiply.
// CHECK-LABEL: func.func @parallel_pack
// CHECK:         scf.for {{.*}} iter_args(%[[ACC:.*]] = %{{.*}})
// CHECK:           %[[PC:.*]] = scf.for {{.*}} -> (tensor<?x16xf32>)
// CHECK:             tensor.extract_slice %[[ACC]]
// CHECK:           %[[M:.*]] = linalg.matmul ins({{.*}}) outs(%[[PC]] : tensor<?x16xf32>)
// CHECK:           scf.for {{.*}} iter_args(%[[OUT:.*]] = %[[ACC]])
// CHECK:             tensor.extract_slice %[[M]]
// CHECK:             linalg.copy
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

// A box dimension in a compound expression (a 1-D convolution over the
// packed channels, tiled along output positions) cannot be sliced per
// group: the computation is lowered densely, with a remark.
#in = affine_map<(o, w, c) -> (o + w, c)>
#filter = affine_map<(o, w, c) -> (w, c)>
#out = affine_map<(o, w, c) -> (o)>
// CHECK-LABEL: func.func @compound_box
// CHECK-NOT:     scf.for
// CHECK:         linalg.generic
func.func @compound_box(%x: tensor<10x8xf32>, %f: tensor<3x8xf32>, %y: tensor<8xf32>,
                        %i: !spider.index<microtile = [2, 1], pack_dim = 1>) -> tensor<8xf32> {
  // expected-remark@+1 {{lowered densely: the sparse operand's axis 0 is not indexed by a bare loop dimension}}
  %r = spider.pit ins(%x, %f : tensor<10x8xf32>, tensor<3x8xf32>) outs(%y : tensor<8xf32>)
                  index(%i : !spider.index<microtile = [2, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%a: tensor<10x8xf32>, %b: tensor<3x8xf32>, %z: tensor<8xf32>):
    %g = linalg.generic {indexing_maps = [#in, #filter, #out], iterator_types = ["parallel", "reduction", "reduction"]}
        ins(%a, %b : tensor<10x8xf32>, tensor<3x8xf32>) outs(%z : tensor<8xf32>) {
    ^bb0(%p: f32, %q: f32, %acc: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %acc, %m : f32
      linalg.yield %s : f32
    } -> tensor<8xf32>
    spider.yield %g : tensor<8xf32>
  } -> tensor<8xf32>
  return %r : tensor<8xf32>
}
