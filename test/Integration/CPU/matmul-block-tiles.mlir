// Dynamic sparse matmul, [32, 32] micro-tiles on the left operand:
// packed along k, the reduction. The oracle is the same program unmarked.
// RUN: spider-opt %s --spider-cpu-pipeline | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s

// CHECK: check 0: max relative error {{.*}} ok
// CHECK: check 0.01: max relative error {{.*}} ok
// CHECK: check 0.1: max relative error {{.*}} ok
// CHECK: check 0.5: max relative error {{.*}} ok
// CHECK: check 1: max relative error {{.*}} ok
// CHECK-NOT: FAILED

func.func @sparse(%a: tensor<70x100xf32>, %b: tensor<100x45xf32>, %c: tensor<70x45xf32>) -> tensor<70x45xf32> {
  %as = spider.assume_sparse %a : tensor<70x100xf32> to tensor<70x100xf32, #spider.sparse<microtile = [32, 32]>>
  %r = linalg.matmul ins(%as, %b : tensor<70x100xf32, #spider.sparse<microtile = [32, 32]>>, tensor<100x45xf32>) outs(%c : tensor<70x45xf32>) -> tensor<70x45xf32>
  return %r : tensor<70x45xf32>
}

func.func @dense(%a: tensor<70x100xf32>, %b: tensor<100x45xf32>, %c: tensor<70x45xf32>) -> tensor<70x45xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<70x100xf32>, tensor<100x45xf32>) outs(%c : tensor<70x45xf32>) -> tensor<70x45xf32>
  return %r : tensor<70x45xf32>
}

func.func private @spider_rt_fill_random_f32(memref<*xf32>, i64, f64, i64, i64, i64, i64) attributes {llvm.emit_c_interface}
func.func private @spider_rt_check_close_f32(memref<*xf32>, memref<*xf32>, f64, f64) -> i32 attributes {llvm.emit_c_interface}

func.func @main() {
  %densities = arith.constant dense<[0.0, 0.01, 0.1, 0.5, 1.0]> : tensor<5xf64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant 5 : index
  %full = arith.constant 1.0 : f64
  %tol = arith.constant 1.0e-5 : f64
  scf.for %i = %c0 to %cn step %c1 {
    %density = tensor.extract %densities[%i] : tensor<5xf64>
    %seed = arith.index_cast %i : index to i64
    %c16i = arith.constant 16 : i64
    %seed16 = arith.muli %seed, %c16i : i64
    %am = memref.alloc() : memref<70x100xf32>
    %au = memref.cast %am : memref<70x100xf32> to memref<*xf32>
    %at0 = arith.constant 32 : i64
    %at1 = arith.constant 32 : i64
    %at2 = arith.constant 1 : i64
    %at3 = arith.constant 1 : i64
    %ak = arith.constant 1 : i64
    %asd = arith.addi %seed16, %ak : i64
    func.call @spider_rt_fill_random_f32(%au, %asd, %density, %at0, %at1, %at2, %at3) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %a = bufferization.to_tensor %am restrict : memref<70x100xf32> to tensor<70x100xf32>
    %bm = memref.alloc() : memref<100x45xf32>
    %bu = memref.cast %bm : memref<100x45xf32> to memref<*xf32>
    %bt0 = arith.constant 1 : i64
    %bt1 = arith.constant 1 : i64
    %bt2 = arith.constant 1 : i64
    %bt3 = arith.constant 1 : i64
    %bk = arith.constant 2 : i64
    %bsd = arith.addi %seed16, %bk : i64
    func.call @spider_rt_fill_random_f32(%bu, %bsd, %full, %bt0, %bt1, %bt2, %bt3) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %b = bufferization.to_tensor %bm restrict : memref<100x45xf32> to tensor<100x45xf32>
    %cm = memref.alloc() : memref<70x45xf32>
    %cu = memref.cast %cm : memref<70x45xf32> to memref<*xf32>
    %ct0 = arith.constant 1 : i64
    %ct1 = arith.constant 1 : i64
    %ct2 = arith.constant 1 : i64
    %ct3 = arith.constant 1 : i64
    %ck = arith.constant 3 : i64
    %csd = arith.addi %seed16, %ck : i64
    func.call @spider_rt_fill_random_f32(%cu, %csd, %full, %ct0, %ct1, %ct2, %ct3) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %c = bufferization.to_tensor %cm restrict : memref<70x45xf32> to tensor<70x45xf32>
    %got0 = func.call @sparse(%a, %b, %c) : (tensor<70x100xf32>, tensor<100x45xf32>, tensor<70x45xf32>) -> (tensor<70x45xf32>)
    %want0 = func.call @dense(%a, %b, %c) : (tensor<70x100xf32>, tensor<100x45xf32>, tensor<70x45xf32>) -> (tensor<70x45xf32>)
    %gm0 = bufferization.to_buffer %got0 read_only : tensor<70x45xf32> to memref<70x45xf32>
    %wm0 = bufferization.to_buffer %want0 read_only : tensor<70x45xf32> to memref<70x45xf32>
    %gu0 = memref.cast %gm0 : memref<70x45xf32> to memref<*xf32>
    %wu0 = memref.cast %wm0 : memref<70x45xf32> to memref<*xf32>
    %ok0 = func.call @spider_rt_check_close_f32(%gu0, %wu0, %tol, %density) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
  }
  return
}
