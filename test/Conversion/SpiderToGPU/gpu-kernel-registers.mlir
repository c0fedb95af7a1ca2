// RUN: spider-opt %s --pass-pipeline='builtin.module(gpu.module(spider-gpu-kernel-registers))' | FileCheck %s

// Kernels of known block size get a register cap that keeps two blocks per
// SM (at most 255, never below what one block may have); others, and
// kernels with a cap of their own, are left alone.
module attributes {gpu.container_module} {
  gpu.module @kernels {
    // CHECK-LABEL: gpu.func @tile
    // CHECK-SAME: nvvm.maxnreg = 255 : i32
    gpu.func @tile() kernel attributes {known_block_size = array<i32: 128, 1, 1>} {
      gpu.return
    }
    // CHECK-LABEL: gpu.func @simt
    // CHECK-SAME: nvvm.maxnreg = 128 : i32
    gpu.func @simt() kernel attributes {known_block_size = array<i32: 8, 32, 1>} {
      gpu.return
    }
    // CHECK-LABEL: gpu.func @large
    // CHECK-SAME: nvvm.maxnreg = 64 : i32
    gpu.func @large() kernel attributes {known_block_size = array<i32: 32, 32, 1>} {
      gpu.return
    }
    // CHECK-LABEL: gpu.func @capped
    // CHECK-SAME: nvvm.maxnreg = 40 : i32
    // CHECK-NOT: nvvm.maxnreg = 255
    gpu.func @capped() kernel attributes {known_block_size = array<i32: 128, 1, 1>, nvvm.maxnreg = 40 : i32} {
      gpu.return
    }
    // CHECK-LABEL: gpu.func @unknown
    // CHECK-NOT: nvvm.maxnreg
    gpu.func @unknown() kernel {
      gpu.return
    }
    // CHECK-LABEL: gpu.func @helper
    // CHECK-NOT: nvvm.maxnreg
    gpu.func @helper() {
      gpu.return
    }
  }
}
