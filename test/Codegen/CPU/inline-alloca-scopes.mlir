// RUN: spider-opt %s -split-input-file --spider-inline-alloca-scopes | FileCheck %s

// A scope that allocates nothing is its body (results included).
// CHECK-LABEL: func.func @no_alloca
// CHECK-NOT:     memref.alloca_scope
// CHECK:         %[[S:.*]] = arith.addf
// CHECK:         return %[[S]]
func.func @no_alloca(%x: f32) -> f32 {
  %r = memref.alloca_scope -> (f32) {
    %s = arith.addf %x, %x : f32
    memref.alloca_scope.return %s : f32
  }
  return %r : f32
}

// -----

// A stack allocation inside, however deep, keeps the scope that frees it.
// CHECK-LABEL: func.func @with_alloca
// CHECK:         memref.alloca_scope
// CHECK:           memref.alloca
func.func @with_alloca(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  memref.alloca_scope {
    scf.for %i = %c0 to %n step %c1 {
      %a = memref.alloca() : memref<4xf32>
    }
  }
  return
}
