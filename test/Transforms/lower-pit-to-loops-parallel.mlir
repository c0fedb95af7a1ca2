// RUN: spider-opt %s -split-input-file --spider-lower-pit-to-loops=parallel-groups | FileCheck %s --enable-var-scope
// RUN: spider-opt %s -split-input-file --spider-lower-pit-to-loops="parallel-groups profile" | FileCheck %s --check-prefix=PROFILE

// With parallel-groups, groups that each write their own box of the output
// (a block of 32 rows of C: the pack dim k is a reduction) run as an
// scf.forall: each group reads its box of the shared output, an empty
// group yields it unchanged, and the box goes back with
// tensor.parallel_insert_slice. With the profile, which counts the
// iterations across groups, the loop stays ordered.
// CHECK-LABEL: func.func @disjoint_boxes
// CHECK-SAME:    %[[C:[^:]*]]: tensor<100x50xf32>
// CHECK:         scf.forall (%[[G:.*]]) in (%{{.*}}) shared_outs(%[[OUT:.*]] = %[[C]]) -> (tensor<100x50xf32>)
// CHECK:           %[[BOX:.*]] = tensor.extract_slice %[[OUT]][%[[ROW:.*]], 0] [%[[ROWS:.*]], 50] [1, 1]
// CHECK:           %[[R:.*]] = scf.if %{{.*}} -> (tensor<?x50xf32>)
// CHECK:             %[[INIT:.*]] = tensor.extract_slice %[[OUT]]
// CHECK:             %[[M:.*]] = linalg.matmul {{.*}}outs(%[[INIT]] : tensor<?x50xf32>)
// CHECK:             scf.yield %[[M]]
// CHECK:           } else {
// CHECK:             scf.yield %[[BOX]]
// CHECK:           scf.forall.in_parallel
// CHECK:             tensor.parallel_insert_slice %[[R]] into %[[OUT]][%[[ROW]], 0] [%[[ROWS]], 50] [1, 1]
// PROFILE-LABEL: func.func @disjoint_boxes
// PROFILE-NOT:   scf.forall
// PROFILE:       scf.for
func.func @disjoint_boxes(%a: tensor<100x70xf32>, %b: tensor<70x50xf32>, %c: tensor<100x50xf32>,
                          %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<100x50xf32> {
  %r = spider.pit ins(%a, %b : tensor<100x70xf32>, tensor<70x50xf32>) outs(%c : tensor<100x50xf32>)
                  index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<100x70xf32>, %y: tensor<70x50xf32>, %z: tensor<100x50xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<100x70xf32>, tensor<70x50xf32>) outs(%z : tensor<100x50xf32>) -> tensor<100x50xf32>
    spider.yield %m : tensor<100x50xf32>
  } -> tensor<100x50xf32>
  return %r : tensor<100x50xf32>
}

// -----

// A sparse right operand, its micro-tiles [1, 32] packed along k: a group
// is a block of 32 columns of C, again its own box.
// CHECK-LABEL: func.func @disjoint_column_boxes
// CHECK:         scf.forall
// CHECK:           tensor.parallel_insert_slice %{{.*}} into %{{.*}}[0, %{{.*}}] [64, %{{.*}}] [1, 1]
func.func @disjoint_column_boxes(%a: tensor<64x96xf32>, %b: tensor<96x80xf32>, %c: tensor<64x80xf32>,
                                 %i: !spider.index<microtile = [1, 32], pack_dim = 0>) -> tensor<64x80xf32> {
  %r = spider.pit ins(%a, %b : tensor<64x96xf32>, tensor<96x80xf32>) outs(%c : tensor<64x80xf32>)
                  index(%i : !spider.index<microtile = [1, 32], pack_dim = 0>) sparse_operand = 1 pack_dim = 2 {
  ^bb0(%x: tensor<64x96xf32>, %y: tensor<96x80xf32>, %z: tensor<64x80xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<64x96xf32>, tensor<96x80xf32>) outs(%z : tensor<64x80xf32>) -> tensor<64x80xf32>
    spider.yield %m : tensor<64x80xf32>
  } -> tensor<64x80xf32>
  return %r : tensor<64x80xf32>
}

// -----

// Results scattered along the pack axis (rows of C packed along m, as
// MoE's routed tokens) may land on the same rows from two groups. Each
// group's contribution is computed from zero, so the groups still run in
// parallel, each into its own rows of a packed tensor (one row per active
// position: group g's rows start at its first position); an ordered loop
// then scatter-adds them into C, group by group. With the profile, the
// ordered loop also counts the executed iterations.
// CHECK-LABEL: func.func @scattered_rows
// CHECK-SAME:    %[[C:[^:]*]]: tensor<64x16xf32>
// CHECK:         %[[NPOS:.*]] = tensor.dim %[[POS:.*]], %c0
// CHECK:         %[[ROWS:.*]] = tensor.empty(%{{.*}}) : tensor<?x16xf32>
// CHECK:         %[[PACKED:.*]] = scf.forall (%{{.*}}) in (%{{.*}}) shared_outs(%[[OUT:.*]] = %[[ROWS]]) -> (tensor<?x16xf32>)
// CHECK:           %[[MINE:.*]] = scf.if %{{.*}} -> (tensor<?x16xf32>)
// CHECK:             %[[ZERO:.*]] = linalg.fill
// CHECK:             %[[M:.*]] = linalg.matmul {spider.packed} {{.*}} outs(%[[ZERO]] : tensor<?x16xf32>)
// CHECK:             scf.yield %[[M]]
// CHECK:           } else {
// CHECK:             tensor.empty() : tensor<0x16xf32>
// CHECK:           scf.forall.in_parallel
// CHECK:             tensor.parallel_insert_slice %[[MINE]] into %[[OUT]][%{{.*}}, 0] [%{{.*}}, 16] [1, 1]
// CHECK:         %[[Y:.*]] = scf.for {{.*}} iter_args(%[[ACC:.*]] = %[[C]]) -> (tensor<64x16xf32>)
// CHECK:           scf.if
// CHECK:             %[[GROUP:.*]] = tensor.extract_slice %[[PACKED]][%{{.*}}, 0] [%{{.*}}, 16] [1, 1]
// CHECK:             scf.for
// CHECK:               tensor.extract_slice %[[GROUP]]
// CHECK:               linalg.generic
// CHECK:                 arith.addf
// CHECK:               tensor.insert_slice
// CHECK:         return %[[Y]]
// PROFILE-LABEL: func.func @scattered_rows
// PROFILE:       scf.forall
// PROFILE:       scf.for {{.*}} -> (tensor<64x16xf32>, f64)
// PROFILE:         arith.addf {{.*}} : f64
func.func @scattered_rows(%a: tensor<64x96xf32>, %b: tensor<96x16xf32>, %c: tensor<64x16xf32>,
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

// An output that the box's axis does not index (C[n] sums over the row
// blocks m as well): every group adds into all of it, in order.
// CHECK-LABEL: func.func @shared_output
// CHECK-NOT:     scf.forall
// CHECK:         scf.for
func.func @shared_output(%a: tensor<64x96xf32>, %b: tensor<96x16xf32>, %c: tensor<16xf32>,
                         %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<16xf32> {
  %r = spider.pit ins(%a, %b : tensor<64x96xf32>, tensor<96x16xf32>) outs(%c : tensor<16xf32>)
                  index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x96xf32>, %y: tensor<96x16xf32>, %z: tensor<16xf32>):
    %m = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (n)>],
                         iterator_types = ["reduction", "parallel", "reduction"]}
        ins(%x, %y : tensor<64x96xf32>, tensor<96x16xf32>) outs(%z : tensor<16xf32>) {
    ^bb1(%p: f32, %q: f32, %acc: f32):
      %t = arith.mulf %p, %q : f32
      %s = arith.addf %acc, %t : f32
      linalg.yield %s : f32
    } -> tensor<16xf32>
    spider.yield %m : tensor<16xf32>
  } -> tensor<16xf32>
  return %r : tensor<16xf32>
}

// -----

// Rows scattered along the pack axis that are not added from zero (the
// output is a factor, read through the gathered rows): a group would read
// what others wrote, so the two-phase attempt leaves nothing behind and the
// groups stay in order.
// CHECK-LABEL: func.func @overwritten_rows
// CHECK-NOT:     scf.forall
// CHECK-NOT:     tensor.empty({{.*}}) : tensor<?x16xf32>
// CHECK:         scf.for {{.*}} -> (tensor<64x16xf32>)
// CHECK-NOT:     scf.forall
// CHECK:         return
func.func @overwritten_rows(%a: tensor<64x16xf32>, %c: tensor<64x16xf32>,
                            %i: !spider.index<microtile = [1, 16], pack_dim = 0>) -> tensor<64x16xf32> {
  %r = spider.pit ins(%a : tensor<64x16xf32>) outs(%c : tensor<64x16xf32>)
                  index(%i : !spider.index<microtile = [1, 16], pack_dim = 0>) sparse_operand = 0 pack_dim = 0 {
  ^bb0(%x: tensor<64x16xf32>, %z: tensor<64x16xf32>):
    %m = linalg.generic {indexing_maps = [affine_map<(t, d) -> (t, d)>, affine_map<(t, d) -> (t, d)>],
                         iterator_types = ["parallel", "parallel"]}
        ins(%x : tensor<64x16xf32>) outs(%z : tensor<64x16xf32>) {
    ^bb1(%p: f32, %q: f32):
      %s = arith.mulf %p, %q : f32
      linalg.yield %s : f32
    } -> tensor<64x16xf32>
    spider.yield %m : tensor<64x16xf32>
  } -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}
