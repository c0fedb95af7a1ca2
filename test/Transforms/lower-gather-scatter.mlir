// RUN: spider-opt %s --spider-lower-gather-scatter | FileCheck %s --enable-var-scope

!I = !spider.index<microtile = [32, 1], pack_dim = 1>

// SRead: a zero-filled tile list, then, per group and active position, the
// micro-tile clipped at the boundary.
// CHECK-LABEL: func.func @gather
// CHECK-SAME:    %[[A:.*]]: tensor<100x70xf32>
// CHECK:         %[[OFF:.*]], %[[POS:.*]] = spider.index_arrays
// CHECK:         %[[N:.*]] = tensor.dim %[[POS]]
// CHECK:         %[[E:.*]] = tensor.empty(%[[N]]) : tensor<?x32x1xf32>
// CHECK:         %[[Z:.*]] = linalg.fill {{.*}} outs(%[[E]]
// CHECK:         scf.for {{.*}} iter_args(%{{.*}} = %[[Z]])
// CHECK:           scf.for {{.*}} iter_args(%[[ACC:.*]] = %{{.*}})
// CHECK:             arith.minsi
// CHECK:             %[[T:.*]] = tensor.extract_slice %[[A]]
// CHECK:             tensor.insert_slice %[[T]] into %[[ACC]]
func.func @gather(%a: tensor<100x70xf32>, %i: !I) -> tensor<?x32x1xf32> {
  %t = spider.gather %a[%i] : tensor<100x70xf32>, !I -> tensor<?x32x1xf32>
  return %t : tensor<?x32x1xf32>
}

// SWrite with a combiner: the destination tile, combined element-wise.
// CHECK-LABEL: func.func @scatter_max
// CHECK:         scf.for
// CHECK:           scf.for {{.*}} iter_args(%[[ACC:.*]] = %{{.*}})
// CHECK:             %[[T:.*]] = tensor.extract_slice %{{.*}} : tensor<?x32x1xf32> to tensor<?x?xf32>
// CHECK:             %[[D:.*]] = tensor.extract_slice %[[ACC]]
// CHECK:             %[[C:.*]] = linalg.generic {{.*}} ins(%[[T]] : tensor<?x?xf32>) outs(%[[D]] : tensor<?x?xf32>)
// CHECK:               arith.maximumf
// CHECK:             tensor.insert_slice %[[C]] into %[[ACC]]
func.func @scatter_max(%t: tensor<?x32x1xf32>, %d: tensor<100x70xf32>, %i: !I) -> tensor<100x70xf32> {
  %r = spider.scatter %t into %d[%i] combiner(max) : tensor<?x32x1xf32>, !I -> tensor<100x70xf32>
  return %r : tensor<100x70xf32>
}
