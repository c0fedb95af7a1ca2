//===- TileCostModel.h - What tile shapes cost on a target ------*- C++ -*-===//
//
// The cost model spider-select-tiles decides with, at the level of the
// dialect (like CIRCT's ArcCostModel): a target's tile database (measured
// numbers, data rather than code) and the decisions drawn from it. A target
// with other numbers adds a database; an unknown target has none, and the
// lookup says so instead of silently answering with the CPU's.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_DIALECT_SPIDER_COSTMODEL_TILECOSTMODEL_H
#define SPIDER_DIALECT_SPIDER_COSTMODEL_TILECOSTMODEL_H

#include "spider/Dialect/Spider/IR/CpuIsa.h"
#include "spider/Dialect/Spider/IR/Target.h"

#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <array>
#include <cstdint>
#include <optional>

namespace mlir::spider {

/// One target's tiles and the measured behaviour of its dense kernels.
struct TileDatabase {
  llvm::StringRef target;
  /// The CPU vector ISA the tiles are for ("" on GPUs).
  llvm::StringRef isa;
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

/// The decisions spider-select-tiles takes for one target.
class TileCostModel {
public:
  /// The cost model of `target`; on the CPU, of the vector ISA `isa`
  /// (Host: the CPU this runs on).
  static const TileCostModel &get(Target target, CpuIsa isa = CpuIsa::Host);
  /// The CPU cost model of a tile database file measured on the host
  /// (bench/spider-tune.sh; the format is in TileDatabaseFile.cpp), read
  /// once per path. Fails, naming the file and line, on a malformed file or
  /// one measured for another ISA than `isa` (Host: this CPU's).
  static llvm::Expected<const TileCostModel *> loadFile(llvm::StringRef path,
                                                        CpuIsa isa);
  /// The cost model of the target named `name`; null for an unknown name.
  static const TileCostModel *lookup(llvm::StringRef name);

  const TileDatabase &database() const { return db; }

  /// The factor (a power of two up to 32) by which to coarsen a micro-tile
  /// of `microtileSize` along an axis of `extent` (dynamic allowed), when a
  /// group gives the kernel `rows` rows and micro-tiles are active with
  /// probability `density`: the factor minimizing active share over
  /// efficiency, ties to the finer one.
  int64_t chooseCoverFactor(int64_t rows, int64_t microtileSize,
                            int64_t extent, double density) const;

  /// The compute tile over the loops of `op`: the register tile over
  /// (m, n, k) of a contraction, the vector width along the innermost loop
  /// otherwise.
  llvm::SmallVector<int64_t> computeTile(linalg::LinalgOp op) const;

  /// The index density above which dense execution wins.
  double denseThreshold() const { return db.denseThreshold; }

private:
  explicit TileCostModel(const TileDatabase &db) : db(db) {}
  const TileDatabase &db;
};

} // namespace mlir::spider

#endif // SPIDER_DIALECT_SPIDER_COSTMODEL_TILECOSTMODEL_H
