// RUN: spider-opt %s -split-input-file --spider-densify-packed-values -verify-diagnostics | FileCheck %s

// A packed value read by something other than a PIT on its index gets its
// dense form, explicitly, with a remark that says for whom and what it
// costs. tensor.dim reads its sizes.
!I = !spider.index<microtile = [1, 1], pack_dim = 1>
!S = tensor<100x30xf32, #spider.sparse<microtile = [1, 1]>>
// CHECK-LABEL: func.func @returned(
// CHECK-SAME:    %[[T:.*]]: tensor<?x1x1xf32>, %[[I:.*]]: !spider.index
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<100x30xf32, #spider.sparse<microtile = [1, 1]>>
// CHECK:         %[[Z:.*]] = linalg.fill {{.*}} outs(%[[E]]
// CHECK:         %[[D:.*]] = spider.scatter %[[T]] into %[[Z]][%[[I]]] combiner(none)
// CHECK:         return %[[D]], %{{.*}}
func.func @returned(%t: tensor<?x1x1xf32>, %i: !I) -> (!S, index) {
  // expected-remark@+1 {{densified for 'func.return', which reads it other than as the sparse operand of a spider.pit on its index: a 100x30 tensor of f32 (12000 bytes)}}
  %a = spider.from_tiles %t index(%i : !I) : tensor<?x1x1xf32> -> !S
  %c0 = arith.constant 0 : index
  %d = tensor.dim %a, %c0 : !S
  return %a, %d : !S, index
}

// -----

// Only tensor.dim reads it: no dense form, and the op goes.
!I = !spider.index<microtile = [1, 1], pack_dim = 1>
// CHECK-LABEL: func.func @sizes_only(
// CHECK-SAME:    %[[N:[a-z0-9]+]]: index
// CHECK-NOT:     spider.from_tiles
// CHECK-NOT:     spider.scatter
// CHECK:         return %[[N]]
func.func @sizes_only(%t: tensor<?x1x1xf32>, %i: !I, %n: index) -> index {
  %a = spider.from_tiles %t index(%i : !I) sizes(%n) : tensor<?x1x1xf32> -> tensor<?x30xf32, #spider.sparse<microtile = [1, 1]>>
  %c0 = arith.constant 0 : index
  %d = tensor.dim %a, %c0 : tensor<?x30xf32, #spider.sparse<microtile = [1, 1]>>
  return %d : index
}

// -----

// A dynamic dense form: its size is known at run time only.
!I = !spider.index<microtile = [1, 1], pack_dim = 1>
func.func @dynamic(%t: tensor<?x1x1xf32>, %i: !I, %n: index) -> tensor<?x30xf32, #spider.sparse<microtile = [1, 1]>> {
  // expected-remark@+1 {{densified for 'func.return', which reads it other than as the sparse operand of a spider.pit on its index: a ?x30 tensor of f32 (its size known at run time)}}
  %a = spider.from_tiles %t index(%i : !I) sizes(%n) : tensor<?x1x1xf32> -> tensor<?x30xf32, #spider.sparse<microtile = [1, 1]>>
  return %a : tensor<?x30xf32, #spider.sparse<microtile = [1, 1]>>
}
