// SDDMM x(i, j) += s(i, j) * (a(i, k) * b(k, j)) with the dense factor `a`
// sparse in [4, 1] micro-tiles: packed along k, whose partial vectors are
// masked. The product of the factors feeds the sum through an element-wise
// multiply by s (broadcast along k), so the lanes the mask drops are not
// provably zero and the contraction must stay masked (poison-padded lanes
// summed unmasked gave NaN). Shapes are not multiples of the tiles; the
// oracle is the same program unmarked.
// RUN: spider-opt %s --spider-cpu-pipeline | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s

// CHECK: check 0: max relative error {{.*}} ok
// CHECK: check 0.01: max relative error {{.*}} ok
// CHECK: check 0.1: max relative error {{.*}} ok
// CHECK: check 0.5: max relative error {{.*}} ok
// CHECK: check 1: max relative error {{.*}} ok
// CHECK-NOT: FAILED

#ij = affine_map<(i, j, k) -> (i, j)>
#ik = affine_map<(i, j, k) -> (i, k)>
#kj = affine_map<(i, j, k) -> (k, j)>
#S = #spider.sparse<microtile = [4, 1]>

func.func @sparse(%s: tensor<30x37xf32>, %a: tensor<30x50xf32>, %b: tensor<50x37xf32>, %x: tensor<30x37xf32>) -> tensor<30x37xf32> {
  %as = spider.assume_sparse %a : tensor<30x50xf32> to tensor<30x50xf32, #S>
  %r = linalg.generic {indexing_maps = [#ij, #ik, #kj, #ij], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%s, %as, %b : tensor<30x37xf32>, tensor<30x50xf32, #S>, tensor<50x37xf32>) outs(%x : tensor<30x37xf32>) {
  ^bb0(%vs: f32, %va: f32, %vb: f32, %vx: f32):
    %p = arith.mulf %va, %vb : f32
    %q = arith.mulf %vs, %p : f32
    %t = arith.addf %vx, %q : f32
    linalg.yield %t : f32
  } -> tensor<30x37xf32>
  return %r : tensor<30x37xf32>
}

func.func @dense(%s: tensor<30x37xf32>, %a: tensor<30x50xf32>, %b: tensor<50x37xf32>, %x: tensor<30x37xf32>) -> tensor<30x37xf32> {
  %r = linalg.generic {indexing_maps = [#ij, #ik, #kj, #ij], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%s, %a, %b : tensor<30x37xf32>, tensor<30x50xf32>, tensor<50x37xf32>) outs(%x : tensor<30x37xf32>) {
  ^bb0(%vs: f32, %va: f32, %vb: f32, %vx: f32):
    %p = arith.mulf %va, %vb : f32
    %q = arith.mulf %vs, %p : f32
    %t = arith.addf %vx, %q : f32
    linalg.yield %t : f32
  } -> tensor<30x37xf32>
  return %r : tensor<30x37xf32>
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
  %one = arith.constant 1 : i64
  %four = arith.constant 4 : i64
  scf.for %i = %c0 to %cn step %c1 {
    %density = tensor.extract %densities[%i] : tensor<5xf64>
    %seed0 = arith.index_cast %i : index to i64
    %seed = arith.muli %seed0, %four : i64
    %seed1 = arith.addi %seed, %one : i64
    %seed2 = arith.addi %seed1, %one : i64
    %seed3 = arith.addi %seed2, %one : i64
    %sm = memref.alloc() : memref<30x37xf32>
    %su = memref.cast %sm : memref<30x37xf32> to memref<*xf32>
    func.call @spider_rt_fill_random_f32(%su, %seed, %full, %one, %one, %one, %one) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %s = bufferization.to_tensor %sm restrict : memref<30x37xf32> to tensor<30x37xf32>
    %am = memref.alloc() : memref<30x50xf32>
    %au = memref.cast %am : memref<30x50xf32> to memref<*xf32>
    func.call @spider_rt_fill_random_f32(%au, %seed1, %density, %four, %one, %one, %one) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %a = bufferization.to_tensor %am restrict : memref<30x50xf32> to tensor<30x50xf32>
    %bm = memref.alloc() : memref<50x37xf32>
    %bu = memref.cast %bm : memref<50x37xf32> to memref<*xf32>
    func.call @spider_rt_fill_random_f32(%bu, %seed2, %full, %one, %one, %one, %one) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %b = bufferization.to_tensor %bm restrict : memref<50x37xf32> to tensor<50x37xf32>
    %xm = memref.alloc() : memref<30x37xf32>
    %xu = memref.cast %xm : memref<30x37xf32> to memref<*xf32>
    func.call @spider_rt_fill_random_f32(%xu, %seed3, %full, %one, %one, %one, %one) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %x = bufferization.to_tensor %xm restrict : memref<30x37xf32> to tensor<30x37xf32>
    %got = func.call @sparse(%s, %a, %b, %x) : (tensor<30x37xf32>, tensor<30x50xf32>, tensor<50x37xf32>, tensor<30x37xf32>) -> tensor<30x37xf32>
    %want = func.call @dense(%s, %a, %b, %x) : (tensor<30x37xf32>, tensor<30x50xf32>, tensor<50x37xf32>, tensor<30x37xf32>) -> tensor<30x37xf32>
    %gm = bufferization.to_buffer %got read_only : tensor<30x37xf32> to memref<30x37xf32>
    %wm = bufferization.to_buffer %want read_only : tensor<30x37xf32> to memref<30x37xf32>
    %gu = memref.cast %gm : memref<30x37xf32> to memref<*xf32>
    %wu = memref.cast %wm : memref<30x37xf32> to memref<*xf32>
    %ok = func.call @spider_rt_check_close_f32(%gu, %wu, %tol, %density) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
  }
  return
}
