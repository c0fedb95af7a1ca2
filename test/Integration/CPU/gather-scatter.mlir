// SRead and SWrite on their own: the active [32, 1] micro-tiles of A are
// gathered into a tile list and scattered into a zero tensor (none), into
// C (add), and into a -1e30 or +1e30 tensor (max, min). The oracles are
// dense: A, C + A, and A where it is non-zero (active micro-tiles hold no
// zeros in this data), shapes not multiples of the tiles.
// RUN: spider-opt %s --spider-cpu-pipeline | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s

// CHECK: check 0: max relative error {{.*}} ok
// CHECK: check 0: max relative error {{.*}} ok
// CHECK: check 0: max relative error {{.*}} ok
// CHECK: check 0: max relative error {{.*}} ok
// CHECK: check 0.01: max relative error {{.*}} ok
// CHECK: check 0.01: max relative error {{.*}} ok
// CHECK: check 0.01: max relative error {{.*}} ok
// CHECK: check 0.01: max relative error {{.*}} ok
// CHECK: check 0.1: max relative error {{.*}} ok
// CHECK: check 0.1: max relative error {{.*}} ok
// CHECK: check 0.1: max relative error {{.*}} ok
// CHECK: check 0.1: max relative error {{.*}} ok
// CHECK: check 0.5: max relative error {{.*}} ok
// CHECK: check 0.5: max relative error {{.*}} ok
// CHECK: check 0.5: max relative error {{.*}} ok
// CHECK: check 0.5: max relative error {{.*}} ok
// CHECK: check 1: max relative error {{.*}} ok
// CHECK: check 1: max relative error {{.*}} ok
// CHECK: check 1: max relative error {{.*}} ok
// CHECK: check 1: max relative error {{.*}} ok
// CHECK-NOT: FAILED

#id = affine_map<(i, j) -> (i, j)>

func.func @filled(%v: f32) -> tensor<100x70xf32> {
  %e = tensor.empty() : tensor<100x70xf32>
  %f = linalg.fill ins(%v : f32) outs(%e : tensor<100x70xf32>) -> tensor<100x70xf32>
  return %f : tensor<100x70xf32>
}

func.func @sparse(%a: tensor<100x70xf32>, %c: tensor<100x70xf32>) -> (tensor<100x70xf32>, tensor<100x70xf32>, tensor<100x70xf32>, tensor<100x70xf32>) {
  %zero = arith.constant 0.0 : f32
  %low = arith.constant -1.0e30 : f32
  %high = arith.constant 1.0e30 : f32
  %z = func.call @filled(%zero) : (f32) -> tensor<100x70xf32>
  %l = func.call @filled(%low) : (f32) -> tensor<100x70xf32>
  %h = func.call @filled(%high) : (f32) -> tensor<100x70xf32>
  %i = spider.detect %a : tensor<100x70xf32> -> !spider.index<microtile = [32, 1], pack_dim = 1>
  %tiles = spider.gather %a[%i] : tensor<100x70xf32>, !spider.index<microtile = [32, 1], pack_dim = 1> -> tensor<?x32x1xf32>
  %r0 = spider.scatter %tiles into %z[%i] combiner(none) : tensor<?x32x1xf32>, !spider.index<microtile = [32, 1], pack_dim = 1> -> tensor<100x70xf32>
  %r1 = spider.scatter %tiles into %c[%i] combiner(add) : tensor<?x32x1xf32>, !spider.index<microtile = [32, 1], pack_dim = 1> -> tensor<100x70xf32>
  %r2 = spider.scatter %tiles into %l[%i] combiner(max) : tensor<?x32x1xf32>, !spider.index<microtile = [32, 1], pack_dim = 1> -> tensor<100x70xf32>
  %r3 = spider.scatter %tiles into %h[%i] combiner(min) : tensor<?x32x1xf32>, !spider.index<microtile = [32, 1], pack_dim = 1> -> tensor<100x70xf32>
  return %r0, %r1, %r2, %r3 : tensor<100x70xf32>, tensor<100x70xf32>, tensor<100x70xf32>, tensor<100x70xf32>
}

func.func @dense(%a: tensor<100x70xf32>, %c: tensor<100x70xf32>) -> (tensor<100x70xf32>, tensor<100x70xf32>, tensor<100x70xf32>, tensor<100x70xf32>) {
  %zero = arith.constant 0.0 : f32
  %low = arith.constant -1.0e30 : f32
  %high = arith.constant 1.0e30 : f32
  %e = tensor.empty() : tensor<100x70xf32>
  %sum = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a, %c : tensor<100x70xf32>, tensor<100x70xf32>) outs(%e : tensor<100x70xf32>) {
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.addf %y, %x : f32
    linalg.yield %s : f32
  } -> tensor<100x70xf32>
  %mx = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<100x70xf32>) outs(%e : tensor<100x70xf32>) {
  ^bb0(%x: f32, %o: f32):
    %nz = arith.cmpf one, %x, %zero : f32
    %s = arith.select %nz, %x, %low : f32
    linalg.yield %s : f32
  } -> tensor<100x70xf32>
  %mn = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<100x70xf32>) outs(%e : tensor<100x70xf32>) {
  ^bb0(%x: f32, %o: f32):
    %nz = arith.cmpf one, %x, %zero : f32
    %s = arith.select %nz, %x, %high : f32
    linalg.yield %s : f32
  } -> tensor<100x70xf32>
  return %a, %sum, %mx, %mn : tensor<100x70xf32>, tensor<100x70xf32>, tensor<100x70xf32>, tensor<100x70xf32>
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
    %am = memref.alloc() : memref<100x70xf32>
    %au = memref.cast %am : memref<100x70xf32> to memref<*xf32>
    %at0 = arith.constant 32 : i64
    %at1 = arith.constant 1 : i64
    %at2 = arith.constant 1 : i64
    %at3 = arith.constant 1 : i64
    %ak = arith.constant 1 : i64
    %asd = arith.addi %seed16, %ak : i64
    func.call @spider_rt_fill_random_f32(%au, %asd, %density, %at0, %at1, %at2, %at3) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %a = bufferization.to_tensor %am restrict : memref<100x70xf32> to tensor<100x70xf32>
    %cm = memref.alloc() : memref<100x70xf32>
    %cu = memref.cast %cm : memref<100x70xf32> to memref<*xf32>
    %ct0 = arith.constant 1 : i64
    %ct1 = arith.constant 1 : i64
    %ct2 = arith.constant 1 : i64
    %ct3 = arith.constant 1 : i64
    %ck = arith.constant 2 : i64
    %csd = arith.addi %seed16, %ck : i64
    func.call @spider_rt_fill_random_f32(%cu, %csd, %full, %ct0, %ct1, %ct2, %ct3) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %c = bufferization.to_tensor %cm restrict : memref<100x70xf32> to tensor<100x70xf32>
    %got0, %got1, %got2, %got3 = func.call @sparse(%a, %c) : (tensor<100x70xf32>, tensor<100x70xf32>) -> (tensor<100x70xf32>, tensor<100x70xf32>, tensor<100x70xf32>, tensor<100x70xf32>)
    %want0, %want1, %want2, %want3 = func.call @dense(%a, %c) : (tensor<100x70xf32>, tensor<100x70xf32>) -> (tensor<100x70xf32>, tensor<100x70xf32>, tensor<100x70xf32>, tensor<100x70xf32>)
    %gm0 = bufferization.to_buffer %got0 read_only : tensor<100x70xf32> to memref<100x70xf32>
    %wm0 = bufferization.to_buffer %want0 read_only : tensor<100x70xf32> to memref<100x70xf32>
    %gu0 = memref.cast %gm0 : memref<100x70xf32> to memref<*xf32>
    %wu0 = memref.cast %wm0 : memref<100x70xf32> to memref<*xf32>
    %ok0 = func.call @spider_rt_check_close_f32(%gu0, %wu0, %tol, %density) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
    %gm1 = bufferization.to_buffer %got1 read_only : tensor<100x70xf32> to memref<100x70xf32>
    %wm1 = bufferization.to_buffer %want1 read_only : tensor<100x70xf32> to memref<100x70xf32>
    %gu1 = memref.cast %gm1 : memref<100x70xf32> to memref<*xf32>
    %wu1 = memref.cast %wm1 : memref<100x70xf32> to memref<*xf32>
    %ok1 = func.call @spider_rt_check_close_f32(%gu1, %wu1, %tol, %density) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
    %gm2 = bufferization.to_buffer %got2 read_only : tensor<100x70xf32> to memref<100x70xf32>
    %wm2 = bufferization.to_buffer %want2 read_only : tensor<100x70xf32> to memref<100x70xf32>
    %gu2 = memref.cast %gm2 : memref<100x70xf32> to memref<*xf32>
    %wu2 = memref.cast %wm2 : memref<100x70xf32> to memref<*xf32>
    %ok2 = func.call @spider_rt_check_close_f32(%gu2, %wu2, %tol, %density) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
    %gm3 = bufferization.to_buffer %got3 read_only : tensor<100x70xf32> to memref<100x70xf32>
    %wm3 = bufferization.to_buffer %want3 read_only : tensor<100x70xf32> to memref<100x70xf32>
    %gu3 = memref.cast %gm3 : memref<100x70xf32> to memref<*xf32>
    %wu3 = memref.cast %wm3 : memref<100x70xf32> to memref<*xf32>
    %ok3 = func.call @spider_rt_check_close_f32(%gu3, %wu3, %tol, %density) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
  }
  return
}
