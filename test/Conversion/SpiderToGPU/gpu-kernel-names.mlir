// RUN: spider-opt %s --spider-gpu-kernel-names | FileCheck %s
// RUN: spider-opt %S/Inputs/dotted-function-name.mlir --spider-gpu-pipeline="format=isa" | FileCheck %s --check-prefix=PTX

// GPU functions whose names PTX does not take as identifiers (outlined
// kernels are named after their functions: `@my.func` gave the entry
// `my.func_kernel`, which ptxas rejected) are renamed, and their launches
// follow; a name taken already gets a suffix. Found by trying Spider from
// outside (upstream's test function `@tensor.generate`).
// CHECK-LABEL: gpu.module @my.func_kernel
// CHECK:         gpu.func @my_func_kernel() kernel
// CHECK-LABEL: gpu.module @taken
// CHECK:         gpu.func @a_b() kernel
// CHECK:         gpu.func @a_b_0() kernel
// CHECK:         gpu.func @_1x() kernel
// CHECK:         gpu.func @ok$1() kernel
// CHECK-LABEL: func.func @host
// CHECK:         gpu.launch_func  @my.func_kernel::@my_func_kernel
// CHECK:         gpu.launch_func  @taken::@a_b_0
// CHECK:         gpu.launch_func  @taken::@_1x

// PTX: .entry my_func_kernel
// PTX-NOT: .entry my.func

module attributes {gpu.container_module} {
  gpu.module @"my.func_kernel" {
    gpu.func @"my.func_kernel"() kernel {
      gpu.return
    }
  }
  gpu.module @taken {
    gpu.func @a_b() kernel {
      gpu.return
    }
    gpu.func @"a.b"() kernel {
      gpu.return
    }
    gpu.func @"1x"() kernel {
      gpu.return
    }
    gpu.func @"ok$1"() kernel {
      gpu.return
    }
  }
  func.func @host() {
    %c1 = arith.constant 1 : index
    gpu.launch_func @"my.func_kernel"::@"my.func_kernel" blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
    gpu.launch_func @taken::@"a.b" blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
    gpu.launch_func @taken::@"1x" blocks in (%c1, %c1, %c1) threads in (%c1, %c1, %c1)
    return
  }
}
