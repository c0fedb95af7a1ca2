// The register tile of each ISA fits its vector registers: the dense
// kernel's accumulators, rows of B and broadcasts of A, compiled to x86
// assembly for that ISA, spill no vector register. (The former AVX2 tile,
// 4x32, held 16 accumulators in the 16 ymm registers and spilled one
// around every FMA.)
// RUN: spider-opt %s --spider-cpu-pipeline=cpu-isa=avx2 | mlir-translate --mlir-to-llvmir | llc -O3 -mcpu=x86-64-v3 -o - | FileCheck %s --check-prefix=AVX2
// RUN: spider-opt %s --spider-cpu-pipeline=cpu-isa=avx512 | mlir-translate --mlir-to-llvmir | llc -O3 -mcpu=x86-64-v4 -o - | FileCheck %s --check-prefix=AVX512

// AVX2-LABEL: matmul:
// AVX2-NOT:     {{(16|32)}}-byte {{Spill|Reload}}
// AVX2:         vfmadd231ps {{.*}}%ymm
// AVX2-NOT:     {{(16|32)}}-byte {{Spill|Reload}}
// AVX2:         .cfi_endproc

// AVX512-LABEL: matmul:
// AVX512-NOT:     {{(16|32|64)}}-byte {{Spill|Reload}}
// AVX512:         vfmadd231ps {{.*}}%zmm
// AVX512-NOT:     {{(16|32|64)}}-byte {{Spill|Reload}}
// AVX512:         .cfi_endproc
func.func @matmul(%a: tensor<252x512xf32>, %b: tensor<512x512xf32>, %c: tensor<252x512xf32>) -> tensor<252x512xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<252x512xf32>, tensor<512x512xf32>) outs(%c : tensor<252x512xf32>) -> tensor<252x512xf32>
  return %r : tensor<252x512xf32>
}
