// Marked matmuls inside scf.for loops whose carried tensors are not updated
// in place: @power yields a fresh product each iteration (X <- A·X), and
// @leapfrog yields its two iter_args crossed (P <- P + A·Q, Q <- P), the
// matmul accumulating into a value the loop also yields unchanged. One-shot
// bufferization must make these new buffers per iteration (the pipelines
// set allow-return-allocs-from-loops) and free them. A in [4, 1]
// micro-tiles, 45x45 (not a multiple of the tile); the oracle is the same
// program unmarked.
// RUN: spider-opt %s --spider-cpu-pipeline | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s
// RUN: spider-opt %s --spider-cpu-pipeline=threads=2 | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s
// RUN: spider-opt %s --spider-gpu-pipeline -o /dev/null

// CHECK: power check 0: max relative error {{.*}} ok
// CHECK: leapfrog check 0: max relative error {{.*}} ok
// CHECK: power check 0.01: max relative error {{.*}} ok
// CHECK: leapfrog check 0.01: max relative error {{.*}} ok
// CHECK: power check 0.1: max relative error {{.*}} ok
// CHECK: leapfrog check 0.1: max relative error {{.*}} ok
// CHECK: power check 0.5: max relative error {{.*}} ok
// CHECK: leapfrog check 0.5: max relative error {{.*}} ok
// CHECK: power check 1: max relative error {{.*}} ok
// CHECK: leapfrog check 1: max relative error {{.*}} ok
// CHECK-NOT: FAILED

#S = #spider.sparse<microtile = [4, 1]>

func.func @power(%a: tensor<45x45xf32>, %x0: tensor<45x20xf32>) -> tensor<45x20xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %zero = arith.constant 0.0 : f32
  %as = spider.assume_sparse %a : tensor<45x45xf32> to tensor<45x45xf32, #S>
  %r = scf.for %i = %c0 to %c3 step %c1 iter_args(%x = %x0) -> (tensor<45x20xf32>) {
    %e = tensor.empty() : tensor<45x20xf32>
    %z = linalg.fill ins(%zero : f32) outs(%e : tensor<45x20xf32>) -> tensor<45x20xf32>
    %y = linalg.matmul ins(%as, %x : tensor<45x45xf32, #S>, tensor<45x20xf32>) outs(%z : tensor<45x20xf32>) -> tensor<45x20xf32>
    scf.yield %y : tensor<45x20xf32>
  }
  return %r : tensor<45x20xf32>
}

func.func @power_dense(%a: tensor<45x45xf32>, %x0: tensor<45x20xf32>) -> tensor<45x20xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %zero = arith.constant 0.0 : f32
  %r = scf.for %i = %c0 to %c3 step %c1 iter_args(%x = %x0) -> (tensor<45x20xf32>) {
    %e = tensor.empty() : tensor<45x20xf32>
    %z = linalg.fill ins(%zero : f32) outs(%e : tensor<45x20xf32>) -> tensor<45x20xf32>
    %y = linalg.matmul ins(%a, %x : tensor<45x45xf32>, tensor<45x20xf32>) outs(%z : tensor<45x20xf32>) -> tensor<45x20xf32>
    scf.yield %y : tensor<45x20xf32>
  }
  return %r : tensor<45x20xf32>
}

func.func @leapfrog(%a: tensor<45x45xf32>, %p0: tensor<45x20xf32>, %q0: tensor<45x20xf32>) -> tensor<45x20xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %as = spider.assume_sparse %a : tensor<45x45xf32> to tensor<45x45xf32, #S>
  %r:2 = scf.for %i = %c0 to %c3 step %c1 iter_args(%p = %p0, %q = %q0) -> (tensor<45x20xf32>, tensor<45x20xf32>) {
    %n = linalg.matmul ins(%as, %q : tensor<45x45xf32, #S>, tensor<45x20xf32>) outs(%p : tensor<45x20xf32>) -> tensor<45x20xf32>
    scf.yield %n, %p : tensor<45x20xf32>, tensor<45x20xf32>
  }
  return %r#0 : tensor<45x20xf32>
}

func.func @leapfrog_dense(%a: tensor<45x45xf32>, %p0: tensor<45x20xf32>, %q0: tensor<45x20xf32>) -> tensor<45x20xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %r:2 = scf.for %i = %c0 to %c3 step %c1 iter_args(%p = %p0, %q = %q0) -> (tensor<45x20xf32>, tensor<45x20xf32>) {
    %n = linalg.matmul ins(%a, %q : tensor<45x45xf32>, tensor<45x20xf32>) outs(%p : tensor<45x20xf32>) -> tensor<45x20xf32>
    scf.yield %n, %p : tensor<45x20xf32>, tensor<45x20xf32>
  }
  return %r#0 : tensor<45x20xf32>
}

func.func private @spider_rt_fill_random_f32(memref<*xf32>, i64, f64, i64, i64, i64, i64) attributes {llvm.emit_c_interface}
func.func private @spider_rt_check_close_f32(memref<*xf32>, memref<*xf32>, f64, f64) -> i32 attributes {llvm.emit_c_interface}

func.func @check(%got: tensor<45x20xf32>, %want: tensor<45x20xf32>, %density: f64) {
  %tol = arith.constant 1.0e-5 : f64
  %g = bufferization.to_buffer %got read_only : tensor<45x20xf32> to memref<45x20xf32>
  %w = bufferization.to_buffer %want read_only : tensor<45x20xf32> to memref<45x20xf32>
  %gu = memref.cast %g : memref<45x20xf32> to memref<*xf32>
  %wu = memref.cast %w : memref<45x20xf32> to memref<*xf32>
  %ok = func.call @spider_rt_check_close_f32(%gu, %wu, %tol, %density) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
  return
}

func.func @random(%seed: i64, %density: f64, %rows: i64) -> memref<*xf32> {
  %i1 = arith.constant 1 : i64
  %m = memref.alloc() : memref<45x45xf32>
  %u = memref.cast %m : memref<45x45xf32> to memref<*xf32>
  func.call @spider_rt_fill_random_f32(%u, %seed, %density, %rows, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
  return %u : memref<*xf32>
}

func.func @main() {
  %densities = arith.constant dense<[0.0, 0.01, 0.1, 0.5, 1.0]> : tensor<5xf64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant 5 : index
  %full = arith.constant 1.0 : f64
  %i1 = arith.constant 1 : i64
  %i4 = arith.constant 4 : i64
  %i8 = arith.constant 8 : i64
  scf.for %i = %c0 to %cn step %c1 {
    %density = tensor.extract %densities[%i] : tensor<5xf64>
    %seed0 = arith.index_cast %i : index to i64
    %seed = arith.muli %seed0, %i8 : i64
    %s1 = arith.addi %seed, %i1 : i64
    %s2 = arith.addi %s1, %i1 : i64
    %s3 = arith.addi %s2, %i1 : i64
    %au = func.call @random(%s1, %density, %i4) : (i64, f64, i64) -> memref<*xf32>
    %am = memref.cast %au : memref<*xf32> to memref<45x45xf32>
    %a = bufferization.to_tensor %am restrict : memref<45x45xf32> to tensor<45x45xf32>
    %pu = func.call @random(%s2, %full, %i1) : (i64, f64, i64) -> memref<*xf32>
    %pm = memref.cast %pu : memref<*xf32> to memref<45x45xf32>
    %pt = bufferization.to_tensor %pm restrict : memref<45x45xf32> to tensor<45x45xf32>
    %p = tensor.extract_slice %pt[0, 0] [45, 20] [1, 1] : tensor<45x45xf32> to tensor<45x20xf32>
    %qu = func.call @random(%s3, %full, %i1) : (i64, f64, i64) -> memref<*xf32>
    %qm = memref.cast %qu : memref<*xf32> to memref<45x45xf32>
    %qt = bufferization.to_tensor %qm restrict : memref<45x45xf32> to tensor<45x45xf32>
    %q = tensor.extract_slice %qt[0, 10] [45, 20] [1, 1] : tensor<45x45xf32> to tensor<45x20xf32>

    vector.print str "power "
    %got0 = func.call @power(%a, %p) : (tensor<45x45xf32>, tensor<45x20xf32>) -> tensor<45x20xf32>
    %want0 = func.call @power_dense(%a, %p) : (tensor<45x45xf32>, tensor<45x20xf32>) -> tensor<45x20xf32>
    func.call @check(%got0, %want0, %density) : (tensor<45x20xf32>, tensor<45x20xf32>, f64) -> ()
    vector.print str "leapfrog "
    %got1 = func.call @leapfrog(%a, %p, %q) : (tensor<45x45xf32>, tensor<45x20xf32>, tensor<45x20xf32>) -> tensor<45x20xf32>
    %want1 = func.call @leapfrog_dense(%a, %p, %q) : (tensor<45x45xf32>, tensor<45x20xf32>, tensor<45x20xf32>) -> tensor<45x20xf32>
    func.call @check(%got1, %want1, %density) : (tensor<45x20xf32>, tensor<45x20xf32>, f64) -> ()
  }
  return
}
