// The register tile of each ISA fits its vector registers: the dense
// kernel's accumulators, rows of B and broadcasts of A, compiled to x86
// assembly for that ISA, spill no vector register. (The former AVX2 tile,
// 4x32, held 16 accumulators in the 16 ymm registers and spilled one
// around every FMA.)
// RUN: spider-opt %s --spider-cpu-pipeline=cpu-isa=avx2 | mlir-translate --mlir-to-llvmir | llc -O3 -mcpu=x86-64-v3 -o - | FileCheck %s --check-prefix=AVX2
// RUN: spider-opt %s --spider-cpu-pipeline=cpu-isa=avx512 | mlir-translate --mlir-to-llvmir | llc -O3 -mcpu=x86-64-v4 -o - | FileCheck %s --check-prefix=AVX512
//
// The same on the CPUs a JIT names as its host, through LLVM's -O3 as
// spider-run and the ExecutionEngine compile: the pipeline's tune_cpu (the
// model of the ISA's psABI level, spider-set-tune-cpu) keeps the tile in
// registers whatever the target CPU. Under their own models LLVM 22
// spilled the AVX-512 tile on znver4 and znver5 (34 zmm spills and
// reloads).
// RUN: spider-opt %s --spider-cpu-pipeline=cpu-isa=avx512 | mlir-translate --mlir-to-llvmir > %t.avx512.ll
// RUN: opt -O3 -mcpu=znver4 %t.avx512.ll | llc -O3 -mcpu=znver4 -o - | FileCheck %s --check-prefixes=AVX512,AVX512-O3
// RUN: opt -O3 -mcpu=znver5 %t.avx512.ll | llc -O3 -mcpu=znver5 -o - | FileCheck %s --check-prefixes=AVX512,AVX512-O3
// RUN: opt -O3 -mcpu=sapphirerapids %t.avx512.ll | llc -O3 -mcpu=sapphirerapids -o - | FileCheck %s --check-prefixes=AVX512,AVX512-O3
// RUN: spider-opt %s --spider-cpu-pipeline=cpu-isa=avx2 | mlir-translate --mlir-to-llvmir > %t.avx2.ll
// RUN: opt -O3 -mcpu=znver3 %t.avx2.ll | llc -O3 -mcpu=znver3 -o - | FileCheck %s --check-prefix=AVX2
// RUN: opt -O3 -mcpu=alderlake %t.avx2.ll | llc -O3 -mcpu=alderlake -o - | FileCheck %s --check-prefix=AVX2

// AVX2-LABEL: matmul:
// AVX2-NOT:     {{(16|32)}}-byte {{Spill|Reload}}
// AVX2:         vfmadd231ps {{.*}}%ymm
// AVX2-NOT:     {{(16|32)}}-byte {{Spill|Reload}}
// AVX2:         .Lfunc_end{{[0-9]+}}:

// AVX512-LABEL: matmul:
// AVX512-NOT:     {{(16|32|64)}}-byte {{Spill|Reload}}
// AVX512:         vfmadd231ps {{.*}}%zmm
// AVX512-NOT:     {{(16|32|64)}}-byte {{Spill|Reload}}
// AVX512:         .Lfunc_end{{[0-9]+}}:

// An MoE expert: a dynamic count of rows (full 6-row tiles, then a 4-row
// tile and single rows), through LLVM's -O3 as a JIT compiles it (llc
// alone, without opt's -O3, spills 80 zmm registers in its k loop). With
// AVX2 the masks of the 4-row tile spill a few ymm registers (6 to 12)
// outside the k loops, which is not checked.
// AVX512-O3-LABEL: matmul_dynamic_rows:
// AVX512-O3-NOT:     {{(16|32|64)}}-byte {{Spill|Reload}}
// AVX512-O3:         vfmadd231ps {{.*}}%zmm
// AVX512-O3-NOT:     {{(16|32|64)}}-byte {{Spill|Reload}}
// AVX512-O3:         .Lfunc_end{{[0-9]+}}:

func.func @matmul(%a: tensor<252x512xf32>, %b: tensor<512x512xf32>, %c: tensor<252x512xf32>) -> tensor<252x512xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<252x512xf32>, tensor<512x512xf32>) outs(%c : tensor<252x512xf32>) -> tensor<252x512xf32>
  return %r : tensor<252x512xf32>
}

func.func @matmul_dynamic_rows(%a: tensor<?x768xf32>, %b: tensor<768x3072xf32>, %c: tensor<?x3072xf32>) -> tensor<?x3072xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<?x768xf32>, tensor<768x3072xf32>) outs(%c : tensor<?x3072xf32>) -> tensor<?x3072xf32>
  return %r : tensor<?x3072xf32>
}
