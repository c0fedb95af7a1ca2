// RUN: spider-opt %s -split-input-file --spider-hoist-vector-transfers | FileCheck %s --enable-var-scope
// RUN: spider-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(spider-hoist-vector-transfers))" | FileCheck %s --enable-var-scope
// RUN: not spider-opt %s --pass-pipeline="builtin.module(spider-hoist-vector-transfers)" 2>&1 | FileCheck %s --check-prefix=ANCHOR

// The pass runs on func.func only: it cannot be scheduled on the module.
// ANCHOR: Can't add pass 'SpiderHoistVectorTransfers' restricted to 'func.func' on a PassManager intended to run on 'builtin.module'

// The accumulator of a reduction over k, read and written at the same
// loop-invariant place on every iteration: read once before the loop,
// carried in registers (iter_args), written once after it. The read of A
// depends on k and stays.
// CHECK-LABEL: func.func @accumulator
// CHECK-SAME:    %[[A:[^:]*]]: memref<?x16xf32>, %[[C:[^:]*]]: memref<4x16xf32>, %[[N:[^:]*]]: index
// CHECK:         %[[INIT:.*]] = vector.transfer_read %[[C]][%[[C0:.*]], %[[C0]]], %{{.*}} {in_bounds = [true, true]} : memref<4x16xf32>, vector<4x16xf32>
// CHECK:         %[[R:.*]] = scf.for %[[K:.*]] = %{{.*}} to %[[N]] step %{{.*}} iter_args(%[[ACC:.*]] = %[[INIT]]) -> (vector<4x16xf32>) {
// CHECK-NEXT:      %[[X:.*]] = vector.transfer_read %[[A]][%[[K]], %[[C0]]]
// CHECK-NEXT:      %[[B:.*]] = vector.broadcast %[[X]]
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[ACC]], %[[B]] : vector<4x16xf32>
// CHECK-NEXT:      scf.yield %[[S]] : vector<4x16xf32>
// CHECK-NEXT:    }
// CHECK-NEXT:    vector.transfer_write %[[R]], %[[C]][%[[C0]], %[[C0]]] {in_bounds = [true, true]} : vector<4x16xf32>, memref<4x16xf32>
// CHECK-NEXT:    return
func.func @accumulator(%a: memref<?x16xf32>, %c: memref<4x16xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %pad = arith.constant 0.0 : f32
  scf.for %k = %c0 to %n step %c1 {
    %acc = vector.transfer_read %c[%c0, %c0], %pad {in_bounds = [true, true]} : memref<4x16xf32>, vector<4x16xf32>
    %x = vector.transfer_read %a[%k, %c0], %pad {in_bounds = [true]} : memref<?x16xf32>, vector<16xf32>
    %b = vector.broadcast %x : vector<16xf32> to vector<4x16xf32>
    %s = arith.addf %acc, %b : vector<4x16xf32>
    vector.transfer_write %s, %c[%c0, %c0] {in_bounds = [true, true]} : vector<4x16xf32>, memref<4x16xf32>
  }
  return
}

// -----

// Nested loops: the pair is hoisted out of both, one loop at a time.
// CHECK-LABEL: func.func @nested_loops
// CHECK-SAME:    %[[C:[^:]*]]: memref<16xf32>
// CHECK:         %[[INIT:.*]] = vector.transfer_read %[[C]]
// CHECK:         %[[R:.*]] = scf.for {{.*}} iter_args(%[[OUTER:.*]] = %[[INIT]]) -> (vector<16xf32>) {
// CHECK:           %[[IN:.*]] = scf.for {{.*}} iter_args(%[[INNER:.*]] = %[[OUTER]]) -> (vector<16xf32>) {
// CHECK-NOT:         vector.transfer_
// CHECK:             arith.addf %[[INNER]]
// CHECK:           scf.yield %[[IN]]
// CHECK:         vector.transfer_write %[[R]], %[[C]]
func.func @nested_loops(%a: memref<?x16xf32>, %c: memref<16xf32>, %n: index, %m: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %pad = arith.constant 0.0 : f32
  scf.for %i = %c0 to %n step %c1 {
    scf.for %j = %c0 to %m step %c1 {
      %acc = vector.transfer_read %c[%c0], %pad {in_bounds = [true]} : memref<16xf32>, vector<16xf32>
      %one = arith.constant dense<1.0> : vector<16xf32>
      %s = arith.addf %acc, %one : vector<16xf32>
      vector.transfer_write %s, %c[%c0] {in_bounds = [true]} : vector<16xf32>, memref<16xf32>
    }
  }
  return
}

// -----

// Not hoisted: the place read and written moves with the induction variable.
// CHECK-LABEL: func.func @varying_location
// CHECK-SAME:    %[[C:[^:]*]]: memref<?x16xf32>, %{{.*}}: index
// CHECK:         scf.for %[[K:.*]] = {{.*}} {
// CHECK-NEXT:      %[[ACC:.*]] = vector.transfer_read %[[C]][%[[K]], %{{.*}}]
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[ACC]]
// CHECK-NEXT:      vector.transfer_write %[[S]], %[[C]][%[[K]], %{{.*}}] {in_bounds = [true]} : vector<16xf32>, memref<?x16xf32>
// CHECK-NEXT:    }
func.func @varying_location(%c: memref<?x16xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %pad = arith.constant 0.0 : f32
  %one = arith.constant dense<1.0> : vector<16xf32>
  scf.for %k = %c0 to %n step %c1 {
    %acc = vector.transfer_read %c[%k, %c0], %pad {in_bounds = [true]} : memref<?x16xf32>, vector<16xf32>
    %s = arith.addf %acc, %one : vector<16xf32>
    vector.transfer_write %s, %c[%k, %c0] {in_bounds = [true]} : vector<16xf32>, memref<?x16xf32>
  }
  return
}

// -----

// Not hoisted: another write to the same buffer, at a column not known to be
// disjoint, may change what the next iteration reads.
// CHECK-LABEL: func.func @aliasing_write
// CHECK-SAME:    %[[C:[^:]*]]: memref<4x16xf32>
// CHECK:         scf.for {{.*}} {
// CHECK-NEXT:      %[[ACC:.*]] = vector.transfer_read %[[C]]
// CHECK-NEXT:      %[[S:.*]] = arith.addf %[[ACC]]
// CHECK-NEXT:      vector.transfer_write %[[S]], %[[C]]
// CHECK-NEXT:      vector.transfer_write %{{.*}}, %[[C]]
// CHECK-NEXT:    }
func.func @aliasing_write(%c: memref<4x16xf32>, %col: index, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %pad = arith.constant 0.0 : f32
  %one = arith.constant dense<1.0> : vector<16xf32>
  %two = arith.constant dense<2.0> : vector<8xf32>
  scf.for %k = %c0 to %n step %c1 {
    %acc = vector.transfer_read %c[%c0, %c0], %pad {in_bounds = [true]} : memref<4x16xf32>, vector<16xf32>
    %s = arith.addf %acc, %one : vector<16xf32>
    vector.transfer_write %s, %c[%c0, %c0] {in_bounds = [true]} : vector<16xf32>, memref<4x16xf32>
    vector.transfer_write %two, %c[%c0, %col] : vector<8xf32>, memref<4x16xf32>
  }
  return
}

// -----

// Not hoisted: the buffer is a view (memref.subview), which may alias others.
// CHECK-LABEL: func.func @through_view
// CHECK:         %[[V:.*]] = memref.subview
// CHECK:         scf.for {{.*}} {
// CHECK-NEXT:      vector.transfer_read %[[V]]
// CHECK-NEXT:      arith.addf
// CHECK-NEXT:      vector.transfer_write %{{.*}}, %[[V]][%{{.*}}] {in_bounds = [true]} : vector<16xf32>, memref<4x16xf32, strided<[16, 1]>>
// CHECK-NEXT:    }
func.func @through_view(%c: memref<8x16xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %pad = arith.constant 0.0 : f32
  %one = arith.constant dense<1.0> : vector<16xf32>
  %v = memref.subview %c[0, 0] [4, 16] [1, 1] : memref<8x16xf32> to memref<4x16xf32, strided<[16, 1]>>
  scf.for %k = %c0 to %n step %c1 {
    %acc = vector.transfer_read %v[%c0, %c0], %pad {in_bounds = [true]} : memref<4x16xf32, strided<[16, 1]>>, vector<16xf32>
    %s = arith.addf %acc, %one : vector<16xf32>
    vector.transfer_write %s, %v[%c0, %c0] {in_bounds = [true]} : vector<16xf32>, memref<4x16xf32, strided<[16, 1]>>
  }
  return
}

// -----

// Only func.func ops are visited: the same loop in a gpu.func keeps its
// transfers, while the func.func next to it loses them.
// CHECK-LABEL: gpu.func @kernel
// CHECK:         scf.for {{.*}} {
// CHECK-NEXT:      vector.transfer_read
// CHECK-NEXT:      arith.addf
// CHECK-NEXT:      vector.transfer_write %{{.*}} {in_bounds = [true]} : vector<16xf32>, memref<16xf32>
// CHECK-NEXT:    }
// CHECK-LABEL: func.func @host
// CHECK:         vector.transfer_read
// CHECK-NEXT:    scf.for {{.*}} iter_args
// CHECK-NOT:       vector.transfer_
// CHECK:         vector.transfer_write
gpu.module @kernels {
  gpu.func @kernel(%c: memref<16xf32>, %n: index) {
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %pad = arith.constant 0.0 : f32
    %one = arith.constant dense<1.0> : vector<16xf32>
    scf.for %k = %c0 to %n step %c1 {
      %acc = vector.transfer_read %c[%c0], %pad {in_bounds = [true]} : memref<16xf32>, vector<16xf32>
      %s = arith.addf %acc, %one : vector<16xf32>
      vector.transfer_write %s, %c[%c0] {in_bounds = [true]} : vector<16xf32>, memref<16xf32>
    }
    gpu.return
  }
}
func.func @host(%c: memref<16xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %pad = arith.constant 0.0 : f32
  %one = arith.constant dense<1.0> : vector<16xf32>
  scf.for %k = %c0 to %n step %c1 {
    %acc = vector.transfer_read %c[%c0], %pad {in_bounds = [true]} : memref<16xf32>, vector<16xf32>
    %s = arith.addf %acc, %one : vector<16xf32>
    vector.transfer_write %s, %c[%c0] {in_bounds = [true]} : vector<16xf32>, memref<16xf32>
  }
  return
}
