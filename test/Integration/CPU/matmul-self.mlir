// One marked value read twice by one op: A·A (linalg.matmul) and A·Aᵀ (a
// generic) with A sparse in [1, 16] micro-tiles. Each use has its own block
// argument in the spider.pit: one is the sparse operand, the other a plain
// operand, gathered too where it is indexed by the pack dim. Shapes are not
// multiples of the tiles; the oracle is the same program unmarked.
// RUN: spider-opt %s --spider-cpu-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --allow-empty
// RUN: spider-opt %s --spider-cpu-pipeline | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s

// REMARK-NOT: lowered densely
// REMARK-NOT: kept dense

// CHECK: square check 0: max relative error {{.*}} ok
// CHECK: gram check 0: max relative error {{.*}} ok
// CHECK: square check 0.1: max relative error {{.*}} ok
// CHECK: gram check 0.1: max relative error {{.*}} ok
// CHECK: square check 0.5: max relative error {{.*}} ok
// CHECK: gram check 0.5: max relative error {{.*}} ok
// CHECK: square check 1: max relative error {{.*}} ok
// CHECK: gram check 1: max relative error {{.*}} ok
// CHECK-NOT: FAILED

#S = #spider.sparse<microtile = [1, 16]>
#lhs = affine_map<(m, n, k) -> (m, k)>
#rhs = affine_map<(m, n, k) -> (n, k)>
#res = affine_map<(m, n, k) -> (m, n)>

func.func @square(%a: tensor<70x70xf32>, %c: tensor<70x70xf32>) -> tensor<70x70xf32> {
  %as = spider.assume_sparse %a : tensor<70x70xf32> to tensor<70x70xf32, #S>
  %r = linalg.matmul ins(%as, %as : tensor<70x70xf32, #S>, tensor<70x70xf32, #S>) outs(%c : tensor<70x70xf32>) -> tensor<70x70xf32>
  return %r : tensor<70x70xf32>
}

func.func @square_dense(%a: tensor<70x70xf32>, %c: tensor<70x70xf32>) -> tensor<70x70xf32> {
  %r = linalg.matmul ins(%a, %a : tensor<70x70xf32>, tensor<70x70xf32>) outs(%c : tensor<70x70xf32>) -> tensor<70x70xf32>
  return %r : tensor<70x70xf32>
}

func.func @gram(%a: tensor<45x90xf32>, %c: tensor<45x45xf32>) -> tensor<45x45xf32> {
  %as = spider.assume_sparse %a : tensor<45x90xf32> to tensor<45x90xf32, #S>
  %r = linalg.generic {indexing_maps = [#lhs, #rhs, #res], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%as, %as : tensor<45x90xf32, #S>, tensor<45x90xf32, #S>) outs(%c : tensor<45x45xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<45x45xf32>
  return %r : tensor<45x45xf32>
}

func.func @gram_dense(%a: tensor<45x90xf32>, %c: tensor<45x45xf32>) -> tensor<45x45xf32> {
  %r = linalg.generic {indexing_maps = [#lhs, #rhs, #res], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %a : tensor<45x90xf32>, tensor<45x90xf32>) outs(%c : tensor<45x45xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %m : f32
    linalg.yield %s : f32
  } -> tensor<45x45xf32>
  return %r : tensor<45x45xf32>
}

func.func private @spider_rt_fill_random_f32(memref<*xf32>, i64, f64, i64, i64, i64, i64) attributes {llvm.emit_c_interface}
func.func private @spider_rt_check_close_f32(memref<*xf32>, memref<*xf32>, f64, f64) -> i32 attributes {llvm.emit_c_interface}

func.func @check(%got: tensor<?x?xf32>, %want: tensor<?x?xf32>, %density: f64) {
  %tol = arith.constant 1.0e-5 : f64
  %g = bufferization.to_buffer %got read_only : tensor<?x?xf32> to memref<?x?xf32>
  %w = bufferization.to_buffer %want read_only : tensor<?x?xf32> to memref<?x?xf32>
  %gu = memref.cast %g : memref<?x?xf32> to memref<*xf32>
  %wu = memref.cast %w : memref<?x?xf32> to memref<*xf32>
  %ok = func.call @spider_rt_check_close_f32(%gu, %wu, %tol, %density) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
  return
}

func.func @main() {
  %densities = arith.constant dense<[0.0, 0.1, 0.5, 1.0]> : tensor<4xf64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant 4 : index
  %full = arith.constant 1.0 : f64
  %i1 = arith.constant 1 : i64
  %i8 = arith.constant 8 : i64
  %i16 = arith.constant 16 : i64
  scf.for %i = %c0 to %cn step %c1 {
    %density = tensor.extract %densities[%i] : tensor<4xf64>
    %seed0 = arith.index_cast %i : index to i64
    %seed = arith.muli %seed0, %i8 : i64
    %s1 = arith.addi %seed, %i1 : i64
    %s2 = arith.addi %s1, %i1 : i64
    %s3 = arith.addi %s2, %i1 : i64
    %s4 = arith.addi %s3, %i1 : i64
    %am = memref.alloc() : memref<70x70xf32>
    %au = memref.cast %am : memref<70x70xf32> to memref<*xf32>
    func.call @spider_rt_fill_random_f32(%au, %s1, %density, %i1, %i16, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %a = bufferization.to_tensor %am restrict : memref<70x70xf32> to tensor<70x70xf32>
    %cm = memref.alloc() : memref<70x70xf32>
    %cu = memref.cast %cm : memref<70x70xf32> to memref<*xf32>
    func.call @spider_rt_fill_random_f32(%cu, %s2, %full, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %c = bufferization.to_tensor %cm restrict : memref<70x70xf32> to tensor<70x70xf32>
    %gm = memref.alloc() : memref<45x90xf32>
    %gu = memref.cast %gm : memref<45x90xf32> to memref<*xf32>
    func.call @spider_rt_fill_random_f32(%gu, %s3, %density, %i1, %i16, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %g = bufferization.to_tensor %gm restrict : memref<45x90xf32> to tensor<45x90xf32>
    %dm = memref.alloc() : memref<45x45xf32>
    %du = memref.cast %dm : memref<45x45xf32> to memref<*xf32>
    func.call @spider_rt_fill_random_f32(%du, %s4, %full, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %d = bufferization.to_tensor %dm restrict : memref<45x45xf32> to tensor<45x45xf32>

    vector.print str "square "
    %got0 = func.call @square(%a, %c) : (tensor<70x70xf32>, tensor<70x70xf32>) -> tensor<70x70xf32>
    %want0 = func.call @square_dense(%a, %c) : (tensor<70x70xf32>, tensor<70x70xf32>) -> tensor<70x70xf32>
    %got0d = tensor.cast %got0 : tensor<70x70xf32> to tensor<?x?xf32>
    %want0d = tensor.cast %want0 : tensor<70x70xf32> to tensor<?x?xf32>
    func.call @check(%got0d, %want0d, %density) : (tensor<?x?xf32>, tensor<?x?xf32>, f64) -> ()
    vector.print str "gram "
    %got1 = func.call @gram(%g, %d) : (tensor<45x90xf32>, tensor<45x45xf32>) -> tensor<45x45xf32>
    %want1 = func.call @gram_dense(%g, %d) : (tensor<45x90xf32>, tensor<45x45xf32>) -> tensor<45x45xf32>
    %got1d = tensor.cast %got1 : tensor<45x45xf32> to tensor<?x?xf32>
    %want1d = tensor.cast %want1 : tensor<45x45xf32> to tensor<?x?xf32>
    func.call @check(%got1d, %want1d, %density) : (tensor<?x?xf32>, tensor<?x?xf32>, f64) -> ()
  }
  return
}
