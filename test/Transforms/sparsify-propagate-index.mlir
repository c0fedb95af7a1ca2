// RUN: spider-opt %s --spider-sparsify=remarks=true -verify-diagnostics | FileCheck %s

// A result of a spider.pit that is zero outside the index's active
// micro-tiles (init a zero fill, written through the sparse operand's map)
// is sparse with that index for the linalg op that reads it: the masked
// exponentials feed the product with V as its sparse operand, on the
// mask's index, with no detect.
#ij = affine_map<(i, j) -> (i, j)>
#m3 = affine_map<(i, j, d) -> (i, j)>
#v3 = affine_map<(i, j, d) -> (j, d)>
#o3 = affine_map<(i, j, d) -> (i, d)>
!M = tensor<8x8xf32, #spider.sparse<microtile = [1, 1]>>

// CHECK-LABEL: func.func @exponentials_then_product(
// CHECK:         %[[I:.*]] = spider.detect %{{.*}} -> !spider.index<microtile = [1, 1], pack_dim = 0>
// CHECK:         %[[P:.*]] = spider.pit {{.*}} index(%[[I]]
// CHECK:         %[[PS:.*]] = spider.assume_sparse %[[P]] index(%[[I]] : !spider.index<microtile = [1, 1], pack_dim = 0>) : tensor<8x8xf32> to tensor<8x8xf32, #spider.sparse<microtile = [1, 1]>>
// CHECK-NOT:     spider.detect
// CHECK:         spider.pit ins(%[[PS]], %{{.*}} : tensor<8x8xf32, #spider.sparse<microtile = [1, 1]>>, tensor<8x4xf32>) {{.*}} index(%[[I]]
func.func @exponentials_then_product(%m: tensor<8x8xf32>, %s: tensor<8x8xf32>, %v: tensor<8x4xf32>) -> tensor<8x4xf32> {
  %zero = arith.constant 0.0 : f32
  %ms = spider.assume_sparse %m : tensor<8x8xf32> to !M
  %e = tensor.empty() : tensor<8x8xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  %p = linalg.generic {indexing_maps = [#ij, #ij, #ij], iterator_types = ["parallel", "parallel"]}
      ins(%ms, %s : !M, tensor<8x8xf32>) outs(%z : tensor<8x8xf32>) {
  ^bb0(%mv: f32, %sv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %x = math.exp %sv : f32
    %r = arith.select %on, %x, %zero : f32
    linalg.yield %r : f32
  } -> tensor<8x8xf32>
  %eo = tensor.empty() : tensor<8x4xf32>
  %zo = linalg.fill ins(%zero : f32) outs(%eo : tensor<8x4xf32>) -> tensor<8x4xf32>
  // expected-remark@+1 {{input #0 is zero outside the active micro-tiles of the spider.pit that computes it: it is sparse with that index}}
  %o = linalg.generic {indexing_maps = [#m3, #v3, #o3], iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%p, %v : tensor<8x8xf32>, tensor<8x4xf32>) outs(%zo : tensor<8x4xf32>) {
  ^bb0(%pv: f32, %vv: f32, %out: f32):
    %x = arith.mulf %pv, %vv : f32
    %r = arith.addf %out, %x : f32
    linalg.yield %r : f32
  } -> tensor<8x4xf32>
  return %o : tensor<8x4xf32>
}

// A -inf fill holds -inf outside the tiles: the masked scores are marked
// with that value, and a sum of them cannot skip it (x + -inf is not x),
// so that reader is left alone. An element-wise reader that ignores its
// init (exp of the zero-outside %p) yields a constant outside the tiles:
// it gets a fill of that constant (1) and becomes a PIT on the same index.
// CHECK-LABEL: func.func @not_propagated(
// CHECK-NOT:     spider.assume_sparse %{{.*}} index
// CHECK:         spider.pit
// CHECK-NOT:     spider.assume_sparse %{{.*}} index
// CHECK:         %[[P:.*]] = spider.pit
// CHECK:         %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK:         %[[F:.*]] = linalg.fill ins(%[[ONE]] : f32)
// CHECK:         %[[PS:.*]] = spider.assume_sparse %[[P]] index(
// CHECK:         spider.pit ins(%[[PS]] : {{.*}}) outs(%[[F]] :
// CHECK:           math.exp
// CHECK:         return
func.func @not_propagated(%m: tensor<8x8xf32>, %s: tensor<8x8xf32>, %v: tensor<8x4xf32>) -> (tensor<8x4xf32>, tensor<8x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %ms = spider.assume_sparse %m : tensor<8x8xf32> to !M
  %e = tensor.empty() : tensor<8x8xf32>
  %n = linalg.fill ins(%ninf : f32) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  %masked = linalg.generic {indexing_maps = [#ij, #ij, #ij], iterator_types = ["parallel", "parallel"]}
      ins(%ms, %s : !M, tensor<8x8xf32>) outs(%n : tensor<8x8xf32>) {
  ^bb0(%mv: f32, %sv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %r = arith.select %on, %sv, %ninf : f32
    linalg.yield %r : f32
  } -> tensor<8x8xf32>
  %eo = tensor.empty() : tensor<8x4xf32>
  %zo = linalg.fill ins(%zero : f32) outs(%eo : tensor<8x4xf32>) -> tensor<8x4xf32>
  %o = linalg.generic {indexing_maps = [#m3, #v3, #o3], iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%masked, %v : tensor<8x8xf32>, tensor<8x4xf32>) outs(%zo : tensor<8x4xf32>) {
  ^bb0(%pv: f32, %vv: f32, %out: f32):
    %x = arith.mulf %pv, %vv : f32
    %r = arith.addf %out, %x : f32
    linalg.yield %r : f32
  } -> tensor<8x4xf32>
  %p = linalg.generic {indexing_maps = [#ij, #ij, #ij], iterator_types = ["parallel", "parallel"]}
      ins(%ms, %s : !M, tensor<8x8xf32>) outs(%z : tensor<8x8xf32>) {
  ^bb0(%mv: f32, %sv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %r = arith.select %on, %sv, %zero : f32
    linalg.yield %r : f32
  } -> tensor<8x8xf32>
  // expected-remark@+1 {{input #0 is zero outside the active micro-tiles of the spider.pit that computes it: it is sparse with that index}}
  %x = linalg.generic {indexing_maps = [#ij, #ij], iterator_types = ["parallel", "parallel"]}
      ins(%p : tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%pv: f32, %out: f32):
    %r = math.exp %pv : f32
    linalg.yield %r : f32
  } -> tensor<8x8xf32>
  return %o, %x : tensor<8x4xf32>, tensor<8x8xf32>
}

// Masked scores (masked_fill(-inf) into a -inf fill) are -inf outside the
// mask's tiles: their row maximum skips there (max(x, -inf) is x), and the
// exponentials exp(x - m), written into an empty tensor, are 0 there: they
// get a zero fill and are zero outside the tiles in turn.
#r2 = affine_map<(i, j) -> (i)>
// CHECK-LABEL: func.func @masked_scores(
// CHECK:         %[[I:.*]] = spider.detect
// CHECK:         %[[SM:.*]] = spider.pit
// CHECK:         %[[SMS:.*]] = spider.assume_sparse %[[SM]] index(%[[I]] : {{.*}}) {inactive = 0xFF800000 : f32}
// CHECK:         %[[MAX:.*]] = spider.pit ins(%[[SMS]] : {{.*}}) {{.*}} index(%[[I]]
// CHECK:         %[[ZERO:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<8x8xf32>)
// CHECK:         %[[SMS2:.*]] = spider.assume_sparse %[[SM]] index(%[[I]] : {{.*}}) {inactive = 0xFF800000 : f32}
// CHECK:         spider.pit ins(%[[SMS2]], %[[MAX]] : {{.*}}) outs(%[[ZERO]] : {{.*}}) index(%[[I]]
// CHECK:           math.exp
func.func @masked_scores(%m: tensor<8x8xf32>, %s: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %ms = spider.assume_sparse %m : tensor<8x8xf32> to !M
  %e = tensor.empty() : tensor<8x8xf32>
  %n = linalg.fill ins(%ninf : f32) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  %sm = linalg.generic {indexing_maps = [#ij, #ij, #ij], iterator_types = ["parallel", "parallel"]}
      ins(%ms, %s : !M, tensor<8x8xf32>) outs(%n : tensor<8x8xf32>) {
  ^bb0(%mv: f32, %sv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %r = arith.select %on, %sv, %ninf : f32
    linalg.yield %r : f32
  } -> tensor<8x8xf32>
  %e1 = tensor.empty() : tensor<8xf32>
  %n1 = linalg.fill ins(%ninf : f32) outs(%e1 : tensor<8xf32>) -> tensor<8xf32>
  // expected-remark@+1 {{input #0 is constant outside the active micro-tiles of the spider.pit that computes it: it is sparse with that index}}
  %max = linalg.generic {indexing_maps = [#ij, #r2], iterator_types = ["parallel", "reduction"]}
      ins(%sm : tensor<8x8xf32>) outs(%n1 : tensor<8xf32>) {
  ^bb0(%sv: f32, %out: f32):
    %r = arith.maximumf %out, %sv : f32
    linalg.yield %r : f32
  } -> tensor<8xf32>
  // expected-remark@+1 {{input #0 is constant outside the active micro-tiles of the spider.pit that computes it: it is sparse with that index}}
  %p = linalg.generic {indexing_maps = [#ij, #r2, #ij], iterator_types = ["parallel", "parallel"]}
      ins(%sm, %max : tensor<8x8xf32>, tensor<8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%sv: f32, %mx: f32, %out: f32):
    %d = arith.subf %sv, %mx : f32
    %r = math.exp %d : f32
    linalg.yield %r : f32
  } -> tensor<8x8xf32>
  return %p : tensor<8x8xf32>
}
