// Dynamic sparse matmul, [32, 1] micro-tiles on the left operand, with B
// wide enough for panels (192 columns): each PIT group's B rows are packed
// into panels straight from B through the index (SRead fused into the
// panel copy), and its dynamic depth is peeled into steps of 4 and single
// steps. Shapes are not multiples of the tiles (100 rows: a last group of
// 4; 70 deep); against the same program unmarked, at one and two threads
// and with AVX2 tiles, and without vectorization as the reference.
// RUN: spider-opt %s --spider-cpu-pipeline | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s
// RUN: spider-run %s --cpu-threads=2 | FileCheck %s
// RUN: spider-opt %s --spider-cpu-pipeline=cpu-isa=avx2 | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s
// RUN: spider-opt %s --spider-cpu-pipeline=vectorize=false | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s

// CHECK: check 0: max relative error {{.*}} ok
// CHECK: check 0.01: max relative error {{.*}} ok
// CHECK: check 0.1: max relative error {{.*}} ok
// CHECK: check 0.5: max relative error {{.*}} ok
// CHECK: check 1: max relative error {{.*}} ok
// CHECK-NOT: FAILED

#S = #spider.sparse<microtile = [32, 1]>

func.func @sparse(%a: tensor<100x70xf32>, %b: tensor<70x192xf32>, %c: tensor<100x192xf32>) -> tensor<100x192xf32> {
  %as = spider.assume_sparse %a : tensor<100x70xf32> to tensor<100x70xf32, #S>
  %r = linalg.matmul ins(%as, %b : tensor<100x70xf32, #S>, tensor<70x192xf32>)
                     outs(%c : tensor<100x192xf32>) -> tensor<100x192xf32>
  return %r : tensor<100x192xf32>
}

func.func @dense(%a: tensor<100x70xf32>, %b: tensor<70x192xf32>, %c: tensor<100x192xf32>) -> tensor<100x192xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<100x70xf32>, tensor<70x192xf32>)
                     outs(%c : tensor<100x192xf32>) -> tensor<100x192xf32>
  return %r : tensor<100x192xf32>
}

func.func private @spider_rt_fill_random_f32(memref<*xf32>, i64, f64, i64, i64, i64, i64) attributes {llvm.emit_c_interface}
func.func private @spider_rt_check_close_f32(memref<*xf32>, memref<*xf32>, f64, f64) -> i32 attributes {llvm.emit_c_interface}

func.func @random(%m: memref<*xf32>, %seed: i64, %density: f64, %t0: i64, %t1: i64) {
  %one = arith.constant 1 : i64
  call @spider_rt_fill_random_f32(%m, %seed, %density, %t0, %t1, %one, %one) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
  return
}

func.func @main() {
  %densities = arith.constant dense<[0.0, 0.01, 0.1, 0.5, 1.0]> : tensor<5xf64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c5 = arith.constant 5 : index
  %i1 = arith.constant 1 : i64
  %i32 = arith.constant 32 : i64
  %full = arith.constant 1.0 : f64
  %tol = arith.constant 1.0e-5 : f64
  scf.for %i = %c0 to %c5 step %c1 {
    %density = tensor.extract %densities[%i] : tensor<5xf64>
    %seed = arith.index_cast %i : index to i64
    %am = memref.alloc() : memref<100x70xf32>
    %bm = memref.alloc() : memref<70x192xf32>
    %cm = memref.alloc() : memref<100x192xf32>
    %au = memref.cast %am : memref<100x70xf32> to memref<*xf32>
    %bu = memref.cast %bm : memref<70x192xf32> to memref<*xf32>
    %cu = memref.cast %cm : memref<100x192xf32> to memref<*xf32>
    func.call @random(%au, %seed, %density, %i32, %i1) : (memref<*xf32>, i64, f64, i64, i64) -> ()
    func.call @random(%bu, %seed, %full, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64) -> ()
    func.call @random(%cu, %seed, %full, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64) -> ()
    %a = bufferization.to_tensor %am restrict : memref<100x70xf32> to tensor<100x70xf32>
    %b = bufferization.to_tensor %bm restrict : memref<70x192xf32> to tensor<70x192xf32>
    %c = bufferization.to_tensor %cm restrict : memref<100x192xf32> to tensor<100x192xf32>
    %got = func.call @sparse(%a, %b, %c) : (tensor<100x70xf32>, tensor<70x192xf32>, tensor<100x192xf32>) -> tensor<100x192xf32>
    %want = func.call @dense(%a, %b, %c) : (tensor<100x70xf32>, tensor<70x192xf32>, tensor<100x192xf32>) -> tensor<100x192xf32>
    %gm = bufferization.to_buffer %got read_only : tensor<100x192xf32> to memref<100x192xf32>
    %wm = bufferization.to_buffer %want read_only : tensor<100x192xf32> to memref<100x192xf32>
    %gu = memref.cast %gm : memref<100x192xf32> to memref<*xf32>
    %wu = memref.cast %wm : memref<100x192xf32> to memref<*xf32>
    %ok = func.call @spider_rt_check_close_f32(%gu, %wu, %tol, %density) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
  }
  return
}
