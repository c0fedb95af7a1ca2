// RUN: spider-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(spider-tile-and-vectorize{cpu-isa=avx512}),canonicalize,cse)" | FileCheck %s --enable-var-scope

// SRead of whole rows of B (what spider-lower-pit-to-loops emits for a
// sparse A in [m, 1] micro-tiles) feeding a matmul: B's panels are copied
// from B itself through the positions, in one copy, and the gathered copy
// is gone. The depth (the group's active columns) is dynamic: the register
// tile's k loop is peeled into unmasked steps of 4 and single steps.

// CHECK-LABEL: func.func @gathered_b(
// CHECK-SAME: %[[A:[a-z0-9]+]]: tensor<32x?xf32>, %[[B:[a-z0-9]+]]: tensor<300x512xf32>, %{{.*}}: tensor<32x512xf32>, %[[POS:[a-z0-9]+]]: tensor<?xindex>, %[[START:[a-z0-9]+]]: index, %[[END:[a-z0-9]+]]: index)
// CHECK-NOT: tensor.insert_slice {{.*}} : tensor<1x512xf32> into
// CHECK-DAG: %[[LAST:.*]] = arith.subi %[[END]], %c1
// CHECK-DAG: %[[ANY:.*]] = arith.cmpi slt, %[[START]], %[[END]]
// CHECK: scf.for %[[K0:.*]] = %c0 to %{{.*}} step %c256
// CHECK: %[[PANELS:.*]] = scf.if %[[ANY]] -> (tensor<8x?x64xf32>)
// CHECK: scf.for %{{.*}} = %c0 to %{{.*}} step %c1
// CHECK: arith.minsi {{.*}} : vector<1x1x16xindex>
// CHECK: vector.transfer_read %[[POS]][%{{.*}}], %{{.*}} : tensor<?xindex>, vector<index>
// CHECK: scf.for %{{.*}} = %c0 to %c8 step %c1
// CHECK: scf.for %{{.*}} = %c0 to %c64 step %c16
// CHECK: vector.transfer_read %[[B]][%{{.*}}, %{{.*}}], %{{.*}} {in_bounds = [true, true]} : tensor<300x512xf32>, vector<1x16xf32>
// CHECK: } else {
// CHECK-NEXT: scf.yield %{{.*}} : tensor<8x?x64xf32>
// CHECK: tensor.extract_slice %[[PANELS]]
// Five 6-row tiles and one static 2-row tile of the group's 32 rows. Full
// steps of 4, unmasked; the rest one k at a time.
// CHECK: scf.for {{.*}} to %c30 step %c6
// CHECK: %[[FULL:.*]] = scf.for {{.*}} step %c4 iter_args({{.*}}) -> (vector<6x64xf32>)
// CHECK-NOT: vector.create_mask
// CHECK: vector.transfer_read {{.*}} {in_bounds = [true, true]} : tensor<6x4xf32>, vector<6x4xf32>
// CHECK: vector.fma
// CHECK: scf.for {{.*}} step %c4 iter_args(%{{.*}} = %[[FULL]]) -> (vector<6x64xf32>)
// CHECK: scf.for {{.*}} step %c1 iter_args({{.*}}) -> (vector<6x64xf32>)
// CHECK: vector.transfer_read {{.*}} : tensor<6x1xf32>, vector<6x1xf32>
// CHECK: %[[REST:.*]] = scf.for {{.*}} step %c4 iter_args({{.*}}) -> (vector<2x64xf32>)
// CHECK: vector.transfer_read {{.*}} {in_bounds = [true, true]} : tensor<2x4xf32>, vector<2x4xf32>
// CHECK: vector.transfer_write {{.*}} : vector<2x64xf32>, tensor<2x64xf32>
func.func @gathered_b(%a: tensor<32x?xf32>, %b: tensor<300x512xf32>, %c: tensor<32x512xf32>, %pos: tensor<?xindex>, %start: index, %end: index) -> tensor<32x512xf32> {
  %c1 = arith.constant 1 : index
  %n = arith.subi %end, %start : index
  %e = tensor.empty(%n) : tensor<?x512xf32>
  %g = scf.for %i = %start to %end step %c1 iter_args(%acc = %e) -> (tensor<?x512xf32>) {
    %p = tensor.extract %pos[%i] : tensor<?xindex>
    %p1 = arith.muli %p, %c1 : index
    %row = tensor.extract_slice %b[%p1, 0] [1, 512] [1, 1] : tensor<300x512xf32> to tensor<1x512xf32>
    %r = arith.subi %i, %start : index
    %next = tensor.insert_slice %row into %acc[%r, 0] [1, 512] [1, 1] : tensor<1x512xf32> into tensor<?x512xf32>
    scf.yield %next : tensor<?x512xf32>
  }
  %m = linalg.matmul ins(%a, %g : tensor<32x?xf32>, tensor<?x512xf32>) outs(%c : tensor<32x512xf32>) -> tensor<32x512xf32>
  return %m : tensor<32x512xf32>
}

// -----

// The rows come from columns 128 on of a wider B: the panels read there.

// CHECK-LABEL: func.func @gathered_b_column_offset(
// CHECK-SAME: %{{.*}}: tensor<32x?xf32>, %[[B:[a-z0-9]+]]: tensor<300x1024xf32>
// CHECK-NOT: tensor.insert_slice {{.*}} : tensor<1x512xf32> into
// CHECK: vector.transfer_read %[[B]][%{{.*}}, %{{.*}}], %{{.*}} {in_bounds = [true, true]} : tensor<300x1024xf32>, vector<1x16xf32>
func.func @gathered_b_column_offset(%a: tensor<32x?xf32>, %b: tensor<300x1024xf32>, %c: tensor<32x512xf32>, %pos: tensor<?xindex>, %start: index, %end: index) -> tensor<32x512xf32> {
  %c1 = arith.constant 1 : index
  %n = arith.subi %end, %start : index
  %e = tensor.empty(%n) : tensor<?x512xf32>
  %g = scf.for %i = %start to %end step %c1 iter_args(%acc = %e) -> (tensor<?x512xf32>) {
    %p = tensor.extract %pos[%i] : tensor<?xindex>
    %row = tensor.extract_slice %b[%p, 128] [1, 512] [1, 1] : tensor<300x1024xf32> to tensor<1x512xf32>
    %r = arith.subi %i, %start : index
    %next = tensor.insert_slice %row into %acc[%r, 0] [1, 512] [1, 1] : tensor<1x512xf32> into tensor<?x512xf32>
    scf.yield %next : tensor<?x512xf32>
  }
  %m = linalg.matmul ins(%a, %g : tensor<32x?xf32>, tensor<?x512xf32>) outs(%c : tensor<32x512xf32>) -> tensor<32x512xf32>
  return %m : tensor<32x512xf32>
}

// -----

// Not a gather of rows into i - start: row i of the copy is written, so
// the copy stays and B's panels are copied from it.

// CHECK-LABEL: func.func @not_shifted_rows(
// CHECK: %[[COPY:.*]] = scf.for
// CHECK: tensor.insert_slice {{.*}} : tensor<1x512xf32> into tensor<?x512xf32>
// CHECK: tensor.extract_slice %[[COPY]]
// CHECK: tensor.expand_shape
func.func @not_shifted_rows(%a: tensor<32x?xf32>, %b: tensor<300x512xf32>, %c: tensor<32x512xf32>, %pos: tensor<?xindex>, %start: index, %end: index) -> tensor<32x512xf32> {
  %c1 = arith.constant 1 : index
  %e = tensor.empty(%end) : tensor<?x512xf32>
  %g = scf.for %i = %start to %end step %c1 iter_args(%acc = %e) -> (tensor<?x512xf32>) {
    %p = tensor.extract %pos[%i] : tensor<?xindex>
    %row = tensor.extract_slice %b[%p, 0] [1, 512] [1, 1] : tensor<300x512xf32> to tensor<1x512xf32>
    %next = tensor.insert_slice %row into %acc[%i, 0] [1, 512] [1, 1] : tensor<1x512xf32> into tensor<?x512xf32>
    scf.yield %next : tensor<?x512xf32>
  }
  %m = linalg.matmul ins(%a, %g : tensor<32x?xf32>, tensor<?x512xf32>) outs(%c : tensor<32x512xf32>) -> tensor<32x512xf32>
  return %m : tensor<32x512xf32>
}

// -----

// The source column changes from row to row: not a gather of whole rows.

// CHECK-LABEL: func.func @column_varies(
// CHECK: tensor.insert_slice {{.*}} : tensor<1x512xf32> into tensor<?x512xf32>
func.func @column_varies(%a: tensor<32x?xf32>, %b: tensor<300x1024xf32>, %c: tensor<32x512xf32>, %pos: tensor<?xindex>, %start: index, %end: index) -> tensor<32x512xf32> {
  %c1 = arith.constant 1 : index
  %n = arith.subi %end, %start : index
  %e = tensor.empty(%n) : tensor<?x512xf32>
  %g = scf.for %i = %start to %end step %c1 iter_args(%acc = %e) -> (tensor<?x512xf32>) {
    %p = tensor.extract %pos[%i] : tensor<?xindex>
    %r = arith.subi %i, %start : index
    %row = tensor.extract_slice %b[%p, %r] [1, 512] [1, 1] : tensor<300x1024xf32> to tensor<1x512xf32>
    %next = tensor.insert_slice %row into %acc[%r, 0] [1, 512] [1, 1] : tensor<1x512xf32> into tensor<?x512xf32>
    scf.yield %next : tensor<?x512xf32>
  }
  %m = linalg.matmul ins(%a, %g : tensor<32x?xf32>, tensor<?x512xf32>) outs(%c : tensor<32x512xf32>) -> tensor<32x512xf32>
  return %m : tensor<32x512xf32>
}
