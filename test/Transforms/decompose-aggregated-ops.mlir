// RUN: spider-opt %s -split-input-file -verify-diagnostics --spider-decompose-aggregated-ops | FileCheck %s

// linalg.softmax becomes the structured ops its decomposition builds; a mark
// on its input stays on the input, for spider-sparsify to see.
// CHECK-LABEL: func.func @softmax
// CHECK-NOT:     linalg.softmax
// CHECK:         linalg.fill
// CHECK:         linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]
// CHECK:           arith.maxnumf
// CHECK:         linalg.generic
// CHECK:           arith.subf
// CHECK:           math.exp
// CHECK:         linalg.generic
// CHECK:           arith.addf
// CHECK:         linalg.generic
// CHECK:           arith.divf
func.func @softmax(%x: tensor<4x8xf32>, %o: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %r = linalg.softmax dimension(1) ins(%x : tensor<4x8xf32>) outs(%o : tensor<4x8xf32>) -> tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}

// -----

func.func @softmax_on_buffers(%x: memref<4x8xf32>, %o: memref<4x8xf32>) {
  // expected-error@+1 {{spider-decompose-aggregated-ops: 'linalg.softmax' on buffers is not supported; write it on tensors, before bufferization}}
  linalg.softmax dimension(1) ins(%x : memref<4x8xf32>) outs(%o : memref<4x8xf32>)
  return
}

// -----

// Integer softmax passes linalg's verifier, but its decomposition (a max
// with -inf as identity, exp) needs floats: a diagnostic, not a crash
// (found by the fuzzer).
func.func @softmax_on_integers(%x: tensor<4x8xi16>, %o: tensor<4x8xi16>) -> tensor<4x8xi16> {
  // expected-error@+1 {{spider-decompose-aggregated-ops: 'linalg.softmax' on 'i16' elements cannot be decomposed: it needs floating-point elements}}
  %r = linalg.softmax dimension(1) ins(%x : tensor<4x8xi16>) outs(%o : tensor<4x8xi16>) -> tensor<4x8xi16>
  return %r : tensor<4x8xi16>
}

// -----

// A mark on the input stays there; the intermediates, typed like the input
// by the decomposition, are not marked.
// CHECK-LABEL: func.func @softmax_marked
// CHECK-SAME:    %[[X:.*]]: tensor<4x8xf32, #spider.sparse<microtile = [1, 4]>>
// CHECK-SAME:    %[[O:.*]]: tensor<4x8xf32>)
// CHECK:         linalg.generic {{.*}} ins(%[[X]], %{{.*}} : tensor<4x8xf32, #spider.sparse<microtile = [1, 4]>>, tensor<4xf32>) outs(%[[O]] : tensor<4x8xf32>)
// CHECK-NOT:     -> tensor<4x8xf32, #spider.sparse
func.func @softmax_marked(%x: tensor<4x8xf32, #spider.sparse<microtile = [1, 4]>>, %o: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %r = linalg.softmax dimension(1) ins(%x : tensor<4x8xf32, #spider.sparse<microtile = [1, 4]>>) outs(%o : tensor<4x8xf32>) -> tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}
