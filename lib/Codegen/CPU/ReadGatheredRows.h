//===- ReadGatheredRows.h - Read SRead's rows where they are --------------===//

#ifndef SPIDER_LIB_CODEGEN_CPU_READGATHEREDROWS_H
#define SPIDER_LIB_CODEGEN_CPU_READGATHEREDROWS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::spider {

/// When an input of `op` is a gather of whole rows (RowGather.h) that `op`
/// reads once per element (every loop that does not index it has extent
/// 1, as in a GNN aggregation's one-vertex groups), replaces `op` by a
/// generic that reads the gather's source through its positions instead,
/// with the loop along the gathered rows' columns innermost (contiguous
/// vector loads) and a compute tile of all the columns, up to twice
/// `lanes`, or `lanes` of them. Returns the new
/// op, or null when there is nothing to do. The gathered copy then dies.
linalg::LinalgOp readGatheredRowsInPlace(RewriterBase &rewriter,
                                         linalg::LinalgOp op, int64_t lanes);

} // namespace mlir::spider

#endif // SPIDER_LIB_CODEGEN_CPU_READGATHEREDROWS_H
