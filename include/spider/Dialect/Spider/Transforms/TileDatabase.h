//===- TileDatabase.h - What tile shapes cost on a target -------*- C++ -*-===//
//
// The numbers spider-select-tiles decides with. CPU entries come from
// bench/spider-cpu-bench on the machine docs/performance.md names; they are
// data, not code: a target with other numbers adds an entry.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_DIALECT_SPIDER_TRANSFORMS_TILEDATABASE_H
#define SPIDER_DIALECT_SPIDER_TRANSFORMS_TILEDATABASE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <array>
#include <cstdint>

namespace mlir::spider {

/// One target's tiles and the measured behaviour of its dense kernels.
struct TileDatabase {
  llvm::StringRef target;
  /// Register tile over (m, n, k) of contractions.
  std::array<int64_t, 3> registerTile;
  /// Lanes along the innermost loop of other ops.
  int64_t vectorWidth;
  /// Throughput of the dense contraction kernel relative to its best, as a
  /// function of the rows a PIT group gives it (the product of the micro-tile
  /// along the group's parallel axes): {rows, efficiency}, rows ascending.
  llvm::ArrayRef<std::pair<int64_t, double>> efficiencyByRows;
  /// Index density above which running densely beats PIT, for micro-tiles
  /// that give the kernel full rows.
  double denseThreshold;

  /// Interpolated efficiency for `rows` rows (clamped at the table's ends).
  double efficiency(int64_t rows) const;
};

/// The database of a target: "cpu" (x86-64 with AVX-512 or AVX2).
const TileDatabase &getTileDatabase(llvm::StringRef target);

} // namespace mlir::spider

#endif // SPIDER_DIALECT_SPIDER_TRANSFORMS_TILEDATABASE_H
