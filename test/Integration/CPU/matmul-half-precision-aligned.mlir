// matmul-half-precision.mlir at 100x136x72: K and N are multiples of 8
// (rows of 16 bytes, so the GPU tile kernels' SRead of A's [32, 64] blocks,
// of the dense fallback and of B runs as cp.async) but not of 64 (every
// stage and column block has a partial edge that the copies zero-fill). M
// is not a multiple of the 32-row groups. Runs on the CPU here and on the
// GPU in test/Integration/GPU/matmul-half-precision-aligned.test.
// RUN: spider-opt %s --spider-cpu-pipeline | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s

// CHECK-COUNT-30: max relative error {{.*}} ok
// CHECK-NOT: FAILED

#C = #spider.sparse<microtile = [32, 1]>
#B = #spider.sparse<microtile = [32, 64]>
#R = #spider.sparse<microtile = [1, 64]>

func.func @cols_f16(%a: tensor<100x136xf16>, %b: tensor<136x72xf16>, %c: tensor<100x72xf32>) -> tensor<100x72xf32> {
  %as = spider.assume_sparse %a : tensor<100x136xf16> to tensor<100x136xf16, #C>
  %r = linalg.matmul ins(%as, %b : tensor<100x136xf16, #C>, tensor<136x72xf16>)
                     outs(%c : tensor<100x72xf32>) -> tensor<100x72xf32>
  return %r : tensor<100x72xf32>
}

func.func @blocks_f16(%a: tensor<100x136xf16>, %b: tensor<136x72xf16>, %c: tensor<100x72xf32>) -> tensor<100x72xf32> {
  %as = spider.assume_sparse %a : tensor<100x136xf16> to tensor<100x136xf16, #B>
  %r = linalg.matmul ins(%as, %b : tensor<100x136xf16, #B>, tensor<136x72xf16>)
                     outs(%c : tensor<100x72xf32>) -> tensor<100x72xf32>
  return %r : tensor<100x72xf32>
}

func.func @rows_f16(%a: tensor<100x136xf16>, %b: tensor<136x72xf16>, %c: tensor<100x72xf32>) -> tensor<100x72xf32> {
  %as = spider.assume_sparse %a : tensor<100x136xf16> to tensor<100x136xf16, #R>
  %r = linalg.matmul ins(%as, %b : tensor<100x136xf16, #R>, tensor<136x72xf16>)
                     outs(%c : tensor<100x72xf32>) -> tensor<100x72xf32>
  return %r : tensor<100x72xf32>
}

func.func @dense_f16(%a: tensor<100x136xf16>, %b: tensor<136x72xf16>, %c: tensor<100x72xf32>) -> tensor<100x72xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<100x136xf16>, tensor<136x72xf16>)
                     outs(%c : tensor<100x72xf32>) -> tensor<100x72xf32>
  return %r : tensor<100x72xf32>
}

func.func @cols_bf16(%a: tensor<100x136xbf16>, %b: tensor<136x72xbf16>, %c: tensor<100x72xf32>) -> tensor<100x72xf32> {
  %as = spider.assume_sparse %a : tensor<100x136xbf16> to tensor<100x136xbf16, #C>
  %r = linalg.matmul ins(%as, %b : tensor<100x136xbf16, #C>, tensor<136x72xbf16>)
                     outs(%c : tensor<100x72xf32>) -> tensor<100x72xf32>
  return %r : tensor<100x72xf32>
}

func.func @blocks_bf16(%a: tensor<100x136xbf16>, %b: tensor<136x72xbf16>, %c: tensor<100x72xf32>) -> tensor<100x72xf32> {
  %as = spider.assume_sparse %a : tensor<100x136xbf16> to tensor<100x136xbf16, #B>
  %r = linalg.matmul ins(%as, %b : tensor<100x136xbf16, #B>, tensor<136x72xbf16>)
                     outs(%c : tensor<100x72xf32>) -> tensor<100x72xf32>
  return %r : tensor<100x72xf32>
}

func.func @rows_bf16(%a: tensor<100x136xbf16>, %b: tensor<136x72xbf16>, %c: tensor<100x72xf32>) -> tensor<100x72xf32> {
  %as = spider.assume_sparse %a : tensor<100x136xbf16> to tensor<100x136xbf16, #R>
  %r = linalg.matmul ins(%as, %b : tensor<100x136xbf16, #R>, tensor<136x72xbf16>)
                     outs(%c : tensor<100x72xf32>) -> tensor<100x72xf32>
  return %r : tensor<100x72xf32>
}

func.func @dense_bf16(%a: tensor<100x136xbf16>, %b: tensor<136x72xbf16>, %c: tensor<100x72xf32>) -> tensor<100x72xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<100x136xbf16>, tensor<136x72xbf16>)
                     outs(%c : tensor<100x72xf32>) -> tensor<100x72xf32>
  return %r : tensor<100x72xf32>
}

func.func private @spider_rt_fill_random_f32(memref<*xf32>, i64, f64, i64, i64, i64, i64) attributes {llvm.emit_c_interface}
func.func private @spider_rt_check_close_f32(memref<*xf32>, memref<*xf32>, f64, f64) -> i32 attributes {llvm.emit_c_interface}

func.func @random(%m: memref<*xf32>, %seed: i64, %density: f64, %t0: i64, %t1: i64) {
  %one = arith.constant 1 : i64
  call @spider_rt_fill_random_f32(%m, %seed, %density, %t0, %t1, %one, %one) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
  return
}

func.func @check(%got: tensor<100x72xf32>, %want: tensor<100x72xf32>, %density: f64) {
  %tol = arith.constant 1.0e-4 : f64
  %gm = bufferization.to_buffer %got read_only : tensor<100x72xf32> to memref<100x72xf32>
  %wm = bufferization.to_buffer %want read_only : tensor<100x72xf32> to memref<100x72xf32>
  %gu = memref.cast %gm : memref<100x72xf32> to memref<*xf32>
  %wu = memref.cast %wm : memref<100x72xf32> to memref<*xf32>
  %ok = func.call @spider_rt_check_close_f32(%gu, %wu, %tol, %density) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
  return
}

func.func @main() {
  %densities = arith.constant dense<[0.0, 0.01, 0.1, 0.5, 1.0]> : tensor<5xf64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c5 = arith.constant 5 : index
  %i1 = arith.constant 1 : i64
  %i32 = arith.constant 32 : i64
  %i64 = arith.constant 64 : i64
  %full = arith.constant 1.0 : f64
  scf.for %i = %c0 to %c5 step %c1 {
    %density = tensor.extract %densities[%i] : tensor<5xf64>
    %seed = arith.index_cast %i : index to i64
    %am = memref.alloc() : memref<100x136xf32>
    %bm = memref.alloc() : memref<136x72xf32>
    %cm = memref.alloc() : memref<100x72xf32>
    %au = memref.cast %am : memref<100x136xf32> to memref<*xf32>
    %bu = memref.cast %bm : memref<136x72xf32> to memref<*xf32>
    %cu = memref.cast %cm : memref<100x72xf32> to memref<*xf32>
    func.call @random(%au, %seed, %density, %i32, %i64) : (memref<*xf32>, i64, f64, i64, i64) -> ()
    func.call @random(%bu, %seed, %full, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64) -> ()
    func.call @random(%cu, %seed, %full, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64) -> ()
    %a = bufferization.to_tensor %am restrict : memref<100x136xf32> to tensor<100x136xf32>
    %b = bufferization.to_tensor %bm restrict : memref<136x72xf32> to tensor<136x72xf32>
    %c = bufferization.to_tensor %cm restrict : memref<100x72xf32> to tensor<100x72xf32>
    %a_f16 = arith.truncf %a : tensor<100x136xf32> to tensor<100x136xf16>
    %b_f16 = arith.truncf %b : tensor<136x72xf32> to tensor<136x72xf16>
    %want_f16 = func.call @dense_f16(%a_f16, %b_f16, %c) : (tensor<100x136xf16>, tensor<136x72xf16>, tensor<100x72xf32>) -> tensor<100x72xf32>
    %cols_f16 = func.call @cols_f16(%a_f16, %b_f16, %c) : (tensor<100x136xf16>, tensor<136x72xf16>, tensor<100x72xf32>) -> tensor<100x72xf32>
    func.call @check(%cols_f16, %want_f16, %density) : (tensor<100x72xf32>, tensor<100x72xf32>, f64) -> ()
    %blocks_f16 = func.call @blocks_f16(%a_f16, %b_f16, %c) : (tensor<100x136xf16>, tensor<136x72xf16>, tensor<100x72xf32>) -> tensor<100x72xf32>
    func.call @check(%blocks_f16, %want_f16, %density) : (tensor<100x72xf32>, tensor<100x72xf32>, f64) -> ()
    %rows_f16 = func.call @rows_f16(%a_f16, %b_f16, %c) : (tensor<100x136xf16>, tensor<136x72xf16>, tensor<100x72xf32>) -> tensor<100x72xf32>
    func.call @check(%rows_f16, %want_f16, %density) : (tensor<100x72xf32>, tensor<100x72xf32>, f64) -> ()
    %a_bf16 = arith.truncf %a : tensor<100x136xf32> to tensor<100x136xbf16>
    %b_bf16 = arith.truncf %b : tensor<136x72xf32> to tensor<136x72xbf16>
    %want_bf16 = func.call @dense_bf16(%a_bf16, %b_bf16, %c) : (tensor<100x136xbf16>, tensor<136x72xbf16>, tensor<100x72xf32>) -> tensor<100x72xf32>
    %cols_bf16 = func.call @cols_bf16(%a_bf16, %b_bf16, %c) : (tensor<100x136xbf16>, tensor<136x72xbf16>, tensor<100x72xf32>) -> tensor<100x72xf32>
    func.call @check(%cols_bf16, %want_bf16, %density) : (tensor<100x72xf32>, tensor<100x72xf32>, f64) -> ()
    %blocks_bf16 = func.call @blocks_bf16(%a_bf16, %b_bf16, %c) : (tensor<100x136xbf16>, tensor<136x72xbf16>, tensor<100x72xf32>) -> tensor<100x72xf32>
    func.call @check(%blocks_bf16, %want_bf16, %density) : (tensor<100x72xf32>, tensor<100x72xf32>, f64) -> ()
    %rows_bf16 = func.call @rows_bf16(%a_bf16, %b_bf16, %c) : (tensor<100x136xbf16>, tensor<136x72xbf16>, tensor<100x72xf32>) -> tensor<100x72xf32>
    func.call @check(%rows_bf16, %want_bf16, %density) : (tensor<100x72xf32>, tensor<100x72xf32>, f64) -> ()
  }
  return
}
