// spider-set-tune-cpu names the scheduling model of every function with a
// body: by default that of the ISA's psABI level (register-tiles-fit.mlir
// checks that the tiles stay in registers under it).
// RUN: spider-opt %s --spider-set-tune-cpu=cpu-isa=avx512 | FileCheck %s --check-prefixes=CHECK,AVX512
// RUN: spider-opt %s --spider-set-tune-cpu=cpu-isa=avx2 | FileCheck %s --check-prefixes=CHECK,AVX2
// RUN: spider-opt %s --spider-set-tune-cpu=cpu-isa=sse | FileCheck %s --check-prefixes=CHECK,SSE
// RUN: spider-opt %s --spider-set-tune-cpu=tune-cpu=znver4 | FileCheck %s --check-prefixes=CHECK,ZNVER4
// RUN: spider-opt %s --spider-set-tune-cpu=tune-cpu=target | FileCheck %s --check-prefix=TARGET
// RUN: spider-opt %s --spider-cpu-pipeline=cpu-isa=avx512 | FileCheck %s --check-prefix=PIPELINE
// RUN: spider-opt %s "--spider-cpu-pipeline=cpu-isa=avx512 tune-cpu=target" | FileCheck %s --check-prefix=TARGET
// RUN: not spider-opt %s --spider-set-tune-cpu=tune-cpu=pentium-9000 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not spider-opt %s "--spider-cpu-pipeline=tune-cpu=x86-64-v4" 2>&1 | FileCheck %s --check-prefix=LEVEL

// CHECK-LABEL: llvm.func @compute
// AVX512-SAME:   tune_cpu = "skylake-avx512"
// AVX2-SAME:     tune_cpu = "haswell"
// SSE-SAME:      tune_cpu = "generic"
// ZNVER4-SAME:   tune_cpu = "znver4"
// A function's own choice is kept.
// CHECK-LABEL: llvm.func @chosen
// CHECK-SAME:    tune_cpu = "sapphirerapids"
// A declaration has no code to schedule.
// CHECK:       llvm.func @external(i64)
// CHECK-NOT:   tune_cpu
// Nor does a nested module's device code, compiled for another target.
// CHECK:       gpu.module @kernels
// CHECK-NEXT:    llvm.func @device(%{{.*}}: i64) -> i64 {

// TARGET:     llvm.func @compute(%{{.*}}: i64) -> i64 {
// TARGET-NEXT:   llvm.return
// PIPELINE: tune_cpu = "skylake-avx512"

// BAD: error: spider-set-tune-cpu: tune-cpu 'pentium-9000' is not an x86-64 CPU that LLVM knows
// The psABI levels are instruction sets, not models: LLVM takes no
// x86-64-v4 as a tune CPU.
// LEVEL: error: spider-set-tune-cpu: tune-cpu 'x86-64-v4' is not an x86-64 CPU that LLVM knows
// LEVEL-NOT: builtin.module

module {
  llvm.func @compute(%a: i64) -> i64 {
    llvm.return %a : i64
  }
  llvm.func @chosen(%a: i64) -> i64 attributes {tune_cpu = "sapphirerapids"} {
    llvm.return %a : i64
  }
  llvm.func @external(i64)
  gpu.module @kernels {
    llvm.func @device(%a: i64) -> i64 {
      llvm.return %a : i64
    }
  }
}
