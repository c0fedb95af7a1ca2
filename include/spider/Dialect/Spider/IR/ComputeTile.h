//===- ComputeTile.h - What a compute tile may be ---------------*- C++ -*-===//
//
// The bounds of a compute tile, shared by the dialect's verifiers and the
// code generators that read one (header-only: the CPU code generator links
// no Spider library).
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_DIALECT_SPIDER_IR_COMPUTETILE_H
#define SPIDER_DIALECT_SPIDER_IR_COMPUTETILE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace mlir::spider {

/// The discardable attribute that carries a PIT's compute tile to the dense
/// linalg op it becomes (spider-lower-pit-to-loops sets it,
/// spider-tile-and-vectorize reads it).
constexpr llvm::StringLiteral kComputeTileAttrName = "spider.compute_tile";

/// The unit attribute PIT lowering puts on the computation it runs on one
/// group's packed tiles; CPU codegen specializes such ops
/// (spider-specialize-packed-contractions).
constexpr llvm::StringLiteral kPackedComputationAttrName = "spider.packed";

/// The most elements a compute tile may hold. A compute tile becomes the
/// vectors of the CPU micro-kernel and the block of a GPU kernel; 2^20
/// elements (4 MiB of f32, a 128x128x64 block) is beyond either, and keeps
/// what the lowering unrolls and allocates finite.
constexpr int64_t kMaxComputeTileElements = int64_t(1) << 20;

/// Why `sizes` is not a compute tile (empty, a size not positive, more than
/// kMaxComputeTileElements in all), or "" when it is one.
inline std::string explainBadComputeTile(llvm::ArrayRef<int64_t> sizes) {
  if (sizes.empty())
    return "must not be empty";
  // Sizes are checked positive first, so the product grows monotonically:
  // it stops at the first size past the bound, before it can overflow.
  int64_t elements = 1;
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] <= 0)
      return "size " + std::to_string(sizes[i]) + " at position " +
             std::to_string(i) + " must be positive";
    if (sizes[i] > kMaxComputeTileElements / elements)
      return "has more than " + std::to_string(kMaxComputeTileElements) +
             " elements (2^20), beyond any register tile or GPU block";
    elements *= sizes[i];
  }
  return "";
}

} // namespace mlir::spider

#endif // SPIDER_DIALECT_SPIDER_IR_COMPUTETILE_H
