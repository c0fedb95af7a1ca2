// Contractions without an m, an n or both, with a sparse operand: linalg.dot
// into a 0-d accumulator, matvec, vecmat, batch_matvec and
// batch_reduce_matmul, and a generic that labels `parallel` a loop its init
// does not index. Random non-zero data in micro-tiles at densities 0 to 1,
// shapes that are not multiples of the tiles; the oracle is the same
// program unmarked.
// RUN: spider-opt %s --spider-cpu-pipeline 2>/dev/null | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s

// CHECK-COUNT-6: check 0: max relative error {{.*}} ok
// CHECK-COUNT-6: check 0.1: max relative error {{.*}} ok
// CHECK-COUNT-6: check 0.5: max relative error {{.*}} ok
// CHECK-COUNT-6: check 1: max relative error {{.*}} ok
// CHECK-NOT: FAILED

func.func @dot_sparse(%a: tensor<37xf32>, %b: tensor<37xf32>, %c: tensor<f32>) -> tensor<f32> {
  %as = spider.assume_sparse %a : tensor<37xf32> to tensor<37xf32, #spider.sparse<microtile = [8]>>
  %r = linalg.dot ins(%as, %b : tensor<37xf32, #spider.sparse<microtile = [8]>>, tensor<37xf32>) outs(%c : tensor<f32>) -> tensor<f32>
  return %r : tensor<f32>
}

func.func @dot_dense(%a: tensor<37xf32>, %b: tensor<37xf32>, %c: tensor<f32>) -> tensor<f32> {
  %r = linalg.dot ins(%a, %b : tensor<37xf32>, tensor<37xf32>) outs(%c : tensor<f32>) -> tensor<f32>
  return %r : tensor<f32>
}

func.func @matvec_sparse(%a: tensor<37x29xf32>, %b: tensor<29xf32>, %c: tensor<37xf32>) -> tensor<37xf32> {
  %as = spider.assume_sparse %a : tensor<37x29xf32> to tensor<37x29xf32, #spider.sparse<microtile = [1, 8]>>
  %r = linalg.matvec ins(%as, %b : tensor<37x29xf32, #spider.sparse<microtile = [1, 8]>>, tensor<29xf32>) outs(%c : tensor<37xf32>) -> tensor<37xf32>
  return %r : tensor<37xf32>
}

func.func @matvec_dense(%a: tensor<37x29xf32>, %b: tensor<29xf32>, %c: tensor<37xf32>) -> tensor<37xf32> {
  %r = linalg.matvec ins(%a, %b : tensor<37x29xf32>, tensor<29xf32>) outs(%c : tensor<37xf32>) -> tensor<37xf32>
  return %r : tensor<37xf32>
}

func.func @vecmat_sparse(%a: tensor<29xf32>, %b: tensor<29x37xf32>, %c: tensor<37xf32>) -> tensor<37xf32> {
  %as = spider.assume_sparse %a : tensor<29xf32> to tensor<29xf32, #spider.sparse<microtile = [4]>>
  %r = linalg.vecmat ins(%as, %b : tensor<29xf32, #spider.sparse<microtile = [4]>>, tensor<29x37xf32>) outs(%c : tensor<37xf32>) -> tensor<37xf32>
  return %r : tensor<37xf32>
}

func.func @vecmat_dense(%a: tensor<29xf32>, %b: tensor<29x37xf32>, %c: tensor<37xf32>) -> tensor<37xf32> {
  %r = linalg.vecmat ins(%a, %b : tensor<29xf32>, tensor<29x37xf32>) outs(%c : tensor<37xf32>) -> tensor<37xf32>
  return %r : tensor<37xf32>
}

func.func @batch_matvec_sparse(%a: tensor<3x37x29xf32>, %b: tensor<3x29xf32>, %c: tensor<3x37xf32>) -> tensor<3x37xf32> {
  %as = spider.assume_sparse %a : tensor<3x37x29xf32> to tensor<3x37x29xf32, #spider.sparse<microtile = [1, 4, 1]>>
  %r = linalg.batch_matvec ins(%as, %b : tensor<3x37x29xf32, #spider.sparse<microtile = [1, 4, 1]>>, tensor<3x29xf32>) outs(%c : tensor<3x37xf32>) -> tensor<3x37xf32>
  return %r : tensor<3x37xf32>
}

func.func @batch_matvec_dense(%a: tensor<3x37x29xf32>, %b: tensor<3x29xf32>, %c: tensor<3x37xf32>) -> tensor<3x37xf32> {
  %r = linalg.batch_matvec ins(%a, %b : tensor<3x37x29xf32>, tensor<3x29xf32>) outs(%c : tensor<3x37xf32>) -> tensor<3x37xf32>
  return %r : tensor<3x37xf32>
}

func.func @batch_reduce_matmul_sparse(%a: tensor<3x37x29xf32>, %b: tensor<3x29x19xf32>, %c: tensor<37x19xf32>) -> tensor<37x19xf32> {
  %as = spider.assume_sparse %a : tensor<3x37x29xf32> to tensor<3x37x29xf32, #spider.sparse<microtile = [1, 1, 8]>>
  %r = linalg.batch_reduce_matmul ins(%as, %b : tensor<3x37x29xf32, #spider.sparse<microtile = [1, 1, 8]>>, tensor<3x29x19xf32>) outs(%c : tensor<37x19xf32>) -> tensor<37x19xf32>
  return %r : tensor<37x19xf32>
}

func.func @batch_reduce_matmul_dense(%a: tensor<3x37x29xf32>, %b: tensor<3x29x19xf32>, %c: tensor<37x19xf32>) -> tensor<37x19xf32> {
  %r = linalg.batch_reduce_matmul ins(%a, %b : tensor<3x37x29xf32>, tensor<3x29x19xf32>) outs(%c : tensor<37x19xf32>) -> tensor<37x19xf32>
  return %r : tensor<37x19xf32>
}

// out(i) += x(i, k) * y(k, j) with j labelled parallel, x sparse in [1, 8].
#ik = affine_map<(i, j, k) -> (i, k)>
#kj = affine_map<(i, j, k) -> (k, j)>
#i = affine_map<(i, j, k) -> (i)>
#R = #spider.sparse<microtile = [1, 8]>

func.func @mislabelled_sparse(%x: tensor<37x29xf32>, %y: tensor<29x19xf32>, %o: tensor<37xf32>) -> tensor<37xf32> {
  %xs = spider.assume_sparse %x : tensor<37x29xf32> to tensor<37x29xf32, #R>
  %r = linalg.generic {indexing_maps = [#ik, #kj, #i], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%xs, %y : tensor<37x29xf32, #R>, tensor<29x19xf32>) outs(%o : tensor<37xf32>) {
  ^bb0(%va: f32, %vb: f32, %acc: f32):
    %p = arith.mulf %va, %vb : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<37xf32>
  return %r : tensor<37xf32>
}

func.func @mislabelled_dense(%x: tensor<37x29xf32>, %y: tensor<29x19xf32>, %o: tensor<37xf32>) -> tensor<37xf32> {
  %r = linalg.generic {indexing_maps = [#ik, #kj, #i], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %y : tensor<37x29xf32>, tensor<29x19xf32>) outs(%o : tensor<37xf32>) {
  ^bb0(%va: f32, %vb: f32, %acc: f32):
    %p = arith.mulf %va, %vb : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<37xf32>
  return %r : tensor<37xf32>
}

func.func private @spider_rt_fill_random_f32(memref<*xf32>, i64, f64, i64, i64, i64, i64) attributes {llvm.emit_c_interface}
func.func private @spider_rt_check_close_f32(memref<*xf32>, memref<*xf32>, f64, f64) -> i32 attributes {llvm.emit_c_interface}

// Random non-zero values in [t, t, t, t] micro-tiles active with `density`.
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
  %densities = arith.constant dense<[0.0, 0.1, 0.5, 1.0]> : tensor<4xf64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant 4 : index
  %full = arith.constant 1.0 : f64
  %t1 = arith.constant 1 : i64
  %t4 = arith.constant 4 : i64
  %t8 = arith.constant 8 : i64
  %init0 = arith.constant dense<0.25> : tensor<f32>
  scf.for %it = %c0 to %cn step %c1 {
    %density = tensor.extract %densities[%it] : tensor<4xf64>
    %s0 = arith.index_cast %it : index to i64
    %s1 = arith.addi %s0, %t4 : i64
    %s2 = arith.addi %s1, %t4 : i64

    // dot
    %a0m = memref.alloc() : memref<37xf32>
    %a0u = memref.cast %a0m : memref<37xf32> to memref<*xf32>
    func.call @fill(%a0u, %s0, %density, %t8) : (memref<*xf32>, i64, f64, i64) -> ()
    %a0 = bufferization.to_tensor %a0m restrict : memref<37xf32> to tensor<37xf32>
    %b0m = memref.alloc() : memref<37xf32>
    %b0u = memref.cast %b0m : memref<37xf32> to memref<*xf32>
    func.call @fill(%b0u, %s1, %full, %t1) : (memref<*xf32>, i64, f64, i64) -> ()
    %b0 = bufferization.to_tensor %b0m restrict : memref<37xf32> to tensor<37xf32>
    %g0 = func.call @dot_sparse(%a0, %b0, %init0) : (tensor<37xf32>, tensor<37xf32>, tensor<f32>) -> tensor<f32>
    %e0 = func.call @dot_dense(%a0, %b0, %init0) : (tensor<37xf32>, tensor<37xf32>, tensor<f32>) -> tensor<f32>
    %gm0 = bufferization.to_buffer %g0 read_only : tensor<f32> to memref<f32>
    %em0 = bufferization.to_buffer %e0 read_only : tensor<f32> to memref<f32>
    %gu0 = memref.cast %gm0 : memref<f32> to memref<*xf32>
    %eu0 = memref.cast %em0 : memref<f32> to memref<*xf32>
    func.call @check(%gu0, %eu0, %density) : (memref<*xf32>, memref<*xf32>, f64) -> ()

    // matvec
    %a1m = memref.alloc() : memref<37x29xf32>
    %a1u = memref.cast %a1m : memref<37x29xf32> to memref<*xf32>
    func.call @fill(%a1u, %s0, %density, %t8) : (memref<*xf32>, i64, f64, i64) -> ()
    %a1 = bufferization.to_tensor %a1m restrict : memref<37x29xf32> to tensor<37x29xf32>
    %b1m = memref.alloc() : memref<29xf32>
    %b1u = memref.cast %b1m : memref<29xf32> to memref<*xf32>
    func.call @fill(%b1u, %s1, %full, %t1) : (memref<*xf32>, i64, f64, i64) -> ()
    %b1 = bufferization.to_tensor %b1m restrict : memref<29xf32> to tensor<29xf32>
    %cc1m = memref.alloc() : memref<37xf32>
    %cc1u = memref.cast %cc1m : memref<37xf32> to memref<*xf32>
    func.call @fill(%cc1u, %s2, %full, %t1) : (memref<*xf32>, i64, f64, i64) -> ()
    %cc1 = bufferization.to_tensor %cc1m restrict : memref<37xf32> to tensor<37xf32>
    %g1 = func.call @matvec_sparse(%a1, %b1, %cc1) : (tensor<37x29xf32>, tensor<29xf32>, tensor<37xf32>) -> tensor<37xf32>
    %e1 = func.call @matvec_dense(%a1, %b1, %cc1) : (tensor<37x29xf32>, tensor<29xf32>, tensor<37xf32>) -> tensor<37xf32>
    %gm1 = bufferization.to_buffer %g1 read_only : tensor<37xf32> to memref<37xf32>
    %em1 = bufferization.to_buffer %e1 read_only : tensor<37xf32> to memref<37xf32>
    %gu1 = memref.cast %gm1 : memref<37xf32> to memref<*xf32>
    %eu1 = memref.cast %em1 : memref<37xf32> to memref<*xf32>
    func.call @check(%gu1, %eu1, %density) : (memref<*xf32>, memref<*xf32>, f64) -> ()

    // vecmat
    %a2m = memref.alloc() : memref<29xf32>
    %a2u = memref.cast %a2m : memref<29xf32> to memref<*xf32>
    func.call @fill(%a2u, %s0, %density, %t4) : (memref<*xf32>, i64, f64, i64) -> ()
    %a2 = bufferization.to_tensor %a2m restrict : memref<29xf32> to tensor<29xf32>
    %b2m = memref.alloc() : memref<29x37xf32>
    %b2u = memref.cast %b2m : memref<29x37xf32> to memref<*xf32>
    func.call @fill(%b2u, %s1, %full, %t1) : (memref<*xf32>, i64, f64, i64) -> ()
    %b2 = bufferization.to_tensor %b2m restrict : memref<29x37xf32> to tensor<29x37xf32>
    %cc2m = memref.alloc() : memref<37xf32>
    %cc2u = memref.cast %cc2m : memref<37xf32> to memref<*xf32>
    func.call @fill(%cc2u, %s2, %full, %t1) : (memref<*xf32>, i64, f64, i64) -> ()
    %cc2 = bufferization.to_tensor %cc2m restrict : memref<37xf32> to tensor<37xf32>
    %g2 = func.call @vecmat_sparse(%a2, %b2, %cc2) : (tensor<29xf32>, tensor<29x37xf32>, tensor<37xf32>) -> tensor<37xf32>
    %e2 = func.call @vecmat_dense(%a2, %b2, %cc2) : (tensor<29xf32>, tensor<29x37xf32>, tensor<37xf32>) -> tensor<37xf32>
    %gm2 = bufferization.to_buffer %g2 read_only : tensor<37xf32> to memref<37xf32>
    %em2 = bufferization.to_buffer %e2 read_only : tensor<37xf32> to memref<37xf32>
    %gu2 = memref.cast %gm2 : memref<37xf32> to memref<*xf32>
    %eu2 = memref.cast %em2 : memref<37xf32> to memref<*xf32>
    func.call @check(%gu2, %eu2, %density) : (memref<*xf32>, memref<*xf32>, f64) -> ()

    // batch_matvec
    %a3m = memref.alloc() : memref<3x37x29xf32>
    %a3u = memref.cast %a3m : memref<3x37x29xf32> to memref<*xf32>
    func.call @fill(%a3u, %s0, %density, %t4) : (memref<*xf32>, i64, f64, i64) -> ()
    %a3 = bufferization.to_tensor %a3m restrict : memref<3x37x29xf32> to tensor<3x37x29xf32>
    %b3m = memref.alloc() : memref<3x29xf32>
    %b3u = memref.cast %b3m : memref<3x29xf32> to memref<*xf32>
    func.call @fill(%b3u, %s1, %full, %t1) : (memref<*xf32>, i64, f64, i64) -> ()
    %b3 = bufferization.to_tensor %b3m restrict : memref<3x29xf32> to tensor<3x29xf32>
    %cc3m = memref.alloc() : memref<3x37xf32>
    %cc3u = memref.cast %cc3m : memref<3x37xf32> to memref<*xf32>
    func.call @fill(%cc3u, %s2, %full, %t1) : (memref<*xf32>, i64, f64, i64) -> ()
    %cc3 = bufferization.to_tensor %cc3m restrict : memref<3x37xf32> to tensor<3x37xf32>
    %g3 = func.call @batch_matvec_sparse(%a3, %b3, %cc3) : (tensor<3x37x29xf32>, tensor<3x29xf32>, tensor<3x37xf32>) -> tensor<3x37xf32>
    %e3 = func.call @batch_matvec_dense(%a3, %b3, %cc3) : (tensor<3x37x29xf32>, tensor<3x29xf32>, tensor<3x37xf32>) -> tensor<3x37xf32>
    %gm3 = bufferization.to_buffer %g3 read_only : tensor<3x37xf32> to memref<3x37xf32>
    %em3 = bufferization.to_buffer %e3 read_only : tensor<3x37xf32> to memref<3x37xf32>
    %gu3 = memref.cast %gm3 : memref<3x37xf32> to memref<*xf32>
    %eu3 = memref.cast %em3 : memref<3x37xf32> to memref<*xf32>
    func.call @check(%gu3, %eu3, %density) : (memref<*xf32>, memref<*xf32>, f64) -> ()

    // batch_reduce_matmul
    %a4m = memref.alloc() : memref<3x37x29xf32>
    %a4u = memref.cast %a4m : memref<3x37x29xf32> to memref<*xf32>
    func.call @fill(%a4u, %s0, %density, %t8) : (memref<*xf32>, i64, f64, i64) -> ()
    %a4 = bufferization.to_tensor %a4m restrict : memref<3x37x29xf32> to tensor<3x37x29xf32>
    %b4m = memref.alloc() : memref<3x29x19xf32>
    %b4u = memref.cast %b4m : memref<3x29x19xf32> to memref<*xf32>
    func.call @fill(%b4u, %s1, %full, %t1) : (memref<*xf32>, i64, f64, i64) -> ()
    %b4 = bufferization.to_tensor %b4m restrict : memref<3x29x19xf32> to tensor<3x29x19xf32>
    %cc4m = memref.alloc() : memref<37x19xf32>
    %cc4u = memref.cast %cc4m : memref<37x19xf32> to memref<*xf32>
    func.call @fill(%cc4u, %s2, %full, %t1) : (memref<*xf32>, i64, f64, i64) -> ()
    %cc4 = bufferization.to_tensor %cc4m restrict : memref<37x19xf32> to tensor<37x19xf32>
    %g4 = func.call @batch_reduce_matmul_sparse(%a4, %b4, %cc4) : (tensor<3x37x29xf32>, tensor<3x29x19xf32>, tensor<37x19xf32>) -> tensor<37x19xf32>
    %e4 = func.call @batch_reduce_matmul_dense(%a4, %b4, %cc4) : (tensor<3x37x29xf32>, tensor<3x29x19xf32>, tensor<37x19xf32>) -> tensor<37x19xf32>
    %gm4 = bufferization.to_buffer %g4 read_only : tensor<37x19xf32> to memref<37x19xf32>
    %em4 = bufferization.to_buffer %e4 read_only : tensor<37x19xf32> to memref<37x19xf32>
    %gu4 = memref.cast %gm4 : memref<37x19xf32> to memref<*xf32>
    %eu4 = memref.cast %em4 : memref<37x19xf32> to memref<*xf32>
    func.call @check(%gu4, %eu4, %density) : (memref<*xf32>, memref<*xf32>, f64) -> ()

    // mislabelled
    %xm = memref.alloc() : memref<37x29xf32>
    %xu = memref.cast %xm : memref<37x29xf32> to memref<*xf32>
    func.call @fill(%xu, %s0, %density, %t8) : (memref<*xf32>, i64, f64, i64) -> ()
    %x = bufferization.to_tensor %xm restrict : memref<37x29xf32> to tensor<37x29xf32>
    %ym = memref.alloc() : memref<29x19xf32>
    %yu = memref.cast %ym : memref<29x19xf32> to memref<*xf32>
    func.call @fill(%yu, %s1, %full, %t1) : (memref<*xf32>, i64, f64, i64) -> ()
    %y = bufferization.to_tensor %ym restrict : memref<29x19xf32> to tensor<29x19xf32>
    %om = memref.alloc() : memref<37xf32>
    %ou = memref.cast %om : memref<37xf32> to memref<*xf32>
    func.call @fill(%ou, %s2, %full, %t1) : (memref<*xf32>, i64, f64, i64) -> ()
    %o = bufferization.to_tensor %om restrict : memref<37xf32> to tensor<37xf32>
    %g5 = func.call @mislabelled_sparse(%x, %y, %o) : (tensor<37x29xf32>, tensor<29x19xf32>, tensor<37xf32>) -> tensor<37xf32>
    %e5 = func.call @mislabelled_dense(%x, %y, %o) : (tensor<37x29xf32>, tensor<29x19xf32>, tensor<37xf32>) -> tensor<37xf32>
    %gm5 = bufferization.to_buffer %g5 read_only : tensor<37xf32> to memref<37xf32>
    %em5 = bufferization.to_buffer %e5 read_only : tensor<37xf32> to memref<37xf32>
    %gu5 = memref.cast %gm5 : memref<37xf32> to memref<*xf32>
    %eu5 = memref.cast %em5 : memref<37xf32> to memref<*xf32>
    func.call @check(%gu5, %eu5, %density) : (memref<*xf32>, memref<*xf32>, f64) -> ()
  }
  return
}
