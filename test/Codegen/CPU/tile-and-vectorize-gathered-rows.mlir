// RUN: spider-opt %s -split-input-file --pass-pipeline="builtin.module(func.func(spider-tile-and-vectorize{cpu-isa=avx512}),canonicalize,cse)" | FileCheck %s --enable-var-scope

// A GNN aggregation's group (one vertex): its neighbours' feature rows,
// gathered by SRead, each read once. The computation reads them from X
// through the positions instead, under scf.if on a non-empty gather, with
// the features innermost (one contiguous load per row) and all 128 of
// them in one register tile: the accumulator stays in registers across
// the neighbours, and the one-deep reduction is one vector FMA.

// CHECK-LABEL: func.func @aggregate_rows(
// CHECK-SAME: %[[W:[a-z0-9]+]]: tensor<?xf32>, %[[X:[a-z0-9]+]]: tensor<500x128xf32>, %[[OUT:[a-z0-9]+]]: tensor<128xf32>, %[[POS:[a-z0-9]+]]: tensor<?xindex>, %[[START:[a-z0-9]+]]: index, %[[END:[a-z0-9]+]]: index)
// CHECK-NOT: tensor.insert_slice {{.*}} : tensor<1x128xf32> into
// CHECK: %[[ANY:.*]] = arith.cmpi slt, %[[START]], %[[END]]
// CHECK: %[[R:.*]] = scf.if %[[ANY]] -> (tensor<128xf32>)
// CHECK:   %[[ACC:.*]] = scf.for {{.*}} iter_args(%{{.*}} = %{{.*}}) -> (vector<128xf32>)
// CHECK:     vector.transfer_read %[[POS]]
// CHECK:     vector.transfer_read %[[X]][%{{.*}}, %{{.*}}], %{{.*}} {in_bounds = [true, true]} : tensor<500x128xf32>, vector<1x128xf32>
// CHECK:     vector.fma {{.*}} : vector<128xf32>
// CHECK:   vector.transfer_write %[[ACC]]
// CHECK: } else {
// CHECK-NEXT: scf.yield %[[OUT]] : tensor<128xf32>
// CHECK: return %[[R]]
func.func @aggregate_rows(%w: tensor<?xf32>, %x: tensor<500x128xf32>, %out: tensor<128xf32>, %pos: tensor<?xindex>, %start: index, %end: index) -> tensor<128xf32> {
  %c1 = arith.constant 1 : index
  %n = arith.subi %end, %start : index
  %e = tensor.empty(%n) : tensor<?x128xf32>
  %g = scf.for %i = %start to %end step %c1 iter_args(%acc = %e) -> (tensor<?x128xf32>) {
    %p = tensor.extract %pos[%i] : tensor<?xindex>
    %row = tensor.extract_slice %x[%p, 0] [1, 128] [1, 1] : tensor<500x128xf32> to tensor<1x128xf32>
    %r = arith.subi %i, %start : index
    %next = tensor.insert_slice %row into %acc[%r, 0] [1, 128] [1, 1] : tensor<1x128xf32> into tensor<?x128xf32>
    scf.yield %next : tensor<?x128xf32>
  }
  %s = linalg.generic {indexing_maps = [affine_map<(f, u) -> (u)>, affine_map<(f, u) -> (u, f)>, affine_map<(f, u) -> (f)>], iterator_types = ["parallel", "reduction"]}
      ins(%w, %g : tensor<?xf32>, tensor<?x128xf32>) outs(%out : tensor<128xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    %t = arith.addf %o, %m : f32
    linalg.yield %t : f32
  } -> tensor<128xf32>
  return %s : tensor<128xf32>
}

// -----

// Max aggregation, as a matmul-shaped generic with one vertex: the same.

// CHECK-LABEL: func.func @max_rows(
// CHECK-NOT: tensor.insert_slice {{.*}} : tensor<1x128xf32> into
// CHECK: scf.if
// CHECK: scf.for {{.*}} -> (vector<1x128xf32>)
// CHECK: vector.transfer_read %{{.*}} : tensor<500x128xf32>, vector<1x128xf32>
// CHECK: arith.maximumf {{.*}} : vector<1x128xf32>
func.func @max_rows(%w: tensor<1x?xf32>, %x: tensor<500x128xf32>, %out: tensor<1x128xf32>, %pos: tensor<?xindex>, %start: index, %end: index) -> tensor<1x128xf32> {
  %c1 = arith.constant 1 : index
  %n = arith.subi %end, %start : index
  %e = tensor.empty(%n) : tensor<?x128xf32>
  %g = scf.for %i = %start to %end step %c1 iter_args(%acc = %e) -> (tensor<?x128xf32>) {
    %p = tensor.extract %pos[%i] : tensor<?xindex>
    %row = tensor.extract_slice %x[%p, 0] [1, 128] [1, 1] : tensor<500x128xf32> to tensor<1x128xf32>
    %r = arith.subi %i, %start : index
    %next = tensor.insert_slice %row into %acc[%r, 0] [1, 128] [1, 1] : tensor<1x128xf32> into tensor<?x128xf32>
    scf.yield %next : tensor<?x128xf32>
  }
  %s = linalg.generic {indexing_maps = [affine_map<(v, f, u) -> (v, u)>, affine_map<(v, f, u) -> (u, f)>, affine_map<(v, f, u) -> (v, f)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%w, %g : tensor<1x?xf32>, tensor<?x128xf32>) outs(%out : tensor<1x128xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    %t = arith.maximumf %o, %m : f32
    linalg.yield %t : f32
  } -> tensor<1x128xf32>
  return %s : tensor<1x128xf32>
}

// -----

// Two rows of the output reuse every gathered row: not read in place per
// row, but packed into B's panels from X through the positions (the
// panel copy of tile-and-vectorize-gathered-panels.mlir).

// CHECK-LABEL: func.func @two_vertices(
// CHECK-NOT: tensor.insert_slice {{.*}} : tensor<1x128xf32> into
// CHECK: scf.if {{.*}} -> (tensor<2x?x64xf32>)
// CHECK: vector.transfer_read %{{.*}} : tensor<500x128xf32>, vector<1x16xf32>
func.func @two_vertices(%w: tensor<2x?xf32>, %x: tensor<500x128xf32>, %out: tensor<2x128xf32>, %pos: tensor<?xindex>, %start: index, %end: index) -> tensor<2x128xf32> {
  %c1 = arith.constant 1 : index
  %n = arith.subi %end, %start : index
  %e = tensor.empty(%n) : tensor<?x128xf32>
  %g = scf.for %i = %start to %end step %c1 iter_args(%acc = %e) -> (tensor<?x128xf32>) {
    %p = tensor.extract %pos[%i] : tensor<?xindex>
    %row = tensor.extract_slice %x[%p, 0] [1, 128] [1, 1] : tensor<500x128xf32> to tensor<1x128xf32>
    %r = arith.subi %i, %start : index
    %next = tensor.insert_slice %row into %acc[%r, 0] [1, 128] [1, 1] : tensor<1x128xf32> into tensor<?x128xf32>
    scf.yield %next : tensor<?x128xf32>
  }
  %s = linalg.matmul ins(%w, %g : tensor<2x?xf32>, tensor<?x128xf32>) outs(%out : tensor<2x128xf32>) -> tensor<2x128xf32>
  return %s : tensor<2x128xf32>
}

// -----

// A reduction over the gathered columns alone: no other operand bounds
// that loop, so the copy stays (this crashed the tiler once).

// CHECK-LABEL: func.func @reduce_gathered_columns(
// CHECK: tensor.insert_slice {{.*}} : tensor<1x14xf32> into tensor<?x14xf32>
func.func @reduce_gathered_columns(%b: tensor<30x14xf32>, %pos: tensor<?xindex>, %start: index, %end: index, %init: tensor<?xf32>) -> tensor<?xf32> {
  %c1 = arith.constant 1 : index
  %n = arith.subi %end, %start : index
  %e = tensor.empty(%n) : tensor<?x14xf32>
  %g = scf.for %i = %start to %end step %c1 iter_args(%acc = %e) -> (tensor<?x14xf32>) {
    %p = tensor.extract %pos[%i] : tensor<?xindex>
    %row = tensor.extract_slice %b[%p, 0] [1, 14] [1, 1] : tensor<30x14xf32> to tensor<1x14xf32>
    %r = arith.subi %i, %start : index
    %next = tensor.insert_slice %row into %acc[%r, 0] [1, 14] [1, 1] : tensor<1x14xf32> into tensor<?x14xf32>
    scf.yield %next : tensor<?x14xf32>
  }
  %red = linalg.reduce ins(%g : tensor<?x14xf32>) outs(%init : tensor<?xf32>) dimensions = [1]
    (%in: f32, %o: f32) {
      %s = arith.addf %in, %o : f32
      linalg.yield %s : f32
    }
  return %red : tensor<?xf32>
}
