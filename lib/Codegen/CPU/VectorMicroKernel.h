//===- VectorMicroKernel.h - The CPU register micro-kernel ------*- C++ -*-===//
//
// Rewrites of vectorized tiles into the register micro-kernel: masked
// contractions unmasked where every product the mask drops is provably zero
// (over zero-padded reads), and 2-D contractions as one FMA per (m, k) on
// rows of B.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_LIB_CODEGEN_CPU_VECTORMICROKERNEL_H
#define SPIDER_LIB_CODEGEN_CPU_VECTORMICROKERNEL_H

#include "mlir/IR/PatternMatch.h"

namespace mlir::spider {

/// Adds the micro-kernel rewrites (UnmaskContraction, ContractionToFMA).
void populateVectorMicroKernelPatterns(RewritePatternSet &patterns);

} // namespace mlir::spider

#endif // SPIDER_LIB_CODEGEN_CPU_VECTORMICROKERNEL_H
