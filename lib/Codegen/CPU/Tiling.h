//===- Tiling.h - Tile a linalg op and keep its loops ---------------------===//

#ifndef SPIDER_LIB_CODEGEN_CPU_TILING_H
#define SPIDER_LIB_CODEGEN_CPU_TILING_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"

namespace mlir::spider {

/// Tiles `op` with `sizes` (0: a loop not tiled), with scf.for loops or one
/// scf.forall, and replaces it; returns the loops and the tiled op (one).
inline FailureOr<scf::SCFTilingResult>
tileWithLoops(RewriterBase &rewriter, linalg::LinalgOp op,
              ArrayRef<int64_t> sizes, bool forall = false) {
  scf::SCFTilingOptions options;
  if (forall)
    options.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
  SmallVector<OpFoldResult> tileSizes;
  for (int64_t s : sizes)
    tileSizes.push_back(rewriter.getIndexAttr(s));
  options.setTileSizes(tileSizes);
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> result = scf::tileUsingSCF(
      rewriter, cast<TilingInterface>(op.getOperation()), options);
  if (failed(result) || result->tiledOps.size() != 1)
    return failure();
  rewriter.replaceOp(op, result->replacements);
  return result;
}

} // namespace mlir::spider

#endif // SPIDER_LIB_CODEGEN_CPU_TILING_H
