// Reductions of a whole vector into a 0-d init, with every combiner the
// vectorizer knows (f32: add, mul, maximum, minimum, maxnum, minnum; i32:
// add, mul, and, or, xor, signed and unsigned max and min), unmarked, on 37
// elements (not a multiple of the 16 lanes) from inits that are not the
// combiner's neutral element, each against the loop that spells it out.
// Run through spider-cpu-pipeline and through stock mlir-opt lowering.
// RUN: spider-opt %s --spider-cpu-pipeline | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s
// RUN: %mlir_opt %s --one-shot-bufferize=bufferize-function-boundaries --convert-linalg-to-loops --convert-scf-to-cf --expand-strided-metadata --lower-affine --convert-to-llvm --reconcile-unrealized-casts | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s

// Per density (of the data, in [4] micro-tiles), one line per combiner.
// CHECK-COUNT-15: check 0: max relative error {{.*}} ok
// CHECK-COUNT-15: check 0.1: max relative error {{.*}} ok
// CHECK-COUNT-15: check 0.5: max relative error {{.*}} ok
// CHECK-COUNT-15: check 1: max relative error {{.*}} ok
// CHECK-NOT: FAILED

#all = affine_map<(i) -> (i)>
#none = affine_map<(i) -> ()>

func.func @addf(%x: tensor<37xf32>) -> f32 {
  %init = arith.constant dense<0.25> : tensor<f32>
  %r = linalg.generic {indexing_maps = [#all, #none], iterator_types = ["reduction"]}
      ins(%x : tensor<37xf32>) outs(%init : tensor<f32>) {
  ^bb0(%in: f32, %acc: f32):
    %c = arith.addf %acc, %in : f32
    linalg.yield %c : f32
  } -> tensor<f32>
  %s = tensor.extract %r[] : tensor<f32>
  return %s : f32
}

func.func @mulf(%x: tensor<37xf32>) -> f32 {
  %init = arith.constant dense<2.0> : tensor<f32>
  %r = linalg.generic {indexing_maps = [#all, #none], iterator_types = ["reduction"]}
      ins(%x : tensor<37xf32>) outs(%init : tensor<f32>) {
  ^bb0(%in: f32, %acc: f32):
    %c = arith.mulf %acc, %in : f32
    linalg.yield %c : f32
  } -> tensor<f32>
  %s = tensor.extract %r[] : tensor<f32>
  return %s : f32
}

func.func @maximumf(%x: tensor<37xf32>) -> f32 {
  %init = arith.constant dense<-0.75> : tensor<f32>
  %r = linalg.generic {indexing_maps = [#all, #none], iterator_types = ["reduction"]}
      ins(%x : tensor<37xf32>) outs(%init : tensor<f32>) {
  ^bb0(%in: f32, %acc: f32):
    %c = arith.maximumf %acc, %in : f32
    linalg.yield %c : f32
  } -> tensor<f32>
  %s = tensor.extract %r[] : tensor<f32>
  return %s : f32
}

func.func @minimumf(%x: tensor<37xf32>) -> f32 {
  %init = arith.constant dense<0.75> : tensor<f32>
  %r = linalg.generic {indexing_maps = [#all, #none], iterator_types = ["reduction"]}
      ins(%x : tensor<37xf32>) outs(%init : tensor<f32>) {
  ^bb0(%in: f32, %acc: f32):
    %c = arith.minimumf %acc, %in : f32
    linalg.yield %c : f32
  } -> tensor<f32>
  %s = tensor.extract %r[] : tensor<f32>
  return %s : f32
}

func.func @maxnumf(%x: tensor<37xf32>) -> f32 {
  %init = arith.constant dense<-0.75> : tensor<f32>
  %r = linalg.generic {indexing_maps = [#all, #none], iterator_types = ["reduction"]}
      ins(%x : tensor<37xf32>) outs(%init : tensor<f32>) {
  ^bb0(%in: f32, %acc: f32):
    %c = arith.maxnumf %acc, %in : f32
    linalg.yield %c : f32
  } -> tensor<f32>
  %s = tensor.extract %r[] : tensor<f32>
  return %s : f32
}

func.func @minnumf(%x: tensor<37xf32>) -> f32 {
  %init = arith.constant dense<0.75> : tensor<f32>
  %r = linalg.generic {indexing_maps = [#all, #none], iterator_types = ["reduction"]}
      ins(%x : tensor<37xf32>) outs(%init : tensor<f32>) {
  ^bb0(%in: f32, %acc: f32):
    %c = arith.minnumf %acc, %in : f32
    linalg.yield %c : f32
  } -> tensor<f32>
  %s = tensor.extract %r[] : tensor<f32>
  return %s : f32
}

func.func @addi(%x: tensor<37xi32>) -> i32 {
  %init = arith.constant dense<3> : tensor<i32>
  %r = linalg.generic {indexing_maps = [#all, #none], iterator_types = ["reduction"]}
      ins(%x : tensor<37xi32>) outs(%init : tensor<i32>) {
  ^bb0(%in: i32, %acc: i32):
    %c = arith.addi %acc, %in : i32
    linalg.yield %c : i32
  } -> tensor<i32>
  %s = tensor.extract %r[] : tensor<i32>
  return %s : i32
}

func.func @muli(%x: tensor<37xi32>) -> i32 {
  %init = arith.constant dense<3> : tensor<i32>
  %r = linalg.generic {indexing_maps = [#all, #none], iterator_types = ["reduction"]}
      ins(%x : tensor<37xi32>) outs(%init : tensor<i32>) {
  ^bb0(%in: i32, %acc: i32):
    %c = arith.muli %acc, %in : i32
    linalg.yield %c : i32
  } -> tensor<i32>
  %s = tensor.extract %r[] : tensor<i32>
  return %s : i32
}

func.func @andi(%x: tensor<37xi32>) -> i32 {
  %init = arith.constant dense<2147483639> : tensor<i32>
  %r = linalg.generic {indexing_maps = [#all, #none], iterator_types = ["reduction"]}
      ins(%x : tensor<37xi32>) outs(%init : tensor<i32>) {
  ^bb0(%in: i32, %acc: i32):
    %c = arith.andi %acc, %in : i32
    linalg.yield %c : i32
  } -> tensor<i32>
  %s = tensor.extract %r[] : tensor<i32>
  return %s : i32
}

func.func @ori(%x: tensor<37xi32>) -> i32 {
  %init = arith.constant dense<8> : tensor<i32>
  %r = linalg.generic {indexing_maps = [#all, #none], iterator_types = ["reduction"]}
      ins(%x : tensor<37xi32>) outs(%init : tensor<i32>) {
  ^bb0(%in: i32, %acc: i32):
    %c = arith.ori %acc, %in : i32
    linalg.yield %c : i32
  } -> tensor<i32>
  %s = tensor.extract %r[] : tensor<i32>
  return %s : i32
}

func.func @xori(%x: tensor<37xi32>) -> i32 {
  %init = arith.constant dense<5> : tensor<i32>
  %r = linalg.generic {indexing_maps = [#all, #none], iterator_types = ["reduction"]}
      ins(%x : tensor<37xi32>) outs(%init : tensor<i32>) {
  ^bb0(%in: i32, %acc: i32):
    %c = arith.xori %acc, %in : i32
    linalg.yield %c : i32
  } -> tensor<i32>
  %s = tensor.extract %r[] : tensor<i32>
  return %s : i32
}

func.func @maxsi(%x: tensor<37xi32>) -> i32 {
  %init = arith.constant dense<-3> : tensor<i32>
  %r = linalg.generic {indexing_maps = [#all, #none], iterator_types = ["reduction"]}
      ins(%x : tensor<37xi32>) outs(%init : tensor<i32>) {
  ^bb0(%in: i32, %acc: i32):
    %c = arith.maxsi %acc, %in : i32
    linalg.yield %c : i32
  } -> tensor<i32>
  %s = tensor.extract %r[] : tensor<i32>
  return %s : i32
}

func.func @minsi(%x: tensor<37xi32>) -> i32 {
  %init = arith.constant dense<3> : tensor<i32>
  %r = linalg.generic {indexing_maps = [#all, #none], iterator_types = ["reduction"]}
      ins(%x : tensor<37xi32>) outs(%init : tensor<i32>) {
  ^bb0(%in: i32, %acc: i32):
    %c = arith.minsi %acc, %in : i32
    linalg.yield %c : i32
  } -> tensor<i32>
  %s = tensor.extract %r[] : tensor<i32>
  return %s : i32
}

func.func @maxui(%x: tensor<37xi32>) -> i32 {
  %init = arith.constant dense<2> : tensor<i32>
  %r = linalg.generic {indexing_maps = [#all, #none], iterator_types = ["reduction"]}
      ins(%x : tensor<37xi32>) outs(%init : tensor<i32>) {
  ^bb0(%in: i32, %acc: i32):
    %c = arith.maxui %acc, %in : i32
    linalg.yield %c : i32
  } -> tensor<i32>
  %s = tensor.extract %r[] : tensor<i32>
  return %s : i32
}

func.func @minui(%x: tensor<37xi32>) -> i32 {
  %init = arith.constant dense<-16> : tensor<i32>
  %r = linalg.generic {indexing_maps = [#all, #none], iterator_types = ["reduction"]}
      ins(%x : tensor<37xi32>) outs(%init : tensor<i32>) {
  ^bb0(%in: i32, %acc: i32):
    %c = arith.minui %acc, %in : i32
    linalg.yield %c : i32
  } -> tensor<i32>
  %s = tensor.extract %r[] : tensor<i32>
  return %s : i32
}

// The oracle: one loop, every combiner in its own accumulator.
func.func @loops(%x: tensor<37xf32>, %xi: tensor<37xi32>) -> (f32, f32, f32, f32, f32, f32, i32, i32, i32, i32, i32, i32, i32, i32, i32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 37 : index
  %i0 = arith.constant 0.25 : f32
  %i1 = arith.constant 2.0 : f32
  %i2 = arith.constant -0.75 : f32
  %i3 = arith.constant 0.75 : f32
  %i4 = arith.constant -0.75 : f32
  %i5 = arith.constant 0.75 : f32
  %i6 = arith.constant 3 : i32
  %i7 = arith.constant 3 : i32
  %i8 = arith.constant 2147483639 : i32
  %i9 = arith.constant 8 : i32
  %i10 = arith.constant 5 : i32
  %i11 = arith.constant -3 : i32
  %i12 = arith.constant 3 : i32
  %i13 = arith.constant 2 : i32
  %i14 = arith.constant -16 : i32
  %r:15 = scf.for %k = %c0 to %n step %c1 iter_args(%a0 = %i0, %a1 = %i1, %a2 = %i2, %a3 = %i3, %a4 = %i4, %a5 = %i5, %a6 = %i6, %a7 = %i7, %a8 = %i8, %a9 = %i9, %a10 = %i10, %a11 = %i11, %a12 = %i12, %a13 = %i13, %a14 = %i14) -> (f32, f32, f32, f32, f32, f32, i32, i32, i32, i32, i32, i32, i32, i32, i32) {
    %f = tensor.extract %x[%k] : tensor<37xf32>
    %g = tensor.extract %xi[%k] : tensor<37xi32>
    %b0 = arith.addf %a0, %f : f32
    %b1 = arith.mulf %a1, %f : f32
    %b2 = arith.maximumf %a2, %f : f32
    %b3 = arith.minimumf %a3, %f : f32
    %b4 = arith.maxnumf %a4, %f : f32
    %b5 = arith.minnumf %a5, %f : f32
    %b6 = arith.addi %a6, %g : i32
    %b7 = arith.muli %a7, %g : i32
    %b8 = arith.andi %a8, %g : i32
    %b9 = arith.ori %a9, %g : i32
    %b10 = arith.xori %a10, %g : i32
    %b11 = arith.maxsi %a11, %g : i32
    %b12 = arith.minsi %a12, %g : i32
    %b13 = arith.maxui %a13, %g : i32
    %b14 = arith.minui %a14, %g : i32
    scf.yield %b0, %b1, %b2, %b3, %b4, %b5, %b6, %b7, %b8, %b9, %b10, %b11, %b12, %b13, %b14 : f32, f32, f32, f32, f32, f32, i32, i32, i32, i32, i32, i32, i32, i32, i32
  }
  return %r#0, %r#1, %r#2, %r#3, %r#4, %r#5, %r#6, %r#7, %r#8, %r#9, %r#10, %r#11, %r#12, %r#13, %r#14 : f32, f32, f32, f32, f32, f32, i32, i32, i32, i32, i32, i32, i32, i32, i32
}

func.func private @spider_rt_fill_random_f32(memref<*xf32>, i64, f64, i64, i64, i64, i64) attributes {llvm.emit_c_interface}
func.func private @spider_rt_check_close_f32(memref<*xf32>, memref<*xf32>, f64, f64) -> i32 attributes {llvm.emit_c_interface}

func.func @check(%got: f32, %want: f32, %density: f64) {
  %tol = arith.constant 1.0e-5 : f64
  %gm = memref.alloca() : memref<f32>
  %wm = memref.alloca() : memref<f32>
  memref.store %got, %gm[] : memref<f32>
  memref.store %want, %wm[] : memref<f32>
  %gu = memref.cast %gm : memref<f32> to memref<*xf32>
  %wu = memref.cast %wm : memref<f32> to memref<*xf32>
  %ok = func.call @spider_rt_check_close_f32(%gu, %wu, %tol, %density) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
  return
}

// Integers compare exactly: the error printed is 0 when they are equal and
// 1 otherwise.
func.func @check_int(%got: i32, %want: i32, %density: f64) {
  %same = arith.cmpi eq, %got, %want : i32
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %g = arith.select %same, %zero, %one : f32
  func.call @check(%g, %zero, %density) : (f32, f32, f64) -> ()
  return
}

func.func @main() {
  %densities = arith.constant dense<[0.0, 0.1, 0.5, 1.0]> : tensor<4xf64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant 4 : index
  %t1 = arith.constant 1 : i64
  %t4 = arith.constant 4 : i64
  %eight = arith.constant 8.0 : f32
  scf.for %it = %c0 to %cn step %c1 {
    %density = tensor.extract %densities[%it] : tensor<4xf64>
    %seed = arith.index_cast %it : index to i64
    %xm = memref.alloc() : memref<37xf32>
    %xu = memref.cast %xm : memref<37xf32> to memref<*xf32>
    func.call @spider_rt_fill_random_f32(%xu, %seed, %density, %t4, %t1, %t1, %t1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %x = bufferization.to_tensor %xm restrict : memref<37xf32> to tensor<37xf32>
    // Integers in +-[4, 12), zero where x is.
    %e = tensor.empty() : tensor<37xi32>
    %xi = linalg.generic {indexing_maps = [#all, #all], iterator_types = ["parallel"]}
        ins(%x : tensor<37xf32>) outs(%e : tensor<37xi32>) {
    ^bb0(%in: f32, %out: i32):
      %s = arith.mulf %in, %eight : f32
      %i = arith.fptosi %s : f32 to i32
      linalg.yield %i : i32
    } -> tensor<37xi32>
    %w:15 = func.call @loops(%x, %xi) : (tensor<37xf32>, tensor<37xi32>) -> (f32, f32, f32, f32, f32, f32, i32, i32, i32, i32, i32, i32, i32, i32, i32)
    %g0 = func.call @addf(%x) : (tensor<37xf32>) -> f32
    func.call @check(%g0, %w#0, %density) : (f32, f32, f64) -> ()
    %g1 = func.call @mulf(%x) : (tensor<37xf32>) -> f32
    func.call @check(%g1, %w#1, %density) : (f32, f32, f64) -> ()
    %g2 = func.call @maximumf(%x) : (tensor<37xf32>) -> f32
    func.call @check(%g2, %w#2, %density) : (f32, f32, f64) -> ()
    %g3 = func.call @minimumf(%x) : (tensor<37xf32>) -> f32
    func.call @check(%g3, %w#3, %density) : (f32, f32, f64) -> ()
    %g4 = func.call @maxnumf(%x) : (tensor<37xf32>) -> f32
    func.call @check(%g4, %w#4, %density) : (f32, f32, f64) -> ()
    %g5 = func.call @minnumf(%x) : (tensor<37xf32>) -> f32
    func.call @check(%g5, %w#5, %density) : (f32, f32, f64) -> ()
    %g6 = func.call @addi(%xi) : (tensor<37xi32>) -> i32
    func.call @check_int(%g6, %w#6, %density) : (i32, i32, f64) -> ()
    %g7 = func.call @muli(%xi) : (tensor<37xi32>) -> i32
    func.call @check_int(%g7, %w#7, %density) : (i32, i32, f64) -> ()
    %g8 = func.call @andi(%xi) : (tensor<37xi32>) -> i32
    func.call @check_int(%g8, %w#8, %density) : (i32, i32, f64) -> ()
    %g9 = func.call @ori(%xi) : (tensor<37xi32>) -> i32
    func.call @check_int(%g9, %w#9, %density) : (i32, i32, f64) -> ()
    %g10 = func.call @xori(%xi) : (tensor<37xi32>) -> i32
    func.call @check_int(%g10, %w#10, %density) : (i32, i32, f64) -> ()
    %g11 = func.call @maxsi(%xi) : (tensor<37xi32>) -> i32
    func.call @check_int(%g11, %w#11, %density) : (i32, i32, f64) -> ()
    %g12 = func.call @minsi(%xi) : (tensor<37xi32>) -> i32
    func.call @check_int(%g12, %w#12, %density) : (i32, i32, f64) -> ()
    %g13 = func.call @maxui(%xi) : (tensor<37xi32>) -> i32
    func.call @check_int(%g13, %w#13, %density) : (i32, i32, f64) -> ()
    %g14 = func.call @minui(%xi) : (tensor<37xi32>) -> i32
    func.call @check_int(%g14, %w#14, %density) : (i32, i32, f64) -> ()
  }
  return
}
