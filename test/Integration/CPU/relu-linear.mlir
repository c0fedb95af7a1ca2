// Activation sparsity: a ReLU output, marked sparse in [1, 32] micro-tiles,
// feeds a linear layer. The ReLU input is itself sparse in row strips, so
// the ReLU output has whole zero micro-tiles at the given density. The
// oracle is the same program unmarked.
// RUN: spider-opt %s --spider-cpu-pipeline | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s

// CHECK: check 0: max relative error {{.*}} ok
// CHECK: check 0.01: max relative error {{.*}} ok
// CHECK: check 0.1: max relative error {{.*}} ok
// CHECK: check 0.5: max relative error {{.*}} ok
// CHECK: check 1: max relative error {{.*}} ok
// CHECK-NOT: FAILED

#id = affine_map<(i, j) -> (i, j)>
#bias = affine_map<(i, j) -> (j)>

func.func @relu(%x: tensor<60x100xf32>) -> tensor<60x100xf32> {
  %zero = arith.constant 0.0 : f32
  %empty = tensor.empty() : tensor<60x100xf32>
  %h = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<60x100xf32>) outs(%empty : tensor<60x100xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.maximumf %in, %zero : f32
    linalg.yield %r : f32
  } -> tensor<60x100xf32>
  return %h : tensor<60x100xf32>
}

func.func @sparse(%x: tensor<60x100xf32>, %w: tensor<100x40xf32>, %y: tensor<60x40xf32>) -> tensor<60x40xf32> {
  %h = func.call @relu(%x) : (tensor<60x100xf32>) -> tensor<60x100xf32>
  %hs = spider.assume_sparse %h : tensor<60x100xf32> to tensor<60x100xf32, #spider.sparse<microtile = [1, 32]>>
  %r = linalg.matmul ins(%hs, %w : tensor<60x100xf32, #spider.sparse<microtile = [1, 32]>>, tensor<100x40xf32>) outs(%y : tensor<60x40xf32>) -> tensor<60x40xf32>
  return %r : tensor<60x40xf32>
}

func.func @dense(%x: tensor<60x100xf32>, %w: tensor<100x40xf32>, %y: tensor<60x40xf32>) -> tensor<60x40xf32> {
  %h = func.call @relu(%x) : (tensor<60x100xf32>) -> tensor<60x100xf32>
  %r = linalg.matmul ins(%h, %w : tensor<60x100xf32>, tensor<100x40xf32>) outs(%y : tensor<60x40xf32>) -> tensor<60x40xf32>
  return %r : tensor<60x40xf32>
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
    %xm = memref.alloc() : memref<60x100xf32>
    %xu = memref.cast %xm : memref<60x100xf32> to memref<*xf32>
    %xt0 = arith.constant 1 : i64
    %xt1 = arith.constant 32 : i64
    %xt2 = arith.constant 1 : i64
    %xt3 = arith.constant 1 : i64
    %xk = arith.constant 1 : i64
    %xsd = arith.addi %seed16, %xk : i64
    func.call @spider_rt_fill_random_f32(%xu, %xsd, %density, %xt0, %xt1, %xt2, %xt3) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %x = bufferization.to_tensor %xm restrict : memref<60x100xf32> to tensor<60x100xf32>
    %wm = memref.alloc() : memref<100x40xf32>
    %wu = memref.cast %wm : memref<100x40xf32> to memref<*xf32>
    %wt0 = arith.constant 1 : i64
    %wt1 = arith.constant 1 : i64
    %wt2 = arith.constant 1 : i64
    %wt3 = arith.constant 1 : i64
    %wk = arith.constant 2 : i64
    %wsd = arith.addi %seed16, %wk : i64
    func.call @spider_rt_fill_random_f32(%wu, %wsd, %full, %wt0, %wt1, %wt2, %wt3) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %w = bufferization.to_tensor %wm restrict : memref<100x40xf32> to tensor<100x40xf32>
    %ym = memref.alloc() : memref<60x40xf32>
    %yu = memref.cast %ym : memref<60x40xf32> to memref<*xf32>
    %yt0 = arith.constant 1 : i64
    %yt1 = arith.constant 1 : i64
    %yt2 = arith.constant 1 : i64
    %yt3 = arith.constant 1 : i64
    %yk = arith.constant 3 : i64
    %ysd = arith.addi %seed16, %yk : i64
    func.call @spider_rt_fill_random_f32(%yu, %ysd, %full, %yt0, %yt1, %yt2, %yt3) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %y = bufferization.to_tensor %ym restrict : memref<60x40xf32> to tensor<60x40xf32>
    %got0 = func.call @sparse(%x, %w, %y) : (tensor<60x100xf32>, tensor<100x40xf32>, tensor<60x40xf32>) -> (tensor<60x40xf32>)
    %want0 = func.call @dense(%x, %w, %y) : (tensor<60x100xf32>, tensor<100x40xf32>, tensor<60x40xf32>) -> (tensor<60x40xf32>)
    %gm0 = bufferization.to_buffer %got0 read_only : tensor<60x40xf32> to memref<60x40xf32>
    %wm0 = bufferization.to_buffer %want0 read_only : tensor<60x40xf32> to memref<60x40xf32>
    %gu0 = memref.cast %gm0 : memref<60x40xf32> to memref<*xf32>
    %wu0 = memref.cast %wm0 : memref<60x40xf32> to memref<*xf32>
    %ok0 = func.call @spider_rt_check_close_f32(%gu0, %wu0, %tol, %density) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
  }
  return
}
