//===- IndexGroups.h - Reading an index in the lowerings -------*- C++ -*-===//
//
// What spider-lower-pit and spider-lower-gather-scatter both need from an
// index: its arrays, its number of groups, and the tile coordinates of a
// group, in the layout the runtime builds (row-major over the non-pack axes).
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_LIB_DIALECT_SPIDER_TRANSFORMS_INDEXGROUPS_H
#define SPIDER_LIB_DIALECT_SPIDER_TRANSFORMS_INDEXGROUPS_H

#include "spider/Dialect/Spider/IR/SpiderOps.h"

#include "mlir/IR/Builders.h"

namespace mlir::spider {

/// The arrays of an index (spider.index_arrays) and its number of groups.
struct IndexGroups {
  Value offsets, positions, numGroups;

  static IndexGroups build(OpBuilder &b, Location loc, Value index);
};

/// The micro-tile coordinates of group `group` of an index of `type` over
/// `tensor`, one per axis; the pack axis is left null.
SmallVector<Value> groupCoordinates(OpBuilder &b, Location loc, Value group,
                                    Value tensor, TileIndexType type);

} // namespace mlir::spider

#endif // SPIDER_LIB_DIALECT_SPIDER_TRANSFORMS_INDEXGROUPS_H
