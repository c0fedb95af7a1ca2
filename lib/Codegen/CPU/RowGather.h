//===- RowGather.h - Recognize a loop that gathers whole rows -------------===//

#ifndef SPIDER_LIB_CODEGEN_CPU_ROWGATHER_H
#define SPIDER_LIB_CODEGEN_CPU_ROWGATHER_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpDefinition.h"

#include <optional>

namespace mlir::spider {

/// A 2-D tensor G made by a loop that copies, for i in [start, end), row
/// `positions[i]` of `source` (columns `sourceColumn` on, as many as G has)
/// into row i - start of a fresh tensor: SRead of whole rows, as
/// spider-lower-pit-to-loops emits it for one-row micro-tiles. So
/// G[r, c] = source[positions[start + r], sourceColumn + c] for every
/// r < end - start; rows past that are undefined.
struct RowGather {
  Value source;
  Value positions;
  Value start;
  Value end;
  OpFoldResult sourceColumn;
};

/// Reads elements of a gather G from its source inside a generic's body,
/// in place of the copy. Built once, before the generic: `nonEmpty`
/// (start < end) must guard it, as positions are read only when the
/// gather has rows; rows past the gathered ones are undefined in G and
/// read the last gathered row.
struct RowGatherReader {
  RowGatherReader(OpBuilder &b, Location loc, const RowGather &gather);

  /// source[positions[min(position, end - 1)], sourceColumn]: `position`
  /// counts from the start of the positions (start + the row of G), and
  /// `sourceColumn` from the source's first column.
  Value read(OpBuilder &b, Location loc, Value position,
             Value sourceColumn) const;

  const RowGather &gather;
  Value nonEmpty;
  Value lastPosition;
};

/// The gather `value` is the result of, if the loop that makes it is one
/// (checked op by op: anything else in the loop, or another shape, is not).
std::optional<RowGather> matchRowGather(Value value);

} // namespace mlir::spider

#endif // SPIDER_LIB_CODEGEN_CPU_ROWGATHER_H
