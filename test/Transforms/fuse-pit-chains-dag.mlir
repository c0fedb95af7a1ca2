// RUN: spider-opt %s --spider-sparsify --spider-fuse-pit-chains --canonicalize -verify-diagnostics | FileCheck %s

// Chains that are not lines: attention written as SDDMM, row maxima,
// exponentials, row sums and the product with V, the mask the only mark.
// The scores are read by the maxima and the exponentials, the
// exponentials by the sums and the product (through the mark that
// spider-sparsify gives them): all five become one spider.pit that yields
// only the row sums and the product.
#ij = affine_map<(i, j, d) -> (i, j)>
#id = affine_map<(i, j, d) -> (i, d)>
#jd = affine_map<(i, j, d) -> (j, d)>
#ij2 = affine_map<(i, j) -> (i, j)>
#i2 = affine_map<(i, j) -> (i)>
#id2 = affine_map<(i, d) -> (i, d)>
// The mask's index, packed along the keys (as spider.from_csr builds it):
// each group is one query row.
!I = !spider.index<microtile = [1, 1], pack_dim = 1>

// CHECK-LABEL: func.func @attention(
// CHECK-NOT:     spider.detect
// CHECK:         %[[R:.*]]:2 = spider.pit {{.*}} outs(%{{.*}}, %{{.*}} : tensor<8xf32>, tensor<8x4xf32>)
// CHECK-COUNT-5:   linalg.generic
// CHECK:           spider.yield %{{.*}}, %{{.*}} : tensor<8xf32>, tensor<8x4xf32>
// CHECK-NOT:     spider.pit
// CHECK-NOT:     dense_threshold
// CHECK:         linalg.generic {{.*}} ins(%[[R]]#1, %[[R]]#0
// CHECK:         return
func.func @attention(%m: tensor<8x8xf32>, %i: !I, %q: tensor<8x4xf32>, %k: tensor<8x4xf32>, %v: tensor<8x4xf32>) -> tensor<8x4xf32> {
  %ms = spider.assume_sparse %m index(%i : !I) : tensor<8x8xf32> to tensor<8x8xf32, #spider.sparse<microtile = [1, 1]>>
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %e2 = tensor.empty() : tensor<8x8xf32>
  %z2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %e1 = tensor.empty() : tensor<8xf32>
  %z1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<8xf32>) -> tensor<8xf32>
  %n1 = linalg.fill ins(%ninf : f32) outs(%e1 : tensor<8xf32>) -> tensor<8xf32>
  %eo = tensor.empty() : tensor<8x4xf32>
  %zo = linalg.fill ins(%zero : f32) outs(%eo : tensor<8x4xf32>) -> tensor<8x4xf32>
  // Scores where the mask allows (SDDMM).
  %s = linalg.generic {indexing_maps = [#ij, #id, #jd, #ij], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%ms, %q, %k : tensor<8x8xf32, #spider.sparse<microtile = [1, 1]>>, tensor<8x4xf32>, tensor<8x4xf32>) outs(%z2 : tensor<8x8xf32>) {
  ^bb0(%mv: f32, %qv: f32, %kv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %p = arith.mulf %qv, %kv : f32
    %cs = arith.select %on, %p, %zero : f32
    %r = arith.addf %out, %cs : f32
    linalg.yield %r : f32
  } -> tensor<8x8xf32>
  // Row maxima over the allowed keys.
  %max = linalg.generic {indexing_maps = [#ij2, #ij2, #i2], iterator_types = ["parallel", "reduction"]}
      ins(%ms, %s : tensor<8x8xf32, #spider.sparse<microtile = [1, 1]>>, tensor<8x8xf32>) outs(%n1 : tensor<8xf32>) {
  ^bb0(%mv: f32, %sv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %cs = arith.select %on, %sv, %ninf : f32
    %r = arith.maximumf %out, %cs : f32
    linalg.yield %r : f32
  } -> tensor<8xf32>
  // Exponentials of the allowed scores.
  %p = linalg.generic {indexing_maps = [#ij2, #ij2, #i2, #ij2], iterator_types = ["parallel", "parallel"]}
      ins(%ms, %s, %max : tensor<8x8xf32, #spider.sparse<microtile = [1, 1]>>, tensor<8x8xf32>, tensor<8xf32>) outs(%z2 : tensor<8x8xf32>) {
  ^bb0(%mv: f32, %sv: f32, %mx: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %d = arith.subf %sv, %mx : f32
    %e = math.exp %d : f32
    %r = arith.select %on, %e, %zero : f32
    linalg.yield %r : f32
  } -> tensor<8x8xf32>
  // Row sums.
  %sum = linalg.generic {indexing_maps = [#ij2, #ij2, #i2], iterator_types = ["parallel", "reduction"]}
      ins(%ms, %p : tensor<8x8xf32, #spider.sparse<microtile = [1, 1]>>, tensor<8x8xf32>) outs(%z1 : tensor<8xf32>) {
  ^bb0(%mv: f32, %pv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %cs = arith.select %on, %pv, %zero : f32
    %r = arith.addf %out, %cs : f32
    linalg.yield %r : f32
  } -> tensor<8xf32>
  // Unnormalized output (SpMM).
  // expected-remark@+1 {{input #0 is zero outside the active micro-tiles of the spider.pit that computes it: it is sparse with that index}}
  %ou = linalg.generic {indexing_maps = [#ij, #jd, #id], iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%p, %v : tensor<8x8xf32>, tensor<8x4xf32>) outs(%zo : tensor<8x4xf32>) {
  ^bb0(%pv: f32, %vv: f32, %out: f32):
    %pm = arith.mulf %pv, %vv : f32
    %r = arith.addf %out, %pm : f32
    linalg.yield %r : f32
  } -> tensor<8x4xf32>
  // Normalized; a query with no allowed key gets 0.
  %res = linalg.generic {indexing_maps = [#id2, #i2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%ou, %sum : tensor<8x4xf32>, tensor<8xf32>) outs(%eo : tensor<8x4xf32>) {
  ^bb0(%ov: f32, %lv: f32, %out: f32):
    %has = arith.cmpf ogt, %lv, %zero : f32
    %x = arith.divf %ov, %lv : f32
    %r = arith.select %has, %x, %zero : f32
    linalg.yield %r : f32
  } -> tensor<8x4xf32>
  return %res : tensor<8x4xf32>
}

// A reader of the scores placed between the SDDMM and the row maxima could
// not see the fused op's results: the SDDMM stays a spider.pit of its own,
// and the rest of the chain is fused from the maxima on.
// CHECK-LABEL: func.func @read_before_consumer(
// CHECK:         %[[S:.*]] = spider.pit
// CHECK-COUNT-1:   linalg.generic
// CHECK:         spider.yield
// CHECK:         %[[X:.*]] = linalg.generic {{.*}} ins(%[[S]], %{{.*}} :
// CHECK:         spider.pit ins(%{{.*}}, %[[S]]
// CHECK:         return
func.func @read_before_consumer(%m: tensor<8x8xf32>, %i: !I, %q: tensor<8x4xf32>, %k: tensor<8x4xf32>) -> (tensor<8xf32>, tensor<8x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %ms = spider.assume_sparse %m index(%i : !I) : tensor<8x8xf32> to tensor<8x8xf32, #spider.sparse<microtile = [1, 1]>>
  %e2 = tensor.empty() : tensor<8x8xf32>
  %z2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %e1 = tensor.empty() : tensor<8xf32>
  %n1 = linalg.fill ins(%ninf : f32) outs(%e1 : tensor<8xf32>) -> tensor<8xf32>
  %s = linalg.generic {indexing_maps = [#ij, #id, #jd, #ij], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%ms, %q, %k : tensor<8x8xf32, #spider.sparse<microtile = [1, 1]>>, tensor<8x4xf32>, tensor<8x4xf32>) outs(%z2 : tensor<8x8xf32>) {
  ^bb0(%mv: f32, %qv: f32, %kv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %p = arith.mulf %qv, %kv : f32
    %cs = arith.select %on, %p, %zero : f32
    %r = arith.addf %out, %cs : f32
    linalg.yield %r : f32
  } -> tensor<8x8xf32>
  %x = linalg.generic {indexing_maps = [#ij2, #ij2, #ij2], iterator_types = ["parallel", "parallel"]}
      ins(%s, %m : tensor<8x8xf32>, tensor<8x8xf32>) outs(%e2 : tensor<8x8xf32>) {
  ^bb0(%sv: f32, %mv: f32, %out: f32):
    %r = arith.addf %sv, %mv : f32
    linalg.yield %r : f32
  } -> tensor<8x8xf32>
  %max = linalg.generic {indexing_maps = [#ij2, #ij2, #i2], iterator_types = ["parallel", "reduction"]}
      ins(%ms, %s : tensor<8x8xf32, #spider.sparse<microtile = [1, 1]>>, tensor<8x8xf32>) outs(%n1 : tensor<8xf32>) {
  ^bb0(%mv: f32, %sv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %cs = arith.select %on, %sv, %ninf : f32
    %r = arith.maximumf %out, %cs : f32
    linalg.yield %r : f32
  } -> tensor<8xf32>
  return %max, %x : tensor<8xf32>, tensor<8x8xf32>
}
