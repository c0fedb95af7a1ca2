// Generics whose iterator types disagree with their maps, as an upstream
// SparseTensor test writes them: loops labelled `parallel` that the init
// does not index (so they accumulate), and a `reduction` that every init
// indexes. Loops run in order, so each computes what its loop nest spells
// out; spider-cpu-pipeline tiles and vectorizes them as the maps say, and
// stock mlir-opt lowering (convert-linalg-to-loops) must agree with the
// same loop nests. Shapes are not multiples of the tiles.
// RUN: spider-opt %s --spider-cpu-pipeline 2>&1 >/dev/null | FileCheck %s --check-prefix=REMARK
// RUN: spider-opt %s --spider-cpu-pipeline 2>/dev/null | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s
// RUN: %mlir_opt %s --one-shot-bufferize=bufferize-function-boundaries --convert-linalg-to-loops --convert-scf-to-cf --expand-strided-metadata --lower-affine --convert-to-llvm --reconcile-unrealized-casts | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s

// REMARK-COUNT-2: iterator types disagree with the indexing maps: loop 1 is a reduction (labelled parallel); tiled and vectorized as the maps say
// REMARK: iterator types disagree with the indexing maps: loop 0 is a reduction (labelled parallel), loop 1 is a reduction (labelled parallel); tiled and vectorized as the maps say
// REMARK: iterator types disagree with the indexing maps: loop 2 is a reduction (labelled parallel); tiled and vectorized as the maps say
// REMARK: iterator types disagree with the indexing maps: loop 1 is a reduction (labelled parallel); tiled and vectorized as the maps say
// REMARK: kept scalar: the linalg vectorizer cannot vectorize this op
// REMARK: iterator types disagree with the indexing maps: loop 0 is parallel (labelled reduction); tiled and vectorized as the maps say

// Per density (of x, in [4, 4] micro-tiles): the six generics below.
// CHECK-COUNT-6: check 0: max relative error {{.*}} ok
// CHECK-COUNT-6: check 0.5: max relative error {{.*}} ok
// CHECK-COUNT-6: check 1: max relative error {{.*}} ok
// CHECK-NOT: FAILED

#ij = affine_map<(i, j) -> (i, j)>
#i = affine_map<(i, j) -> (i)>
#none = affine_map<(i, j) -> ()>
#ik = affine_map<(i, j, k) -> (i, k)>
#kj = affine_map<(i, j, k) -> (k, j)>
#i3 = affine_map<(i, j, k) -> (i)>
#ij3 = affine_map<(i, j, k) -> (i, j)>

// out(i) += x(i, k) * y(k, j): j is labelled parallel.
func.func @vec_of_products(%x: tensor<37x29xf32>, %y: tensor<29x23xf32>, %o: tensor<37xf32>) -> tensor<37xf32> {
  %r = linalg.generic {indexing_maps = [#ik, #kj, #i3], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %y : tensor<37x29xf32>, tensor<29x23xf32>) outs(%o : tensor<37xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<37xf32>
  return %r : tensor<37xf32>
}

func.func @vec_of_products_loops(%x: tensor<37x29xf32>, %y: tensor<29x23xf32>, %o: tensor<37xf32>) -> tensor<37xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %ni = arith.constant 37 : index
  %nj = arith.constant 23 : index
  %nk = arith.constant 29 : index
  %r = scf.for %i = %c0 to %ni step %c1 iter_args(%out = %o) -> tensor<37xf32> {
    %init = tensor.extract %out[%i] : tensor<37xf32>
    %s = scf.for %j = %c0 to %nj step %c1 iter_args(%acc0 = %init) -> f32 {
      %s1 = scf.for %k = %c0 to %nk step %c1 iter_args(%acc = %acc0) -> f32 {
        %a = tensor.extract %x[%i, %k] : tensor<37x29xf32>
        %b = tensor.extract %y[%k, %j] : tensor<29x23xf32>
        %p = arith.mulf %a, %b : f32
        %q = arith.addf %acc, %p : f32
        scf.yield %q : f32
      }
      scf.yield %s1 : f32
    }
    %n = tensor.insert %s into %out[%i] : tensor<37xf32>
    scf.yield %n : tensor<37xf32>
  }
  return %r : tensor<37xf32>
}

// out(i) += x(i, j), all parallel.
func.func @row_sum(%x: tensor<37x29xf32>, %o: tensor<37xf32>) -> tensor<37xf32> {
  %r = linalg.generic {indexing_maps = [#ij, #i], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<37x29xf32>) outs(%o : tensor<37xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a : f32
    linalg.yield %s : f32
  } -> tensor<37xf32>
  return %r : tensor<37xf32>
}

func.func @row_sum_loops(%x: tensor<37x29xf32>, %o: tensor<37xf32>) -> tensor<37xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %ni = arith.constant 37 : index
  %nj = arith.constant 29 : index
  %r = scf.for %i = %c0 to %ni step %c1 iter_args(%out = %o) -> tensor<37xf32> {
    %init = tensor.extract %out[%i] : tensor<37xf32>
    %s = scf.for %j = %c0 to %nj step %c1 iter_args(%acc = %init) -> f32 {
      %a = tensor.extract %x[%i, %j] : tensor<37x29xf32>
      %q = arith.addf %acc, %a : f32
      scf.yield %q : f32
    }
    %n = tensor.insert %s into %out[%i] : tensor<37xf32>
    scf.yield %n : tensor<37xf32>
  }
  return %r : tensor<37xf32>
}

// out() = max(out(), x(i, j)), all parallel into a 0-d init.
func.func @total_max(%x: tensor<37x29xf32>, %o: tensor<f32>) -> tensor<f32> {
  %r = linalg.generic {indexing_maps = [#ij, #none], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<37x29xf32>) outs(%o : tensor<f32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.maximumf %acc, %a : f32
    linalg.yield %s : f32
  } -> tensor<f32>
  return %r : tensor<f32>
}

func.func @total_max_loops(%x: tensor<37x29xf32>, %o: tensor<f32>) -> tensor<f32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %ni = arith.constant 37 : index
  %nj = arith.constant 29 : index
  %init = tensor.extract %o[] : tensor<f32>
  %s = scf.for %i = %c0 to %ni step %c1 iter_args(%acc0 = %init) -> f32 {
    %s1 = scf.for %j = %c0 to %nj step %c1 iter_args(%acc = %acc0) -> f32 {
      %a = tensor.extract %x[%i, %j] : tensor<37x29xf32>
      %q = arith.maximumf %acc, %a : f32
      scf.yield %q : f32
    }
    scf.yield %s1 : f32
  }
  %r = tensor.from_elements %s : tensor<f32>
  return %r : tensor<f32>
}

// A matmul labelled all parallel.
func.func @matmul(%x: tensor<37x29xf32>, %y: tensor<29x23xf32>, %o: tensor<37x23xf32>) -> tensor<37x23xf32> {
  %r = linalg.generic {indexing_maps = [#ik, #kj, #ij3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x, %y : tensor<37x29xf32>, tensor<29x23xf32>) outs(%o : tensor<37x23xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<37x23xf32>
  return %r : tensor<37x23xf32>
}

func.func @matmul_loops(%x: tensor<37x29xf32>, %y: tensor<29x23xf32>, %o: tensor<37x23xf32>) -> tensor<37x23xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %ni = arith.constant 37 : index
  %nj = arith.constant 23 : index
  %nk = arith.constant 29 : index
  %r = scf.for %i = %c0 to %ni step %c1 iter_args(%out0 = %o) -> tensor<37x23xf32> {
    %r1 = scf.for %j = %c0 to %nj step %c1 iter_args(%out = %out0) -> tensor<37x23xf32> {
      %init = tensor.extract %out[%i, %j] : tensor<37x23xf32>
      %s = scf.for %k = %c0 to %nk step %c1 iter_args(%acc = %init) -> f32 {
        %a = tensor.extract %x[%i, %k] : tensor<37x29xf32>
        %b = tensor.extract %y[%k, %j] : tensor<29x23xf32>
        %p = arith.mulf %a, %b : f32
        %q = arith.addf %acc, %p : f32
        scf.yield %q : f32
      }
      %n = tensor.insert %s into %out[%i, %j] : tensor<37x23xf32>
      scf.yield %n : tensor<37x23xf32>
    }
    scf.yield %r1 : tensor<37x23xf32>
  }
  return %r : tensor<37x23xf32>
}

// out(i) = x(i, j) with j labelled parallel: the last j wins. No combiner,
// so it stays scalar, in order.
func.func @last_wins(%x: tensor<37x29xf32>, %o: tensor<37xf32>) -> tensor<37xf32> {
  %r = linalg.generic {indexing_maps = [#ij, #i], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<37x29xf32>) outs(%o : tensor<37xf32>) {
  ^bb0(%a: f32, %acc: f32):
    linalg.yield %a : f32
  } -> tensor<37xf32>
  return %r : tensor<37xf32>
}

func.func @last_wins_loops(%x: tensor<37x29xf32>, %o: tensor<37xf32>) -> tensor<37xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c28 = arith.constant 28 : index
  %ni = arith.constant 37 : index
  %r = scf.for %i = %c0 to %ni step %c1 iter_args(%out = %o) -> tensor<37xf32> {
    %a = tensor.extract %x[%i, %c28] : tensor<37x29xf32>
    %n = tensor.insert %a into %out[%i] : tensor<37xf32>
    scf.yield %n : tensor<37xf32>
  }
  return %r : tensor<37xf32>
}

// out(i) = 2 * x(i) + out(i) with i labelled reduction.
func.func @scaled(%x: tensor<37xf32>, %o: tensor<37xf32>) -> tensor<37xf32> {
  %two = arith.constant 2.0 : f32
  %r = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["reduction"]}
      ins(%x : tensor<37xf32>) outs(%o : tensor<37xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %p = arith.mulf %a, %two : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<37xf32>
  return %r : tensor<37xf32>
}

func.func @scaled_loops(%x: tensor<37xf32>, %o: tensor<37xf32>) -> tensor<37xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %ni = arith.constant 37 : index
  %two = arith.constant 2.0 : f32
  %r = scf.for %i = %c0 to %ni step %c1 iter_args(%out = %o) -> tensor<37xf32> {
    %a = tensor.extract %x[%i] : tensor<37xf32>
    %acc = tensor.extract %out[%i] : tensor<37xf32>
    %p = arith.mulf %a, %two : f32
    %s = arith.addf %acc, %p : f32
    %n = tensor.insert %s into %out[%i] : tensor<37xf32>
    scf.yield %n : tensor<37xf32>
  }
  return %r : tensor<37xf32>
}

func.func private @spider_rt_fill_random_f32(memref<*xf32>, i64, f64, i64, i64, i64, i64) attributes {llvm.emit_c_interface}
func.func private @spider_rt_check_close_f32(memref<*xf32>, memref<*xf32>, f64, f64) -> i32 attributes {llvm.emit_c_interface}

func.func @fill(%m: memref<*xf32>, %seed: i64, %density: f64, %t: i64) {
  func.call @spider_rt_fill_random_f32(%m, %seed, %density, %t, %t, %t, %t) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
  return
}

func.func @check(%got: memref<*xf32>, %want: memref<*xf32>, %density: f64) {
  %tol = arith.constant 1.0e-5 : f64
  %ok = func.call @spider_rt_check_close_f32(%got, %want, %tol, %density) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
  return
}

func.func @main() {
  %densities = arith.constant dense<[0.0, 0.5, 1.0]> : tensor<3xf64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant 3 : index
  %full = arith.constant 1.0 : f64
  %t1 = arith.constant 1 : i64
  %t4 = arith.constant 4 : i64
  %low = arith.constant dense<-0.75> : tensor<f32>
  scf.for %it = %c0 to %cn step %c1 {
    %density = tensor.extract %densities[%it] : tensor<3xf64>
    %s0 = arith.index_cast %it : index to i64
    %s1 = arith.addi %s0, %t4 : i64
    %s2 = arith.addi %s1, %t4 : i64
    %xm = memref.alloc() : memref<37x29xf32>
    %xu = memref.cast %xm : memref<37x29xf32> to memref<*xf32>
    func.call @fill(%xu, %s0, %density, %t4) : (memref<*xf32>, i64, f64, i64) -> ()
    %x = bufferization.to_tensor %xm restrict : memref<37x29xf32> to tensor<37x29xf32>
    %ym = memref.alloc() : memref<29x23xf32>
    %yu = memref.cast %ym : memref<29x23xf32> to memref<*xf32>
    func.call @fill(%yu, %s1, %full, %t1) : (memref<*xf32>, i64, f64, i64) -> ()
    %y = bufferization.to_tensor %ym restrict : memref<29x23xf32> to tensor<29x23xf32>
    %vm = memref.alloc() : memref<37xf32>
    %vu = memref.cast %vm : memref<37xf32> to memref<*xf32>
    func.call @fill(%vu, %s2, %full, %t1) : (memref<*xf32>, i64, f64, i64) -> ()
    %v = bufferization.to_tensor %vm restrict : memref<37xf32> to tensor<37xf32>
    %om = memref.alloc() : memref<37x23xf32>
    %ou = memref.cast %om : memref<37x23xf32> to memref<*xf32>
    func.call @fill(%ou, %s2, %full, %t1) : (memref<*xf32>, i64, f64, i64) -> ()
    %o = bufferization.to_tensor %om restrict : memref<37x23xf32> to tensor<37x23xf32>
    %xsm = memref.alloc() : memref<37xf32>
    %xsu = memref.cast %xsm : memref<37xf32> to memref<*xf32>
    func.call @fill(%xsu, %s0, %density, %t4) : (memref<*xf32>, i64, f64, i64) -> ()
    %xs = bufferization.to_tensor %xsm restrict : memref<37xf32> to tensor<37xf32>

    %g0 = func.call @vec_of_products(%x, %y, %v) : (tensor<37x29xf32>, tensor<29x23xf32>, tensor<37xf32>) -> tensor<37xf32>
    %e0 = func.call @vec_of_products_loops(%x, %y, %v) : (tensor<37x29xf32>, tensor<29x23xf32>, tensor<37xf32>) -> tensor<37xf32>
    %gm0 = bufferization.to_buffer %g0 read_only : tensor<37xf32> to memref<37xf32>
    %em0 = bufferization.to_buffer %e0 read_only : tensor<37xf32> to memref<37xf32>
    %gu0 = memref.cast %gm0 : memref<37xf32> to memref<*xf32>
    %eu0 = memref.cast %em0 : memref<37xf32> to memref<*xf32>
    func.call @check(%gu0, %eu0, %density) : (memref<*xf32>, memref<*xf32>, f64) -> ()

    %g1 = func.call @row_sum(%x, %v) : (tensor<37x29xf32>, tensor<37xf32>) -> tensor<37xf32>
    %e1 = func.call @row_sum_loops(%x, %v) : (tensor<37x29xf32>, tensor<37xf32>) -> tensor<37xf32>
    %gm1 = bufferization.to_buffer %g1 read_only : tensor<37xf32> to memref<37xf32>
    %em1 = bufferization.to_buffer %e1 read_only : tensor<37xf32> to memref<37xf32>
    %gu1 = memref.cast %gm1 : memref<37xf32> to memref<*xf32>
    %eu1 = memref.cast %em1 : memref<37xf32> to memref<*xf32>
    func.call @check(%gu1, %eu1, %density) : (memref<*xf32>, memref<*xf32>, f64) -> ()

    %g2 = func.call @total_max(%x, %low) : (tensor<37x29xf32>, tensor<f32>) -> tensor<f32>
    %e2 = func.call @total_max_loops(%x, %low) : (tensor<37x29xf32>, tensor<f32>) -> tensor<f32>
    %gm2 = bufferization.to_buffer %g2 read_only : tensor<f32> to memref<f32>
    %em2 = bufferization.to_buffer %e2 read_only : tensor<f32> to memref<f32>
    %gu2 = memref.cast %gm2 : memref<f32> to memref<*xf32>
    %eu2 = memref.cast %em2 : memref<f32> to memref<*xf32>
    func.call @check(%gu2, %eu2, %density) : (memref<*xf32>, memref<*xf32>, f64) -> ()

    %g3 = func.call @matmul(%x, %y, %o) : (tensor<37x29xf32>, tensor<29x23xf32>, tensor<37x23xf32>) -> tensor<37x23xf32>
    %e3 = func.call @matmul_loops(%x, %y, %o) : (tensor<37x29xf32>, tensor<29x23xf32>, tensor<37x23xf32>) -> tensor<37x23xf32>
    %gm3 = bufferization.to_buffer %g3 read_only : tensor<37x23xf32> to memref<37x23xf32>
    %em3 = bufferization.to_buffer %e3 read_only : tensor<37x23xf32> to memref<37x23xf32>
    %gu3 = memref.cast %gm3 : memref<37x23xf32> to memref<*xf32>
    %eu3 = memref.cast %em3 : memref<37x23xf32> to memref<*xf32>
    func.call @check(%gu3, %eu3, %density) : (memref<*xf32>, memref<*xf32>, f64) -> ()

    %g4 = func.call @last_wins(%x, %v) : (tensor<37x29xf32>, tensor<37xf32>) -> tensor<37xf32>
    %e4 = func.call @last_wins_loops(%x, %v) : (tensor<37x29xf32>, tensor<37xf32>) -> tensor<37xf32>
    %gm4 = bufferization.to_buffer %g4 read_only : tensor<37xf32> to memref<37xf32>
    %em4 = bufferization.to_buffer %e4 read_only : tensor<37xf32> to memref<37xf32>
    %gu4 = memref.cast %gm4 : memref<37xf32> to memref<*xf32>
    %eu4 = memref.cast %em4 : memref<37xf32> to memref<*xf32>
    func.call @check(%gu4, %eu4, %density) : (memref<*xf32>, memref<*xf32>, f64) -> ()

    %g5 = func.call @scaled(%xs, %v) : (tensor<37xf32>, tensor<37xf32>) -> tensor<37xf32>
    %e5 = func.call @scaled_loops(%xs, %v) : (tensor<37xf32>, tensor<37xf32>) -> tensor<37xf32>
    %gm5 = bufferization.to_buffer %g5 read_only : tensor<37xf32> to memref<37xf32>
    %em5 = bufferization.to_buffer %e5 read_only : tensor<37xf32> to memref<37xf32>
    %gu5 = memref.cast %gm5 : memref<37xf32> to memref<*xf32>
    %eu5 = memref.cast %em5 : memref<37xf32> to memref<*xf32>
    func.call @check(%gu5, %eu5, %density) : (memref<*xf32>, memref<*xf32>, f64) -> ()
  }
  return
}
