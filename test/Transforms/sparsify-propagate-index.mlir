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

// Not sparse: the result's init is not a zero fill (a -inf fill holds
// -inf outside the tiles), or the reader cannot skip its zeros (exp(0) is
// 1). Neither reader gets a mark.
// CHECK-LABEL: func.func @not_propagated(
// CHECK-NOT:     spider.assume_sparse %{{.*}} index
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
  %x = linalg.generic {indexing_maps = [#ij, #ij], iterator_types = ["parallel", "parallel"]}
      ins(%p : tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%pv: f32, %out: f32):
    %r = math.exp %pv : f32
    linalg.yield %r : f32
  } -> tensor<8x8xf32>
  return %o, %x : tensor<8x4xf32>, tensor<8x8xf32>
}
