// RUN: spider-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(spider-tile-and-vectorize))" | FileCheck %s

// Contractions whose element types differ take upstream's named-contraction
// path (one vector.contract that extends its operands itself) only where
// that extension is the op's: floats, or signed integers, in a plain
// matmul. An unsigned cast keeps its arith.extui (the contraction used to
// sign-extend it: a wrong answer).
// CHECK-LABEL: func.func @unsigned
// CHECK:         arith.extui {{.*}} : vector<{{.*}}xi8> to vector<{{.*}}xi32>
// CHECK:         vector.contract {{.*}} : vector<{{.*}}xi32>, vector<{{.*}}xi32> into
func.func @unsigned(%a: tensor<8x16xi8>, %b: tensor<16x8xi8>, %c: tensor<8x8xi32>) -> tensor<8x8xi32> {
  %r = linalg.matmul {cast = #linalg.type_fn<cast_unsigned>} ins(%a, %b : tensor<8x16xi8>, tensor<16x8xi8>) outs(%c : tensor<8x8xi32>) -> tensor<8x8xi32>
  return %r : tensor<8x8xi32>
}

// -----

// Integers into a float accumulator: the body's sitofp stays.
// CHECK-LABEL: func.func @int_to_float
// CHECK:         arith.sitofp {{.*}} : vector<{{.*}}xi8> to vector<{{.*}}xf32>
// CHECK-NOT:     arith.extf
func.func @int_to_float(%a: tensor<8x16xi8>, %b: tensor<16x8xi8>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<8x16xi8>, tensor<16x8xi8>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}

// -----

// A plain f16 -> f32 matmul keeps the named path: a mixed vector.contract.
// CHECK-LABEL: func.func @half_to_float
// CHECK:         vector.contract {{.*}} : vector<{{.*}}xf16>, vector<{{.*}}xf16> into vector<{{.*}}xf32>
func.func @half_to_float(%a: tensor<8x16xf16>, %b: tensor<16x8xf16>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<8x16xf16>, tensor<16x8xf16>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}
