// RUN: spider-opt %s -canonicalize | FileCheck %s --enable-var-scope

// The arrays of a constant index fold to constants and tensor casts in a
// file that holds no tensor op: loading spider loads the dialects its
// canonicalizations create (this used to crash). One function per file, so
// that nothing else loads the tensor dialect first.

// CHECK-LABEL: func.func @index_arrays_alone
// CHECK-DAG:     %[[P:.*]] = arith.constant dense<[1, 3, 0]> : tensor<3xindex>
// CHECK-DAG:     %[[O:.*]] = arith.constant dense<[0, 2, 3]> : tensor<3xindex>
// CHECK-DAG:     %[[OC:.*]] = tensor.cast %[[O]] : tensor<3xindex> to tensor<?xindex>
// CHECK-DAG:     %[[PC:.*]] = tensor.cast %[[P]] : tensor<3xindex> to tensor<?xindex>
// CHECK:         return %[[OC]], %[[PC]]
func.func @index_arrays_alone() -> (tensor<?xindex>, tensor<?xindex>) {
  %i = spider.index_constant <grid = [2, 4], offsets = [0, 2, 3], positions = [1, 3, 0]> : !spider.index<microtile = [32, 1], pack_dim = 1>
  %o, %p = spider.index_arrays %i : !spider.index<microtile = [32, 1], pack_dim = 1>
  return %o, %p : tensor<?xindex>, tensor<?xindex>
}
