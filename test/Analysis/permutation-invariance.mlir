// RUN: spider-opt %s -split-input-file --spider-test-permutation-invariance | FileCheck %s --enable-var-scope

// spider.pi_dims lists the loop dimensions along which each linalg op is
// permutation invariant (DESIGN.md section 1).

// Named ops through their generic form.
// CHECK-LABEL: func.func @named
// CHECK:         linalg.matmul {spider.pi_dims = array<i64: 0, 1, 2>}
// CHECK:         linalg.batch_matmul {spider.pi_dims = array<i64: 0, 1, 2, 3>}
// CHECK:         linalg.add {spider.pi_dims = array<i64: 0, 1>}
// CHECK:         linalg.transpose {{.*}}{spider.pi_dims = array<i64: 0, 1>}
// CHECK:         linalg.fill {spider.pi_dims = array<i64: 0, 1>}
// CHECK:         linalg.matvec {spider.pi_dims = array<i64: 0, 1>}
func.func @named(%a: tensor<8x16xf32>, %b: tensor<16x4xf32>, %c: tensor<8x4xf32>,
                 %ba: tensor<2x8x16xf32>, %bb: tensor<2x16x4xf32>, %bc: tensor<2x8x4xf32>,
                 %t: tensor<16x8xf32>, %v: tensor<16xf32>, %o: tensor<8xf32>) {
  %0 = linalg.matmul ins(%a, %b : tensor<8x16xf32>, tensor<16x4xf32>) outs(%c : tensor<8x4xf32>) -> tensor<8x4xf32>
  %1 = linalg.batch_matmul ins(%ba, %bb : tensor<2x8x16xf32>, tensor<2x16x4xf32>) outs(%bc : tensor<2x8x4xf32>) -> tensor<2x8x4xf32>
  %2 = linalg.add ins(%c, %c : tensor<8x4xf32>, tensor<8x4xf32>) outs(%c : tensor<8x4xf32>) -> tensor<8x4xf32>
  %3 = linalg.transpose ins(%a : tensor<8x16xf32>) outs(%t : tensor<16x8xf32>) permutation = [1, 0]
  %zero = arith.constant 0.0 : f32
  %4 = linalg.fill ins(%zero : f32) outs(%c : tensor<8x4xf32>) -> tensor<8x4xf32>
  %5 = linalg.matvec ins(%a, %v : tensor<8x16xf32>, tensor<16xf32>) outs(%o : tensor<8xf32>) -> tensor<8xf32>
  return
}

// -----

// Convolutions and pooling: the window dims appear in compound expressions
// (oh + kh, ow + kw), so only batch, channels and filters qualify.
// conv_2d_nhwc_hwcf loops: (n, oh, ow, f, kh, kw, c).
// pooling_nhwc_* loops: (n, oh, ow, c, kh, kw).
// CHECK-LABEL: func.func @windows
// CHECK:         linalg.conv_2d_nhwc_hwcf {{.*}}spider.pi_dims = array<i64: 0, 3, 6>
// CHECK:         linalg.conv_2d_nhwc_hwcf {{.*}}spider.pi_dims = array<i64: 0, 3, 6>
// CHECK:         linalg.pooling_nhwc_sum {{.*}}spider.pi_dims = array<i64: 0, 3>
// CHECK:         linalg.pooling_nhwc_max {{.*}}spider.pi_dims = array<i64: 0, 3>
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwc {{.*}}spider.pi_dims = array<i64: 0, 3>
func.func @windows(%in: tensor<1x10x10x3xf32>, %f: tensor<3x3x3x8xf32>, %out: tensor<1x8x8x8xf32>,
                   %strided: tensor<1x4x4x8xf32>, %win: tensor<3x3xf32>, %pool: tensor<1x8x8x3xf32>,
                   %dw: tensor<3x3x3xf32>) {
  %0 = linalg.conv_2d_nhwc_hwcf ins(%in, %f : tensor<1x10x10x3xf32>, tensor<3x3x3x8xf32>) outs(%out : tensor<1x8x8x8xf32>) -> tensor<1x8x8x8xf32>
  %1 = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<2> : tensor<2xi64>}
       ins(%in, %f : tensor<1x10x10x3xf32>, tensor<3x3x3x8xf32>) outs(%strided : tensor<1x4x4x8xf32>) -> tensor<1x4x4x8xf32>
  %2 = linalg.pooling_nhwc_sum ins(%in, %win : tensor<1x10x10x3xf32>, tensor<3x3xf32>) outs(%pool : tensor<1x8x8x3xf32>) -> tensor<1x8x8x3xf32>
  %3 = linalg.pooling_nhwc_max ins(%in, %win : tensor<1x10x10x3xf32>, tensor<3x3xf32>) outs(%pool : tensor<1x8x8x3xf32>) -> tensor<1x8x8x3xf32>
  %4 = linalg.depthwise_conv_2d_nhwc_hwc ins(%in, %dw : tensor<1x10x10x3xf32>, tensor<3x3x3xf32>) outs(%pool : tensor<1x8x8x3xf32>) -> tensor<1x8x8x3xf32>
  return
}

// -----

#id = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (i)>

// Reductions whose combiner is commutative and associative keep the reduced
// dimension; linalg.index on a dimension removes it.
// CHECK-LABEL: func.func @combiners
// CHECK:         linalg.generic {{.*}}spider.pi_dims = array<i64: 0, 1>
// CHECK:         arith.mulf
// CHECK:         linalg.generic {{.*}}spider.pi_dims = array<i64: 0, 1>
// CHECK:         arith.maximumf
// CHECK:         linalg.generic {{.*}}spider.pi_dims = array<i64: 0, 1>
// CHECK:         arith.minnumf
// CHECK:         linalg.generic {{.*}}spider.pi_dims = array<i64: 0, 1>
// CHECK:         arith.andi
// CHECK:         linalg.generic {{.*}}spider.pi_dims = array<i64: 0, 1>
// CHECK:         arith.ori
// CHECK:         linalg.generic {{.*}}spider.pi_dims = array<i64: 0, 1>
// CHECK:         arith.xori
// CHECK:         linalg.generic {{.*}}spider.pi_dims = array<i64: 0, 1>
// CHECK:         arith.select
// CHECK:         linalg.generic {{.*}}spider.pi_dims = array<i64: 0>
// CHECK:         linalg.index 1
func.func @combiners(%x: tensor<4x8xf32>, %acc: tensor<4xf32>, %bx: tensor<4x8xi1>, %bacc: tensor<4xi1>,
                     %ix: tensor<4x8xi32>, %iacc: tensor<4xi32>) {
  %0 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%acc : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.mulf %in, %out : f32
    linalg.yield %r : f32
  } -> tensor<4xf32>
  %1 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%acc : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = math.exp %in : f32
    %r = arith.maximumf %out, %e : f32
    linalg.yield %r : f32
  } -> tensor<4xf32>
  %2 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%acc : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.minnumf %in, %out : f32
    linalg.yield %r : f32
  } -> tensor<4xf32>
  %3 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%bx : tensor<4x8xi1>) outs(%bacc : tensor<4xi1>) {
  ^bb0(%in: i1, %out: i1):
    %r = arith.andi %out, %in : i1
    linalg.yield %r : i1
  } -> tensor<4xi1>
  %4 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%bx : tensor<4x8xi1>) outs(%bacc : tensor<4xi1>) {
  ^bb0(%in: i1, %out: i1):
    %r = arith.ori %out, %in : i1
    linalg.yield %r : i1
  } -> tensor<4xi1>
  %5 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%ix : tensor<4x8xi32>) outs(%iacc : tensor<4xi32>) {
  ^bb0(%in: i32, %out: i32):
    %r = arith.xori %out, %in : i32
    linalg.yield %r : i32
  } -> tensor<4xi32>
  // A max written as compare and select.
  %6 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%ix : tensor<4x8xi32>) outs(%iacc : tensor<4xi32>) {
  ^bb0(%in: i32, %out: i32):
    %c = arith.cmpi sgt, %in, %out : i32
    %r = arith.select %c, %in, %out : i32
    linalg.yield %r : i32
  } -> tensor<4xi32>
  // Weighting by position makes the reduction depend on the order.
  %7 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%acc : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %j = linalg.index 1 : index
    %ji = arith.index_cast %j : index to i32
    %jf = arith.sitofp %ji : i32 to f32
    %w = arith.mulf %in, %jf : f32
    %r = arith.addf %out, %w : f32
    linalg.yield %r : f32
  } -> tensor<4xf32>
  return
}

// -----

#id = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (i)>

// Bodies that are not a plain combiner lose the reduced dimension and keep
// the parallel one.
// CHECK-LABEL: func.func @not_combiners
// CHECK:         linalg.generic {{.*}}spider.pi_dims = array<i64: 0>
// CHECK:         arith.subf
// CHECK:         linalg.generic {{.*}}spider.pi_dims = array<i64: 0>
// CHECK:         arith.addf
// CHECK:         linalg.generic {{.*}}spider.pi_dims = array<i64: 0>
// CHECK:         linalg.yield %{{.*}} : f32
// CHECK:         linalg.generic {{.*}}spider.pi_dims = array<i64: 0>
// CHECK:         arith.divf
// CHECK:         linalg.generic {{.*}}spider.pi_dims = array<i64: 0>
// CHECK:         arith.mulf
func.func @not_combiners(%x: tensor<4x8xf32>, %acc: tensor<4xf32>) {
  // A running difference alternates signs.
  %0 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%acc : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.subf %out, %in : f32
    linalg.yield %r : f32
  } -> tensor<4xf32>
  // 2 * out + in weighs earlier iterations more.
  %1 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%acc : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %two = arith.constant 2.0 : f32
    %d = arith.mulf %two, %out : f32
    %r = arith.addf %d, %in : f32
    linalg.yield %r : f32
  } -> tensor<4xf32>
  // Ignoring the accumulator: the last iteration wins.
  %2 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%acc : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4xf32>
  // Division is neither commutative nor associative.
  %3 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%acc : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.divf %out, %in : f32
    linalg.yield %r : f32
  } -> tensor<4xf32>
  // The accumulator is read twice: out * out + in.
  %4 = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%acc : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %sq = arith.mulf %out, %out : f32
    %r = arith.addf %in, %sq : f32
    linalg.yield %r : f32
  } -> tensor<4xf32>
  return
}

// -----

#id = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (i)>

// Multiple results: each reduced result needs its own combiner, and no
// combined value may read another accumulator.
// CHECK-LABEL: func.func @multiple_results
// CHECK:         linalg.generic {{.*}}spider.pi_dims = array<i64: 0, 1>
// CHECK:         linalg.generic {{.*}}spider.pi_dims = array<i64: 0>
// CHECK:         linalg.generic {{.*}}spider.pi_dims = array<i64: 0>
func.func @multiple_results(%x: tensor<4x8xf32>, %acc: tensor<4xf32>) {
  // Sum and max together.
  %0:2 = linalg.generic {indexing_maps = [#id, #row, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%acc, %acc : tensor<4xf32>, tensor<4xf32>) {
  ^bb0(%in: f32, %s: f32, %m: f32):
    %a = arith.addf %s, %in : f32
    %b = arith.maximumf %m, %in : f32
    linalg.yield %a, %b : f32, f32
  } -> (tensor<4xf32>, tensor<4xf32>)
  // The second sum adds the running value of the first.
  %1:2 = linalg.generic {indexing_maps = [#id, #row, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%acc, %acc : tensor<4xf32>, tensor<4xf32>) {
  ^bb0(%in: f32, %s: f32, %t: f32):
    %a = arith.addf %s, %in : f32
    %b = arith.addf %t, %s : f32
    linalg.yield %a, %b : f32, f32
  } -> (tensor<4xf32>, tensor<4xf32>)
  // An online softmax: (max, sum) rescaled at every step.
  %2:2 = linalg.generic {indexing_maps = [#id, #row, #row], iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<4x8xf32>) outs(%acc, %acc : tensor<4xf32>, tensor<4xf32>) {
  ^bb0(%in: f32, %m: f32, %s: f32):
    %nm = arith.maximumf %m, %in : f32
    %d = arith.subf %m, %nm : f32
    %scale = math.exp %d : f32
    %rs = arith.mulf %s, %scale : f32
    %xd = arith.subf %in, %nm : f32
    %e = math.exp %xd : f32
    %ns = arith.addf %rs, %e : f32
    linalg.yield %nm, %ns : f32, f32
  } -> (tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

#id = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (i)>
#shifted = affine_map<(i, j) -> (i, j + 1)>
#diag = affine_map<(i, j) -> (i, i)>

// Compound expressions disqualify a dimension wherever they appear; a row-wise
// softmax stage (exp(x - max) / sum) is invariant along rows and columns.
// CHECK-LABEL: func.func @indexing
// CHECK:         linalg.generic {{.*}}spider.pi_dims = array<i64: 0>
// CHECK:         linalg.generic {{.*}}spider.pi_dims = array<i64: 0, 1>
// CHECK:         linalg.generic {{.*}}spider.pi_dims = array<i64: 0, 1>
func.func @indexing(%x: tensor<4x9xf32>, %y: tensor<4x8xf32>, %acc: tensor<4xf32>, %sq: tensor<4x4xf32>) {
  // A stencil: out[i, j] = x[i, j + 1].
  %0 = linalg.generic {indexing_maps = [#shifted, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x9xf32>) outs(%y : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4x8xf32>
  // Softmax normalization, given row max and row sum.
  %1 = linalg.generic {indexing_maps = [#id, #row, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%y, %acc, %acc : tensor<4x8xf32>, tensor<4xf32>, tensor<4xf32>) outs(%y : tensor<4x8xf32>) {
  ^bb0(%in: f32, %max: f32, %sum: f32, %out: f32):
    %d = arith.subf %in, %max : f32
    %e = math.exp %d : f32
    %r = arith.divf %e, %sum : f32
    linalg.yield %r : f32
  } -> tensor<4x8xf32>
  // A diagonal read uses i twice, both bare: still invariant.
  %2 = linalg.generic {indexing_maps = [#diag, #id], iterator_types = ["parallel", "parallel"]}
      ins(%sq : tensor<4x4xf32>) outs(%sq : tensor<4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4x4xf32>
  return
}

// -----

#in = affine_map<(i, j) -> (i, j)>
#out = affine_map<(i, j) -> (i)>

// A dimension marked parallel but absent from the output map still reduces:
// overwriting makes the last iteration win, adding does not.
// CHECK-LABEL: func.func @parallel_but_reduced
// CHECK:         linalg.generic {{.*}}spider.pi_dims = array<i64: 0>
// CHECK:         linalg.generic {{.*}}spider.pi_dims = array<i64: 0, 1>
func.func @parallel_but_reduced(%x: tensor<4x8xf32>, %acc: tensor<4xf32>) {
  %0 = linalg.generic {indexing_maps = [#in, #out], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x8xf32>) outs(%acc : tensor<4xf32>) {
  ^bb0(%i: f32, %o: f32):
    linalg.yield %i : f32
  } -> tensor<4xf32>
  %1 = linalg.generic {indexing_maps = [#in, #out], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<4x8xf32>) outs(%acc : tensor<4xf32>) {
  ^bb0(%i: f32, %o: f32):
    %r = arith.addf %i, %o : f32
    linalg.yield %r : f32
  } -> tensor<4xf32>
  return
}

// -----

// Memref (buffer) form too, and spider.pit answers for its computation.
// CHECK-LABEL: func.func @buffers_and_pit
// CHECK:         linalg.matmul {spider.pi_dims = array<i64: 0, 1, 2>} ins(%{{.*}}, %{{.*}} : memref
// CHECK:         spider.pit {{.*}} attributes {spider.pi_dims = array<i64: 0, 1, 2>}
func.func @buffers_and_pit(%a: memref<8x16xf32>, %b: memref<16x4xf32>, %c: memref<8x4xf32>,
                           %ta: tensor<8x16xf32>, %tb: tensor<16x4xf32>, %tc: tensor<8x4xf32>,
                           %i: !spider.index<microtile = [8, 1], pack_dim = 1>) -> tensor<8x4xf32> {
  linalg.matmul ins(%a, %b : memref<8x16xf32>, memref<16x4xf32>) outs(%c : memref<8x4xf32>)
  %r = spider.pit ins(%ta, %tb : tensor<8x16xf32>, tensor<16x4xf32>) outs(%tc : tensor<8x4xf32>)
                  index(%i : !spider.index<microtile = [8, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<8x16xf32>, %y: tensor<16x4xf32>, %z: tensor<8x4xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<8x16xf32>, tensor<16x4xf32>) outs(%z : tensor<8x4xf32>) -> tensor<8x4xf32>
    spider.yield %m : tensor<8x4xf32>
  } -> tensor<8x4xf32>
  return %r : tensor<8x4xf32>
}
