// linalg.quantized_matmul with constant zero points, the marked A's being
// zero: (0 - 0) * (b - zb) is 0, so A's zero micro-tiles ([8, 1], packed
// along k) are skipped. i8 data from random non-zero values; 30x50 by 50x20
// is not a multiple of the tiles. The oracle is the same program unmarked;
// the i32 results are compared as f32 (exact at these magnitudes).
// RUN: spider-opt %s --spider-cpu-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --allow-empty
// RUN: spider-opt %s --spider-cpu-pipeline | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s

// REMARK-NOT: lowered densely
// REMARK-NOT: kept dense

// CHECK: check 0: max relative error 0 ok
// CHECK: check 0.1: max relative error 0 ok
// CHECK: check 0.5: max relative error 0 ok
// CHECK: check 1: max relative error 0 ok
// CHECK-NOT: FAILED

#S = #spider.sparse<microtile = [8, 1]>
#id = affine_map<(i, j) -> (i, j)>

func.func @sparse(%a: tensor<30x50xi8>, %b: tensor<50x20xi8>, %c: tensor<30x20xi32>) -> tensor<30x20xi32> {
  %za = arith.constant 0 : i32
  %zb = arith.constant 5 : i32
  %as = spider.assume_sparse %a : tensor<30x50xi8> to tensor<30x50xi8, #S>
  %r = linalg.quantized_matmul ins(%as, %b, %za, %zb : tensor<30x50xi8, #S>, tensor<50x20xi8>, i32, i32)
                               outs(%c : tensor<30x20xi32>) -> tensor<30x20xi32>
  return %r : tensor<30x20xi32>
}

func.func @dense(%a: tensor<30x50xi8>, %b: tensor<50x20xi8>, %c: tensor<30x20xi32>) -> tensor<30x20xi32> {
  %za = arith.constant 0 : i32
  %zb = arith.constant 5 : i32
  %r = linalg.quantized_matmul ins(%a, %b, %za, %zb : tensor<30x50xi8>, tensor<50x20xi8>, i32, i32)
                               outs(%c : tensor<30x20xi32>) -> tensor<30x20xi32>
  return %r : tensor<30x20xi32>
}

// Values in [0.5, 1.5) of either sign, scaled to i8 in (-60, 60), never 0
// where the data is not.
func.func @to_i8(%x: tensor<?x?xf32>) -> tensor<?x?xi8> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = tensor.dim %x, %c0 : tensor<?x?xf32>
  %n = tensor.dim %x, %c1 : tensor<?x?xf32>
  %scale = arith.constant 40.0 : f32
  %e = tensor.empty(%m, %n) : tensor<?x?xi8>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<?x?xf32>) outs(%e : tensor<?x?xi8>) {
  ^bb0(%v: f32, %o: i8):
    %s = arith.mulf %v, %scale : f32
    %q = arith.fptosi %s : f32 to i8
    linalg.yield %q : i8
  } -> tensor<?x?xi8>
  return %r : tensor<?x?xi8>
}

func.func @to_f32(%x: tensor<30x20xi32>) -> tensor<30x20xf32> {
  %e = tensor.empty() : tensor<30x20xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<30x20xi32>) outs(%e : tensor<30x20xf32>) {
  ^bb0(%v: i32, %o: f32):
    %f = arith.sitofp %v : i32 to f32
    linalg.yield %f : f32
  } -> tensor<30x20xf32>
  return %r : tensor<30x20xf32>
}

func.func private @spider_rt_fill_random_f32(memref<*xf32>, i64, f64, i64, i64, i64, i64) attributes {llvm.emit_c_interface}
func.func private @spider_rt_check_close_f32(memref<*xf32>, memref<*xf32>, f64, f64) -> i32 attributes {llvm.emit_c_interface}

func.func @main() {
  %densities = arith.constant dense<[0.0, 0.1, 0.5, 1.0]> : tensor<4xf64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant 4 : index
  %full = arith.constant 1.0 : f64
  %tol = arith.constant 0.0 : f64
  %i1 = arith.constant 1 : i64
  %i8 = arith.constant 8 : i64
  %zero = arith.constant 0 : i32
  scf.for %i = %c0 to %cn step %c1 {
    %density = tensor.extract %densities[%i] : tensor<4xf64>
    %seed0 = arith.index_cast %i : index to i64
    %seed = arith.muli %seed0, %i8 : i64
    %s1 = arith.addi %seed, %i1 : i64
    %s2 = arith.addi %s1, %i1 : i64
    %am = memref.alloc() : memref<30x50xf32>
    %au = memref.cast %am : memref<30x50xf32> to memref<*xf32>
    func.call @spider_rt_fill_random_f32(%au, %s1, %density, %i8, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %af = bufferization.to_tensor %am restrict : memref<30x50xf32> to tensor<30x50xf32>
    %afd = tensor.cast %af : tensor<30x50xf32> to tensor<?x?xf32>
    %ad = func.call @to_i8(%afd) : (tensor<?x?xf32>) -> tensor<?x?xi8>
    %a = tensor.cast %ad : tensor<?x?xi8> to tensor<30x50xi8>
    %bm = memref.alloc() : memref<50x20xf32>
    %bu = memref.cast %bm : memref<50x20xf32> to memref<*xf32>
    func.call @spider_rt_fill_random_f32(%bu, %s2, %full, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %bf = bufferization.to_tensor %bm restrict : memref<50x20xf32> to tensor<50x20xf32>
    %bfd = tensor.cast %bf : tensor<50x20xf32> to tensor<?x?xf32>
    %bd = func.call @to_i8(%bfd) : (tensor<?x?xf32>) -> tensor<?x?xi8>
    %b = tensor.cast %bd : tensor<?x?xi8> to tensor<50x20xi8>
    %ce = tensor.empty() : tensor<30x20xi32>
    %c = linalg.fill ins(%zero : i32) outs(%ce : tensor<30x20xi32>) -> tensor<30x20xi32>

    %got = func.call @sparse(%a, %b, %c) : (tensor<30x50xi8>, tensor<50x20xi8>, tensor<30x20xi32>) -> tensor<30x20xi32>
    %want = func.call @dense(%a, %b, %c) : (tensor<30x50xi8>, tensor<50x20xi8>, tensor<30x20xi32>) -> tensor<30x20xi32>
    %gf = func.call @to_f32(%got) : (tensor<30x20xi32>) -> tensor<30x20xf32>
    %wf = func.call @to_f32(%want) : (tensor<30x20xi32>) -> tensor<30x20xf32>
    %gm = bufferization.to_buffer %gf read_only : tensor<30x20xf32> to memref<30x20xf32>
    %wm = bufferization.to_buffer %wf read_only : tensor<30x20xf32> to memref<30x20xf32>
    %gu = memref.cast %gm : memref<30x20xf32> to memref<*xf32>
    %wu = memref.cast %wm : memref<30x20xf32> to memref<*xf32>
    %ok = func.call @spider_rt_check_close_f32(%gu, %wu, %tol, %density) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
  }
  return
}
