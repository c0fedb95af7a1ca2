//===- IndexGroups.h - Reading an index in the lowerings -------*- C++ -*-===//
//
// What spider-lower-pit-to-loops and spider-lower-gather-scatter both need from an
// index: its arrays, its number of groups, and the tile coordinates of a
// group, in the layout the runtime builds (row-major over the non-pack axes).
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_DIALECT_SPIDER_TRANSFORMS_UTILS_INDEXGROUPS_H
#define SPIDER_DIALECT_SPIDER_TRANSFORMS_UTILS_INDEXGROUPS_H

#include "spider/Dialect/Spider/IR/SpiderOps.h"

#include "mlir/IR/Builders.h"

namespace mlir::spider {

/// The arrays of an index (spider.index_arrays) and its number of groups.
struct IndexGroups {
  Value offsets, positions, numGroups;

  static IndexGroups build(OpBuilder &b, Location loc, Value index);

  /// Active micro-tiles (the length of the positions).
  Value numActive(OpBuilder &b, Location loc) const;
  /// All micro-tiles: groups times the tiles along the pack axis of
  /// `sparse`, whose micro-tile is `packTile` long there.
  Value numTiles(OpBuilder &b, Location loc, Value sparse, int64_t packAxis,
                 int64_t packTile) const;
};

/// Whether more than `threshold` of the `numTiles` micro-tiles are active
/// (`numActive`): the run-time test of a spider.pit's dense_threshold.
Value denserThan(OpBuilder &b, Location loc, Value numActive, Value numTiles,
                 double threshold);

/// The micro-tile coordinates of group `group` of an index of `type` over
/// `tensor`, one per axis; the pack axis is left null.
SmallVector<Value> groupCoordinates(OpBuilder &b, Location loc, Value group,
                                    Value tensor, TileIndexType type);

} // namespace mlir::spider

#endif // SPIDER_DIALECT_SPIDER_TRANSFORMS_UTILS_INDEXGROUPS_H
