//===- TileIndex.h - Micro-tile index construction --------------*- C++ -*-===//
//
// The micro-tile index shared by Spider's compiler (constant folding) and its
// run-time library: plain C++17, no MLIR dependency.
//
//===----------------------------------------------------------------------===//

#ifndef SPIDER_RUNTIME_TILEINDEX_H
#define SPIDER_RUNTIME_TILEINDEX_H

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace spiderrt {

/// Which micro-tiles of a tensor are active, grouped by the tile coordinates
/// along every dimension but `packDim` (row-major over those dimensions).
/// Group `g` lists the pack-dimension coordinates of its active tiles in
/// `positions[offsets[g] .. offsets[g + 1])`, ascending.
struct TileIndex {
  std::vector<int64_t> grid; ///< Micro-tiles per tensor dimension.
  int64_t packDim = 0;
  std::vector<int64_t> offsets; ///< numGroups() + 1 entries, from 0.
  std::vector<int64_t> positions;
  /// Non-zero elements (routing decisions, edges) it was built from; -1 when
  /// unknown.
  int64_t nonZeros = -1;

  /// Number of groups; -1 when it does not fit in int64_t (validate()
  /// rejects such a grid).
  int64_t numGroups() const;
  int64_t numActive() const { return static_cast<int64_t>(positions.size()); }
  /// Number of tiles in the whole grid; -1 when it does not fit in int64_t.
  int64_t numTiles() const;
  /// Active tiles over all tiles (0 for an empty grid).
  double density() const;
  /// Returns an empty string when the index is well formed, otherwise what is
  /// wrong with it.
  std::string validate() const;
};

/// The result of building an index from run-time data: an index, or a message
/// that names the problem.
struct IndexOrError {
  TileIndex index;
  std::string error;
  bool ok() const { return error.empty(); }
};

/// Number of micro-tiles along each dimension: ceil(shape / microtile).
std::vector<int64_t> tileGrid(const std::vector<int64_t> &shape,
                              const std::vector<int64_t> &microtile);

/// Builds the index from a dense activity map over `grid` (row-major, one
/// byte per micro-tile, non-zero when active). The number of groups must
/// fit in int64_t, one less than its maximum (the builders check it).
TileIndex compressActivity(const std::vector<int64_t> &grid, int64_t packDim,
                           const std::vector<uint8_t> &active);

/// Builds the index of a row-major tensor of `shape` whose element at linear
/// position `i` is non-zero when `isNonZero(i)`.
IndexOrError detectIndex(const std::vector<int64_t> &shape,
                         const std::vector<int64_t> &microtile, int64_t packDim,
                         const std::function<bool(int64_t)> &isNonZero);

/// Builds the `[tokens, numExperts]` routing index, packed along tokens
/// (dimension 0) with micro-tile `[tokenBlock, 1]`, from `ids` of shape
/// `[numTokens, k]` row-major. Negative ids mean "no expert".
IndexOrError routeIndex(const int64_t *ids, int64_t numTokens, int64_t k,
                        int64_t numExperts, int64_t tokenBlock);

/// Builds the `[numRows, numColumns]` index of a CSR pattern, packed along
/// the columns (dimension 1) with micro-tile `[rowBlock, columnBlock]`.
/// With `sortedColumns`, columns that do not strictly increase within a
/// row are an error (spider.from_csr reads values in index order).
IndexOrError csrIndex(const int64_t *rowOffsets, int64_t numRows,
                      const int64_t *columns, int64_t numColumnEntries,
                      int64_t numColumns, int64_t rowBlock,
                      int64_t columnBlock, bool sortedColumns = false);

} // namespace spiderrt

#endif // SPIDER_RUNTIME_TILEINDEX_H
