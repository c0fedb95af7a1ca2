// Contractions without an m, an n or both (linalg.dot into a 0-d
// accumulator, matvec, vecmat, batch_matvec, batch_reduce_matmul), unmarked,
// at shapes that are not multiples of the tiles, each against the loop nest
// that spells out its definition. Run through spider-cpu-pipeline and
// through stock mlir-opt lowering (convert-linalg-to-loops), which must
// agree with the same loop nests.
// RUN: spider-opt %s --spider-cpu-pipeline | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s
// RUN: %mlir_opt %s --one-shot-bufferize=bufferize-function-boundaries --convert-linalg-to-loops --convert-scf-to-cf --expand-strided-metadata --lower-affine --convert-to-llvm --reconcile-unrealized-casts | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s

// Per density (of the first operand, in [4, 4] micro-tiles): dot, matvec,
// vecmat, batch_matvec, batch_reduce_matmul.
// CHECK-COUNT-5: check 0: max relative error {{.*}} ok
// CHECK-COUNT-5: check 0.1: max relative error {{.*}} ok
// CHECK-COUNT-5: check 0.5: max relative error {{.*}} ok
// CHECK-COUNT-5: check 1: max relative error {{.*}} ok
// CHECK-NOT: FAILED

func.func @dot(%a: tensor<37xf32>, %b: tensor<37xf32>, %c: tensor<f32>) -> tensor<f32> {
  %r = linalg.dot ins(%a, %b : tensor<37xf32>, tensor<37xf32>) outs(%c : tensor<f32>) -> tensor<f32>
  return %r : tensor<f32>
}

func.func @dot_loops(%a: tensor<37xf32>, %b: tensor<37xf32>, %c: tensor<f32>) -> tensor<f32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 37 : index
  %init = tensor.extract %c[] : tensor<f32>
  %s = scf.for %k = %c0 to %n step %c1 iter_args(%acc = %init) -> f32 {
    %x = tensor.extract %a[%k] : tensor<37xf32>
    %y = tensor.extract %b[%k] : tensor<37xf32>
    %p = arith.mulf %x, %y : f32
    %q = arith.addf %acc, %p : f32
    scf.yield %q : f32
  }
  %r = tensor.from_elements %s : tensor<f32>
  return %r : tensor<f32>
}

func.func @matvec(%a: tensor<37x29xf32>, %b: tensor<29xf32>, %c: tensor<37xf32>) -> tensor<37xf32> {
  %r = linalg.matvec ins(%a, %b : tensor<37x29xf32>, tensor<29xf32>) outs(%c : tensor<37xf32>) -> tensor<37xf32>
  return %r : tensor<37xf32>
}

func.func @matvec_loops(%a: tensor<37x29xf32>, %b: tensor<29xf32>, %c: tensor<37xf32>) -> tensor<37xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = arith.constant 37 : index
  %n = arith.constant 29 : index
  %r = scf.for %i = %c0 to %m step %c1 iter_args(%out = %c) -> tensor<37xf32> {
    %init = tensor.extract %out[%i] : tensor<37xf32>
    %s = scf.for %k = %c0 to %n step %c1 iter_args(%acc = %init) -> f32 {
      %x = tensor.extract %a[%i, %k] : tensor<37x29xf32>
      %y = tensor.extract %b[%k] : tensor<29xf32>
      %p = arith.mulf %x, %y : f32
      %q = arith.addf %acc, %p : f32
      scf.yield %q : f32
    }
    %o = tensor.insert %s into %out[%i] : tensor<37xf32>
    scf.yield %o : tensor<37xf32>
  }
  return %r : tensor<37xf32>
}

func.func @vecmat(%a: tensor<29xf32>, %b: tensor<29x37xf32>, %c: tensor<37xf32>) -> tensor<37xf32> {
  %r = linalg.vecmat ins(%a, %b : tensor<29xf32>, tensor<29x37xf32>) outs(%c : tensor<37xf32>) -> tensor<37xf32>
  return %r : tensor<37xf32>
}

func.func @vecmat_loops(%a: tensor<29xf32>, %b: tensor<29x37xf32>, %c: tensor<37xf32>) -> tensor<37xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = arith.constant 37 : index
  %n = arith.constant 29 : index
  %r = scf.for %j = %c0 to %m step %c1 iter_args(%out = %c) -> tensor<37xf32> {
    %init = tensor.extract %out[%j] : tensor<37xf32>
    %s = scf.for %k = %c0 to %n step %c1 iter_args(%acc = %init) -> f32 {
      %x = tensor.extract %a[%k] : tensor<29xf32>
      %y = tensor.extract %b[%k, %j] : tensor<29x37xf32>
      %p = arith.mulf %x, %y : f32
      %q = arith.addf %acc, %p : f32
      scf.yield %q : f32
    }
    %o = tensor.insert %s into %out[%j] : tensor<37xf32>
    scf.yield %o : tensor<37xf32>
  }
  return %r : tensor<37xf32>
}

func.func @batch_matvec(%a: tensor<3x37x29xf32>, %b: tensor<3x29xf32>, %c: tensor<3x37xf32>) -> tensor<3x37xf32> {
  %r = linalg.batch_matvec ins(%a, %b : tensor<3x37x29xf32>, tensor<3x29xf32>) outs(%c : tensor<3x37xf32>) -> tensor<3x37xf32>
  return %r : tensor<3x37xf32>
}

func.func @batch_matvec_loops(%a: tensor<3x37x29xf32>, %b: tensor<3x29xf32>, %c: tensor<3x37xf32>) -> tensor<3x37xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %nb = arith.constant 3 : index
  %m = arith.constant 37 : index
  %n = arith.constant 29 : index
  %r = scf.for %h = %c0 to %nb step %c1 iter_args(%out0 = %c) -> tensor<3x37xf32> {
    %r1 = scf.for %i = %c0 to %m step %c1 iter_args(%out = %out0) -> tensor<3x37xf32> {
      %init = tensor.extract %out[%h, %i] : tensor<3x37xf32>
      %s = scf.for %k = %c0 to %n step %c1 iter_args(%acc = %init) -> f32 {
        %x = tensor.extract %a[%h, %i, %k] : tensor<3x37x29xf32>
        %y = tensor.extract %b[%h, %k] : tensor<3x29xf32>
        %p = arith.mulf %x, %y : f32
        %q = arith.addf %acc, %p : f32
        scf.yield %q : f32
      }
      %o = tensor.insert %s into %out[%h, %i] : tensor<3x37xf32>
      scf.yield %o : tensor<3x37xf32>
    }
    scf.yield %r1 : tensor<3x37xf32>
  }
  return %r : tensor<3x37xf32>
}

func.func @batch_reduce_matmul(%a: tensor<3x37x29xf32>, %b: tensor<3x29x19xf32>, %c: tensor<37x19xf32>) -> tensor<37x19xf32> {
  %r = linalg.batch_reduce_matmul ins(%a, %b : tensor<3x37x29xf32>, tensor<3x29x19xf32>) outs(%c : tensor<37x19xf32>) -> tensor<37x19xf32>
  return %r : tensor<37x19xf32>
}

func.func @batch_reduce_matmul_loops(%a: tensor<3x37x29xf32>, %b: tensor<3x29x19xf32>, %c: tensor<37x19xf32>) -> tensor<37x19xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %nb = arith.constant 3 : index
  %m = arith.constant 37 : index
  %n = arith.constant 19 : index
  %nk = arith.constant 29 : index
  %r = scf.for %i = %c0 to %m step %c1 iter_args(%out0 = %c) -> tensor<37x19xf32> {
    %r1 = scf.for %j = %c0 to %n step %c1 iter_args(%out = %out0) -> tensor<37x19xf32> {
      %init = tensor.extract %out[%i, %j] : tensor<37x19xf32>
      %s = scf.for %h = %c0 to %nb step %c1 iter_args(%acc0 = %init) -> f32 {
        %s1 = scf.for %k = %c0 to %nk step %c1 iter_args(%acc = %acc0) -> f32 {
          %x = tensor.extract %a[%h, %i, %k] : tensor<3x37x29xf32>
          %y = tensor.extract %b[%h, %k, %j] : tensor<3x29x19xf32>
          %p = arith.mulf %x, %y : f32
          %q = arith.addf %acc, %p : f32
          scf.yield %q : f32
        }
        scf.yield %s1 : f32
      }
      %o = tensor.insert %s into %out[%i, %j] : tensor<37x19xf32>
      scf.yield %o : tensor<37x19xf32>
    }
    scf.yield %r1 : tensor<37x19xf32>
  }
  return %r : tensor<37x19xf32>
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
  %init0 = arith.constant dense<0.25> : tensor<f32>
  scf.for %i = %c0 to %cn step %c1 {
    %density = tensor.extract %densities[%i] : tensor<4xf64>
    %s0 = arith.index_cast %i : index to i64
    %s1 = arith.addi %s0, %t4 : i64
    %s2 = arith.addi %s1, %t4 : i64

    %v37m = memref.alloc() : memref<37xf32>
    %v37u = memref.cast %v37m : memref<37xf32> to memref<*xf32>
    func.call @fill(%v37u, %s0, %density, %t4) : (memref<*xf32>, i64, f64, i64) -> ()
    %v37 = bufferization.to_tensor %v37m restrict : memref<37xf32> to tensor<37xf32>
    %w37m = memref.alloc() : memref<37xf32>
    %w37u = memref.cast %w37m : memref<37xf32> to memref<*xf32>
    func.call @fill(%w37u, %s1, %full, %t1) : (memref<*xf32>, i64, f64, i64) -> ()
    %w37 = bufferization.to_tensor %w37m restrict : memref<37xf32> to tensor<37xf32>
    %v29m = memref.alloc() : memref<29xf32>
    %v29u = memref.cast %v29m : memref<29xf32> to memref<*xf32>
    func.call @fill(%v29u, %s0, %density, %t4) : (memref<*xf32>, i64, f64, i64) -> ()
    %v29 = bufferization.to_tensor %v29m restrict : memref<29xf32> to tensor<29xf32>
    %w29m = memref.alloc() : memref<29xf32>
    %w29u = memref.cast %w29m : memref<29xf32> to memref<*xf32>
    func.call @fill(%w29u, %s1, %full, %t1) : (memref<*xf32>, i64, f64, i64) -> ()
    %w29 = bufferization.to_tensor %w29m restrict : memref<29xf32> to tensor<29xf32>
    %amm = memref.alloc() : memref<37x29xf32>
    %amu = memref.cast %amm : memref<37x29xf32> to memref<*xf32>
    func.call @fill(%amu, %s0, %density, %t4) : (memref<*xf32>, i64, f64, i64) -> ()
    %am = bufferization.to_tensor %amm restrict : memref<37x29xf32> to tensor<37x29xf32>
    %bmm = memref.alloc() : memref<29x37xf32>
    %bmu = memref.cast %bmm : memref<29x37xf32> to memref<*xf32>
    func.call @fill(%bmu, %s1, %full, %t1) : (memref<*xf32>, i64, f64, i64) -> ()
    %bm = bufferization.to_tensor %bmm restrict : memref<29x37xf32> to tensor<29x37xf32>
    %a3m = memref.alloc() : memref<3x37x29xf32>
    %a3u = memref.cast %a3m : memref<3x37x29xf32> to memref<*xf32>
    func.call @fill(%a3u, %s0, %density, %t4) : (memref<*xf32>, i64, f64, i64) -> ()
    %a3 = bufferization.to_tensor %a3m restrict : memref<3x37x29xf32> to tensor<3x37x29xf32>
    %b3m = memref.alloc() : memref<3x29xf32>
    %b3u = memref.cast %b3m : memref<3x29xf32> to memref<*xf32>
    func.call @fill(%b3u, %s1, %full, %t1) : (memref<*xf32>, i64, f64, i64) -> ()
    %b3 = bufferization.to_tensor %b3m restrict : memref<3x29xf32> to tensor<3x29xf32>
    %c3m = memref.alloc() : memref<3x37xf32>
    %c3u = memref.cast %c3m : memref<3x37xf32> to memref<*xf32>
    func.call @fill(%c3u, %s2, %full, %t1) : (memref<*xf32>, i64, f64, i64) -> ()
    %c3 = bufferization.to_tensor %c3m restrict : memref<3x37xf32> to tensor<3x37xf32>
    %bbm = memref.alloc() : memref<3x29x19xf32>
    %bbu = memref.cast %bbm : memref<3x29x19xf32> to memref<*xf32>
    func.call @fill(%bbu, %s1, %full, %t1) : (memref<*xf32>, i64, f64, i64) -> ()
    %bb = bufferization.to_tensor %bbm restrict : memref<3x29x19xf32> to tensor<3x29x19xf32>
    %ccm = memref.alloc() : memref<37x19xf32>
    %ccu = memref.cast %ccm : memref<37x19xf32> to memref<*xf32>
    func.call @fill(%ccu, %s2, %full, %t1) : (memref<*xf32>, i64, f64, i64) -> ()
    %cc = bufferization.to_tensor %ccm restrict : memref<37x19xf32> to tensor<37x19xf32>

    %g0 = func.call @dot(%v37, %w37, %init0) : (tensor<37xf32>, tensor<37xf32>, tensor<f32>) -> tensor<f32>
    %e0 = func.call @dot_loops(%v37, %w37, %init0) : (tensor<37xf32>, tensor<37xf32>, tensor<f32>) -> tensor<f32>
    %gm0 = bufferization.to_buffer %g0 read_only : tensor<f32> to memref<f32>
    %em0 = bufferization.to_buffer %e0 read_only : tensor<f32> to memref<f32>
    %gu0 = memref.cast %gm0 : memref<f32> to memref<*xf32>
    %eu0 = memref.cast %em0 : memref<f32> to memref<*xf32>
    func.call @check(%gu0, %eu0, %density) : (memref<*xf32>, memref<*xf32>, f64) -> ()

    %g1 = func.call @matvec(%am, %w29, %w37) : (tensor<37x29xf32>, tensor<29xf32>, tensor<37xf32>) -> tensor<37xf32>
    %e1 = func.call @matvec_loops(%am, %w29, %w37) : (tensor<37x29xf32>, tensor<29xf32>, tensor<37xf32>) -> tensor<37xf32>
    %gm1 = bufferization.to_buffer %g1 read_only : tensor<37xf32> to memref<37xf32>
    %em1 = bufferization.to_buffer %e1 read_only : tensor<37xf32> to memref<37xf32>
    %gu1 = memref.cast %gm1 : memref<37xf32> to memref<*xf32>
    %eu1 = memref.cast %em1 : memref<37xf32> to memref<*xf32>
    func.call @check(%gu1, %eu1, %density) : (memref<*xf32>, memref<*xf32>, f64) -> ()

    %g2 = func.call @vecmat(%v29, %bm, %w37) : (tensor<29xf32>, tensor<29x37xf32>, tensor<37xf32>) -> tensor<37xf32>
    %e2 = func.call @vecmat_loops(%v29, %bm, %w37) : (tensor<29xf32>, tensor<29x37xf32>, tensor<37xf32>) -> tensor<37xf32>
    %gm2 = bufferization.to_buffer %g2 read_only : tensor<37xf32> to memref<37xf32>
    %em2 = bufferization.to_buffer %e2 read_only : tensor<37xf32> to memref<37xf32>
    %gu2 = memref.cast %gm2 : memref<37xf32> to memref<*xf32>
    %eu2 = memref.cast %em2 : memref<37xf32> to memref<*xf32>
    func.call @check(%gu2, %eu2, %density) : (memref<*xf32>, memref<*xf32>, f64) -> ()

    %g3 = func.call @batch_matvec(%a3, %b3, %c3) : (tensor<3x37x29xf32>, tensor<3x29xf32>, tensor<3x37xf32>) -> tensor<3x37xf32>
    %e3 = func.call @batch_matvec_loops(%a3, %b3, %c3) : (tensor<3x37x29xf32>, tensor<3x29xf32>, tensor<3x37xf32>) -> tensor<3x37xf32>
    %gm3 = bufferization.to_buffer %g3 read_only : tensor<3x37xf32> to memref<3x37xf32>
    %em3 = bufferization.to_buffer %e3 read_only : tensor<3x37xf32> to memref<3x37xf32>
    %gu3 = memref.cast %gm3 : memref<3x37xf32> to memref<*xf32>
    %eu3 = memref.cast %em3 : memref<3x37xf32> to memref<*xf32>
    func.call @check(%gu3, %eu3, %density) : (memref<*xf32>, memref<*xf32>, f64) -> ()

    %g4 = func.call @batch_reduce_matmul(%a3, %bb, %cc) : (tensor<3x37x29xf32>, tensor<3x29x19xf32>, tensor<37x19xf32>) -> tensor<37x19xf32>
    %e4 = func.call @batch_reduce_matmul_loops(%a3, %bb, %cc) : (tensor<3x37x29xf32>, tensor<3x29x19xf32>, tensor<37x19xf32>) -> tensor<37x19xf32>
    %gm4 = bufferization.to_buffer %g4 read_only : tensor<37x19xf32> to memref<37x19xf32>
    %em4 = bufferization.to_buffer %e4 read_only : tensor<37x19xf32> to memref<37x19xf32>
    %gu4 = memref.cast %gm4 : memref<37x19xf32> to memref<*xf32>
    %eu4 = memref.cast %em4 : memref<37x19xf32> to memref<*xf32>
    func.call @check(%gu4, %eu4, %density) : (memref<*xf32>, memref<*xf32>, f64) -> ()
  }
  return
}
