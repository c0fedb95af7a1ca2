// RUN: spider-opt %s -split-input-file --spider-lower-pit-to-loops --canonicalize --cse | FileCheck %s --enable-var-scope

// Convolution windows and values read twice, through PIT.

// A 1-D convolution whose filter is sparse in [1, 2] micro-tiles, packed
// along the channels: a group is one tap w0 and its input is the window
// shifted by w0, rows w0 to the end, gathered along the channels like the
// filter.
#in = affine_map<(o, w, c) -> (o + w, c)>
#filter = affine_map<(o, w, c) -> (w, c)>
#out = affine_map<(o, w, c) -> (o)>
// CHECK-LABEL: func.func @window_box
// CHECK-SAME:    %[[X:[^:]*]]: tensor<10x8xf32>, %[[F:[^:]*]]: tensor<3x8xf32>
// CHECK:         scf.for
// CHECK:           scf.if
// CHECK:             %[[W0:.*]] = arith.remsi %{{.*}}, %c3
// CHECK:             %[[ROWS:.*]] = arith.subi %c10, %[[W0]]
// CHECK:             scf.for
// CHECK:               tensor.extract_slice %[[X]][%[[W0]], %{{.*}}] [%[[ROWS]], 2]
// CHECK:             scf.for
// CHECK:               tensor.extract_slice %[[F]][%[[W0]], %{{.*}}] [1, 2]
// CHECK:             linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<?x?xf32>, tensor<1x?xf32>) outs(%{{.*}} : tensor<8xf32>)
func.func @window_box(%x: tensor<10x8xf32>, %f: tensor<3x8xf32>, %y: tensor<8xf32>,
                      %i: !spider.index<microtile = [1, 2], pack_dim = 1>) -> tensor<8xf32> {
  %r = spider.pit ins(%x, %f : tensor<10x8xf32>, tensor<3x8xf32>) outs(%y : tensor<8xf32>)
                  index(%i : !spider.index<microtile = [1, 2], pack_dim = 1>) sparse_operand = 1 pack_dim = 2 {
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

// -----

// The input itself sparse, with an index micro-tile that spans its 10 rows:
// no box, the window is read whole, only the channels are gathered.
#in = affine_map<(o, w, c) -> (o + w, c)>
#filter = affine_map<(o, w, c) -> (w, c)>
#out = affine_map<(o, w, c) -> (o)>
// CHECK-LABEL: func.func @window_spanned
// CHECK-SAME:    %[[X:[^:]*]]: tensor<10x8xf32>, %[[F:[^:]*]]: tensor<3x8xf32>
// CHECK:         scf.for
// CHECK:               tensor.extract_slice %[[X]][0, %{{.*}}] [10, 2]
// CHECK:               tensor.extract_slice %[[F]][0, %{{.*}}] [3, 2]
// CHECK:             linalg.generic {{.*}} ins(%{{.*}}, %{{.*}} : tensor<10x?xf32>, tensor<3x?xf32>) outs(%{{.*}} : tensor<8xf32>)
func.func @window_spanned(%x: tensor<10x8xf32>, %f: tensor<3x8xf32>, %y: tensor<8xf32>,
                          %i: !spider.index<microtile = [10, 2], pack_dim = 1>) -> tensor<8xf32> {
  %r = spider.pit ins(%x, %f : tensor<10x8xf32>, tensor<3x8xf32>) outs(%y : tensor<8xf32>)
                  index(%i : !spider.index<microtile = [10, 2], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
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

// -----

// A·A with A sparse in [1, 16] micro-tiles, its right-hand use the sparse
// operand, packed along k: a group is a strip of 16 columns (n), and the
// left-hand use, A[m, k], is gathered along k as well, from the same tensor.
// CHECK-LABEL: func.func @matmul_self
// CHECK-SAME:    %[[A:[^:]*]]: tensor<40x40xf32>
// CHECK:         scf.for
// CHECK:             scf.for
// CHECK:               tensor.extract_slice %[[A]][0, %{{.*}}] [40, 1]
// CHECK:             scf.for
// CHECK:               tensor.extract_slice %[[A]][%{{.*}}, %{{.*}}] [1, %{{.*}}]
// CHECK:             linalg.matmul {spider.packed} ins(%{{.*}}, %{{.*}} : tensor<40x?xf32>, tensor<?x?xf32>)
func.func @matmul_self(%a: tensor<40x40xf32>, %c: tensor<40x40xf32>,
                       %i: !spider.index<microtile = [1, 16], pack_dim = 0>) -> tensor<40x40xf32> {
  %r = spider.pit ins(%a, %a : tensor<40x40xf32>, tensor<40x40xf32>) outs(%c : tensor<40x40xf32>)
                  index(%i : !spider.index<microtile = [1, 16], pack_dim = 0>) sparse_operand = 1 pack_dim = 2 {
  ^bb0(%x: tensor<40x40xf32>, %y: tensor<40x40xf32>, %z: tensor<40x40xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<40x40xf32>, tensor<40x40xf32>) outs(%z : tensor<40x40xf32>) -> tensor<40x40xf32>
    spider.yield %m : tensor<40x40xf32>
  } -> tensor<40x40xf32>
  return %r : tensor<40x40xf32>
}
