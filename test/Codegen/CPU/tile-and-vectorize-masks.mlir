// RUN: spider-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(spider-tile-and-vectorize{cpu-isa=avx512}),canonicalize)" | FileCheck %s --enable-var-scope

// When a masked contraction runs unmasked. It may when every product that
// the mask leaves out along a reduction loop is provably zero: each factor
// is built only from reads that the reduction loop's bound masks (then
// padded with zero), zero constants, transposes and broadcasts not along
// that loop, and mul, add, sub, neg, fma and casts of such values. Else the
// mask stays. Lanes cut only along parallel loops need no proof.

// SDDMM with the packed k as vector lanes: the product a * b is zero past
// k's bound, but s, broadcast along k, is not, and 0 * s is not 0 for every
// s (inf, NaN). The contraction stays masked and no read is repadded.
#s = affine_map<(i, j, k) -> (i, j)>
#a = affine_map<(i, j, k) -> (i, k)>
#b = affine_map<(i, j, k) -> (k, j)>
// CHECK-LABEL: func.func @sddmm_k_lanes
// CHECK:         %[[POISON:.*]] = ub.poison : f32
// CHECK-NOT:     arith.constant 0.000000e+00 : f32
// CHECK:         vector.transfer_read {{.*}}, %[[POISON]], %{{.*}} : tensor<1x?xf32>, vector<1x16xf32>
// CHECK:         vector.transfer_read {{.*}}, %[[POISON]], %{{.*}} : tensor<?x1xf32>, vector<16x1xf32>
// CHECK:         %[[AB:.*]] = arith.mulf {{.*}} : vector<1x1x16xf32>
// CHECK:         %[[MASK:.*]] = vector.create_mask %{{.*}}, %{{.*}}, %{{.*}} : vector<1x1x16xi1>
// CHECK:         vector.mask %[[MASK]] { vector.contract {{.*}} %{{.*}}, %[[AB]], %{{.*}} : vector<1x1x16xf32>, vector<1x1x16xf32> into vector<1x1xf32> }
func.func @sddmm_k_lanes(%s: tensor<?x?xf32>, %a: tensor<?x?xf32>, %b: tensor<?x?xf32>, %x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %r = linalg.generic {indexing_maps = [#s, #a, #b, #s], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%s, %a, %b : tensor<?x?xf32>, tensor<?x?xf32>, tensor<?x?xf32>) outs(%x : tensor<?x?xf32>)
      attrs = {spider.compute_tile = array<i64: 1, 1, 16>} {
  ^bb0(%vs: f32, %va: f32, %vb: f32, %vx: f32):
    %p = arith.mulf %va, %vb : f32
    %q = arith.mulf %vs, %p : f32
    %t = arith.addf %vx, %q : f32
    linalg.yield %t : f32
  } -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

// -----

// The same SDDMM with the default tiles: lanes along j, one k at a time.
// The mask cuts j only, so the contraction runs unmasked on the reads as
// they are; its one-deep reduction is one element-wise FMA.
#s = affine_map<(i, j, k) -> (i, j)>
#a = affine_map<(i, j, k) -> (i, k)>
#b = affine_map<(i, j, k) -> (k, j)>
// CHECK-LABEL: func.func @sddmm_j_lanes
// CHECK-NOT:     vector.mask
// CHECK:         vector.shape_cast {{.*}} : vector<1x16x1xf32> to vector<1x16xf32>
// CHECK:         vector.fma {{.*}} : vector<1x16xf32>
// CHECK-NOT:     vector.mask
func.func @sddmm_j_lanes(%s: tensor<?x?xf32>, %a: tensor<?x?xf32>, %b: tensor<?x?xf32>, %x: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %r = linalg.generic {indexing_maps = [#s, #a, #b, #s], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%s, %a, %b : tensor<?x?xf32>, tensor<?x?xf32>, tensor<?x?xf32>) outs(%x : tensor<?x?xf32>) {
  ^bb0(%vs: f32, %va: f32, %vb: f32, %vx: f32):
    %p = arith.mulf %va, %vb : f32
    %q = arith.mulf %vs, %p : f32
    %t = arith.addf %vx, %q : f32
    linalg.yield %t : f32
  } -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

// -----

// (a * b) * -c, every factor read along k: all three reads pad with zero
// and the contraction runs unmasked.
#id = affine_map<(i, k) -> (i, k)>
#row = affine_map<(i, k) -> (i)>
// CHECK-LABEL: func.func @product_chain
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[MASK:.*]] = vector.create_mask
// CHECK:         %[[A:.*]] = vector.transfer_read {{.*}}, %[[ZERO]], %[[MASK]]
// CHECK:         %[[B:.*]] = vector.transfer_read {{.*}}, %[[ZERO]], %[[MASK]]
// CHECK:         %[[C:.*]] = vector.transfer_read {{.*}}, %[[ZERO]], %[[MASK]]
// CHECK:         %[[AB:.*]] = arith.mulf %[[A]], %[[B]]
// CHECK:         %[[NC:.*]] = arith.negf %[[C]]
// CHECK-NOT:     vector.mask
// CHECK:         vector.contract {{.*}} %[[AB]], %[[NC]]
func.func @product_chain(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>, %c: tensor<?x?xf32>, %x: tensor<?xf32>) -> tensor<?xf32> {
  %r = linalg.generic {indexing_maps = [#id, #id, #id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%a, %b, %c : tensor<?x?xf32>, tensor<?x?xf32>, tensor<?x?xf32>) outs(%x : tensor<?xf32>)
      attrs = {spider.compute_tile = array<i64: 1, 16>} {
  ^bb0(%va: f32, %vb: f32, %vc: f32, %vx: f32):
    %p = arith.mulf %va, %vb : f32
    %n = arith.negf %vc : f32
    %q = arith.mulf %p, %n : f32
    %t = arith.addf %vx, %q : f32
    linalg.yield %t : f32
  } -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

// Widened inputs: extf keeps zero lanes zero; the f16 reads pad with zero.
#id = affine_map<(i, k) -> (i, k)>
#row = affine_map<(i, k) -> (i)>
// CHECK-LABEL: func.func @widened
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f16
// CHECK:         vector.transfer_read {{.*}}, %[[ZERO]], %{{.*}} : tensor<1x?xf16>, vector<1x16xf16>
// CHECK:         vector.transfer_read {{.*}}, %[[ZERO]], %{{.*}} : tensor<1x?xf16>, vector<1x16xf16>
// CHECK-NOT:     vector.mask
// CHECK:         vector.contract
func.func @widened(%a: tensor<?x?xf16>, %b: tensor<?x?xf16>, %x: tensor<?xf32>) -> tensor<?xf32> {
  %r = linalg.generic {indexing_maps = [#id, #id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%a, %b : tensor<?x?xf16>, tensor<?x?xf16>) outs(%x : tensor<?xf32>)
      attrs = {spider.compute_tile = array<i64: 1, 16>} {
  ^bb0(%va: f16, %vb: f16, %vx: f32):
    %ea = arith.extf %va : f16 to f32
    %eb = arith.extf %vb : f16 to f32
    %p = arith.mulf %ea, %eb : f32
    %t = arith.addf %vx, %p : f32
    linalg.yield %t : f32
  } -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

// A quotient: 0 / 0 is NaN, so no proof; the mask stays.
#id = affine_map<(i, k) -> (i, k)>
#row = affine_map<(i, k) -> (i)>
// CHECK-LABEL: func.func @quotient
// CHECK:         arith.divf
// CHECK:         vector.mask %{{.*}} { vector.contract
func.func @quotient(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>, %c: tensor<?x?xf32>, %x: tensor<?xf32>) -> tensor<?xf32> {
  %r = linalg.generic {indexing_maps = [#id, #id, #id, #row], iterator_types = ["parallel", "reduction"]}
      ins(%a, %b, %c : tensor<?x?xf32>, tensor<?x?xf32>, tensor<?x?xf32>) outs(%x : tensor<?xf32>)
      attrs = {spider.compute_tile = array<i64: 1, 16>} {
  ^bb0(%va: f32, %vb: f32, %vc: f32, %vx: f32):
    %p = arith.divf %va, %vb : f32
    %q = arith.mulf %p, %vc : f32
    %t = arith.addf %vx, %q : f32
    linalg.yield %t : f32
  } -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

// linalg.dot into a 0-d accumulator: a contraction into a scalar (a 0-d
// vector accumulator is invalid), unmasked over zero-padded reads.
// CHECK-LABEL: func.func @dot
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[A:.*]] = vector.transfer_read {{.*}}, %[[ZERO]], %{{.*}} : tensor<?xf32>, vector<16xf32>
// CHECK:         %[[B:.*]] = vector.transfer_read {{.*}}, %[[ZERO]], %{{.*}} : tensor<?xf32>, vector<16xf32>
// CHECK:         %[[ACC:.*]] = vector.extract %{{.*}}[] : f32 from vector<f32>
// CHECK-NOT:     vector.mask
// CHECK:         vector.contract {{.*}} %[[A]], %[[B]], %[[ACC]] : vector<16xf32>, vector<16xf32> into f32
func.func @dot(%a: tensor<?xf32>, %b: tensor<?xf32>, %c: tensor<f32>) -> tensor<f32> {
  %r = linalg.dot ins(%a, %b : tensor<?xf32>, tensor<?xf32>) outs(%c : tensor<f32>) -> tensor<f32>
  return %r : tensor<f32>
}
