//===- TileIndex.cpp - Micro-tile index construction ----------------------===//

#include "spider/Runtime/TileIndex.h"

#include <algorithm>
#include <climits>
#include <sstream>

namespace spiderrt {
namespace {

std::string join(const std::vector<int64_t> &values) {
  std::ostringstream os;
  os << '[';
  for (size_t i = 0; i < values.size(); ++i)
    os << (i ? ", " : "") << values[i];
  os << ']';
  return os.str();
}

IndexOrError failure(std::string message) {
  IndexOrError result;
  result.error = std::move(message);
  return result;
}

/// The product of `sizes` (non-negative) but the one at `skip`, or -1 when
/// it does not fit in int64_t. A zero anywhere makes it 0 whatever else.
int64_t checkedProduct(const std::vector<int64_t> &sizes, int64_t skip = -1) {
  int64_t product = 1;
  bool overflow = false;
  for (size_t d = 0; d < sizes.size(); ++d) {
    if (static_cast<int64_t>(d) == skip)
      continue;
    if (sizes[d] == 0)
      return 0;
    overflow = overflow || __builtin_mul_overflow(product, sizes[d], &product);
  }
  return overflow ? -1 : product;
}

/// ceil(a / b) for a >= 0, b > 0, without the overflow of (a + b - 1) / b.
int64_t ceilDiv(int64_t a, int64_t b) { return a / b + (a % b != 0); }

/// What an index cannot hold: the message when `count` (a checkedProduct)
/// overflowed.
std::string tooMany(const char *what, const std::vector<int64_t> &grid) {
  return "grid " + join(grid) + " has more " + what +
         " than an index can count (2^63 - 1)";
}

} // namespace

TileIndex compressActivity(const std::vector<int64_t> &grid, int64_t packDim,
                           const std::vector<uint8_t> &active) {
  TileIndex index;
  index.grid = grid;
  index.packDim = packDim;
  int64_t rank = static_cast<int64_t>(grid.size());
  // Stride of each grid dimension in the row-major activity map. They fit
  // when there is a tile; with none (a zero size) they are never used, and
  // the builtin keeps their overflow defined.
  std::vector<int64_t> stride(rank, 1);
  for (int64_t d = rank - 2; d >= 0; --d)
    __builtin_mul_overflow(stride[d + 1], grid[d + 1], &stride[d]);
  int64_t numGroups = index.numGroups();
  index.offsets.reserve(numGroups + 1);
  index.offsets.push_back(0);
  std::vector<int64_t> coord(rank, 0); // Group coordinates; coord[packDim]==0.
  for (int64_t g = 0; g < numGroups; ++g) {
    int64_t base = 0;
    for (int64_t d = 0; d < rank; ++d)
      base += coord[d] * stride[d];
    for (int64_t p = 0; p < grid[packDim]; ++p)
      if (active[base + p * stride[packDim]])
        index.positions.push_back(p);
    index.offsets.push_back(index.numActive());
    // Advance the group coordinates, skipping the pack dimension.
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (d == packDim)
        continue;
      if (++coord[d] < grid[d])
        break;
      coord[d] = 0;
    }
  }
  return index;
}

namespace {

std::string checkTiling(const std::vector<int64_t> &shape,
                        const std::vector<int64_t> &microtile,
                        int64_t packDim) {
  if (shape.size() != microtile.size())
    return "micro-tile " + join(microtile) + " has rank " +
           std::to_string(microtile.size()) + " but the tensor " + join(shape) +
           " has rank " + std::to_string(shape.size());
  for (size_t d = 0; d < shape.size(); ++d) {
    if (shape[d] < 0)
      return "tensor dimension " + std::to_string(d) + " has negative size " +
             std::to_string(shape[d]);
    if (microtile[d] <= 0)
      return "micro-tile " + join(microtile) + " has a non-positive size";
  }
  if (packDim < 0 || packDim >= static_cast<int64_t>(shape.size()))
    return "pack dimension " + std::to_string(packDim) +
           " is out of range for rank " + std::to_string(shape.size());
  return {};
}

} // namespace

int64_t TileIndex::numGroups() const { return checkedProduct(grid, packDim); }

int64_t TileIndex::numTiles() const { return checkedProduct(grid); }

double TileIndex::density() const {
  int64_t tiles = numTiles();
  if (tiles < 0) // More tiles than int64_t counts: as good as none active.
    return 0.0;
  return tiles == 0 ? 0.0 : static_cast<double>(numActive()) / tiles;
}

std::string TileIndex::validate() const {
  if (packDim < 0 || packDim >= static_cast<int64_t>(grid.size()))
    return "pack dimension " + std::to_string(packDim) +
           " is out of range for a grid of rank " + std::to_string(grid.size());
  for (int64_t g : grid)
    if (g < 0)
      return "grid " + join(grid) + " has a negative size";
  int64_t groups = numGroups();
  // One offset more than there are groups must be countable too.
  if (groups < 0 || groups == INT64_MAX)
    return tooMany("groups", grid);
  if (static_cast<int64_t>(offsets.size()) != groups + 1)
    return "expected " + std::to_string(groups + 1) +
           " offsets (one more than the " + std::to_string(groups) +
           " groups of grid " + join(grid) + "), got " +
           std::to_string(offsets.size());
  if (offsets.front() != 0)
    return "offsets must start at 0, not " + std::to_string(offsets.front());
  for (size_t g = 0; g + 1 < offsets.size(); ++g) {
    if (offsets[g + 1] < offsets[g])
      return "offsets decrease at group " + std::to_string(g) + " (" +
             std::to_string(offsets[g]) + " > " +
             std::to_string(offsets[g + 1]) + ")";
    if (offsets[g + 1] - offsets[g] > grid[packDim])
      return "group " + std::to_string(g) + " lists more positions than the " +
             std::to_string(grid[packDim]) + " tiles along the pack dimension";
  }
  if (offsets.back() != numActive())
    return "offsets end at " + std::to_string(offsets.back()) +
           " but there are " + std::to_string(numActive()) + " positions";
  for (size_t g = 0; g + 1 < offsets.size(); ++g)
    for (int64_t i = offsets[g] + 1; i < offsets[g + 1]; ++i)
      if (positions[i] <= positions[i - 1])
        return "positions of group " + std::to_string(g) +
               " are not strictly ascending (" +
               std::to_string(positions[i - 1]) + " then " +
               std::to_string(positions[i]) + ")";
  for (size_t i = 0; i < positions.size(); ++i)
    if (positions[i] < 0 || positions[i] >= grid[packDim])
      return "position " + std::to_string(positions[i]) + " (entry " +
             std::to_string(i) + ") is outside [0, " +
             std::to_string(grid[packDim]) + ") along the pack dimension";
  return {};
}

std::vector<int64_t> tileGrid(const std::vector<int64_t> &shape,
                              const std::vector<int64_t> &microtile) {
  std::vector<int64_t> grid(shape.size());
  for (size_t d = 0; d < shape.size(); ++d)
    grid[d] = ceilDiv(shape[d], microtile[d]);
  return grid;
}

IndexOrError detectIndex(const std::vector<int64_t> &shape,
                         const std::vector<int64_t> &microtile, int64_t packDim,
                         const std::function<bool(int64_t)> &isNonZero) {
  if (std::string error = checkTiling(shape, microtile, packDim);
      !error.empty())
    return failure("detect: " + error);
  std::vector<int64_t> grid = tileGrid(shape, microtile);
  int64_t rank = static_cast<int64_t>(shape.size());
  // No more tiles than elements: one check covers both.
  int64_t numTiles = checkedProduct(grid);
  int64_t numElements = checkedProduct(shape);
  if (numElements < 0)
    return failure("detect: the tensor " + join(shape) +
                   " has more elements than an index can count (2^63 - 1)");
  // An empty tensor may still have groups to count (zero tiles each).
  int64_t numGroups = checkedProduct(grid, packDim);
  if (numGroups < 0 || numGroups == INT64_MAX)
    return failure("detect: " + tooMany("groups", grid));
  std::vector<uint8_t> active(numTiles, 0);
  std::vector<int64_t> coord(rank, 0);
  int64_t nonZeros = 0;
  for (int64_t i = 0; i < numElements; ++i) {
    if (isNonZero(i)) {
      ++nonZeros;
      int64_t tile = 0;
      for (int64_t d = 0; d < rank; ++d)
        tile = tile * grid[d] + coord[d] / microtile[d];
      active[tile] = 1;
    }
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++coord[d] < shape[d])
        break;
      coord[d] = 0;
    }
  }
  IndexOrError result;
  result.index = compressActivity(grid, packDim, active);
  result.index.nonZeros = nonZeros;
  return result;
}

IndexOrError routeIndex(const int64_t *ids, int64_t numTokens, int64_t k,
                        int64_t numExperts, int64_t tokenBlock) {
  if (numTokens < 0 || k < 0)
    return failure("route: negative number of tokens or choices");
  if (numExperts <= 0)
    return failure("route: the number of experts must be positive, not " +
                   std::to_string(numExperts));
  if (tokenBlock <= 0)
    return failure("route: the token block must be positive, not " +
                   std::to_string(tokenBlock));
  int64_t numIds;
  if (__builtin_mul_overflow(numTokens, k, &numIds))
    return failure("route: " + std::to_string(numTokens) + " tokens with " +
                   std::to_string(k) + " choices each are more routing "
                   "decisions than an index can count (2^63 - 1)");
  std::vector<int64_t> grid = {ceilDiv(numTokens, tokenBlock), numExperts};
  int64_t numTiles = checkedProduct(grid);
  if (numTiles < 0)
    return failure("route: " + tooMany("tiles", grid));
  std::vector<uint8_t> active(numTiles, 0);
  int64_t routed = 0;
  for (int64_t t = 0; t < numTokens; ++t) {
    for (int64_t j = 0; j < k; ++j) {
      int64_t expert = ids[t * k + j];
      if (expert < 0)
        continue;
      if (expert >= numExperts)
        return failure("route: expert id " + std::to_string(expert) +
                       " of token " + std::to_string(t) +
                       " is out of range [0, " + std::to_string(numExperts) +
                       ")");
      active[(t / tokenBlock) * numExperts + expert] = 1;
      ++routed;
    }
  }
  IndexOrError result;
  result.index = compressActivity(grid, /*packDim=*/0, active);
  result.index.nonZeros = routed;
  return result;
}

IndexOrError csrIndex(const int64_t *rowOffsets, int64_t numRows,
                      const int64_t *columns, int64_t numColumnEntries,
                      int64_t numColumns, int64_t rowBlock,
                      int64_t columnBlock, bool sortedColumns) {
  if (numRows < 0)
    return failure("index_from_csr: row offsets must have at least one entry");
  if (numColumns < 0)
    return failure("index_from_csr: negative number of columns " +
                   std::to_string(numColumns));
  if (rowBlock <= 0 || columnBlock <= 0)
    return failure("index_from_csr: micro-tile sizes must be positive");
  if (rowOffsets[0] != 0)
    return failure("index_from_csr: row offsets must start at 0, not " +
                   std::to_string(rowOffsets[0]));
  for (int64_t r = 0; r < numRows; ++r)
    if (rowOffsets[r + 1] < rowOffsets[r])
      return failure("index_from_csr: row offsets decrease at row " +
                     std::to_string(r) + " (" + std::to_string(rowOffsets[r]) +
                     " > " + std::to_string(rowOffsets[r + 1]) + ")");
  if (rowOffsets[numRows] != numColumnEntries)
    return failure("index_from_csr: row offsets end at " +
                   std::to_string(rowOffsets[numRows]) + " but there are " +
                   std::to_string(numColumnEntries) + " column entries");
  std::vector<int64_t> grid = {ceilDiv(numRows, rowBlock),
                               ceilDiv(numColumns, columnBlock)};
  int64_t numTiles = checkedProduct(grid);
  if (numTiles < 0)
    return failure("index_from_csr: " + tooMany("tiles", grid));
  // Straight to the compressed layout, block row by block row: memory and
  // time follow the entries, not the grid (a 100k-vertex graph has 10^10
  // [1, 1] tiles and a few million edges).
  IndexOrError result;
  TileIndex &index = result.index;
  index.grid = grid;
  index.packDim = 1;
  index.offsets.reserve(grid[0] + 1);
  index.offsets.push_back(0);
  // At most one active tile per entry.
  index.positions.reserve(static_cast<size_t>(numColumnEntries));
  // [1, 1] micro-tiles of canonical CSR: the index is the CSR itself, once
  // the columns are checked (one pass, then two copies).
  if (sortedColumns && rowBlock == 1 && columnBlock == 1) {
    for (int64_t r = 0; r < numRows; ++r) {
      int64_t previous = -1;
      for (int64_t e = rowOffsets[r]; e < rowOffsets[r + 1]; ++e) {
        int64_t c = columns[e];
        if (c > previous && c < numColumns) {
          previous = c;
          continue;
        }
        if (c < 0 || c >= numColumns)
          return failure("index_from_csr: column " + std::to_string(c) +
                         " of row " + std::to_string(r) +
                         " is out of range [0, " + std::to_string(numColumns) +
                         ")");
        return failure("from_csr: the columns of row " + std::to_string(r) +
                       " do not strictly increase (" +
                       std::to_string(previous) + " then " +
                       std::to_string(c) +
                       "): values are read in index order, so each row's "
                       "columns must be sorted and unique");
      }
    }
    index.offsets.assign(rowOffsets, rowOffsets + numRows + 1);
    index.positions.assign(columns, columns + numColumnEntries);
    index.nonZeros = numColumnEntries;
    return result;
  }
  // One row per block row whose columns were checked to increase: its
  // column tiles already ascend, and need no sort.
  bool ascending = sortedColumns && rowBlock == 1;
  std::vector<int64_t> blockColumns;
  for (int64_t r = 0; r < numRows; ++r) {
    for (int64_t e = rowOffsets[r]; e < rowOffsets[r + 1]; ++e) {
      int64_t c = columns[e];
      if (c < 0 || c >= numColumns)
        return failure("index_from_csr: column " + std::to_string(c) +
                       " of row " + std::to_string(r) +
                       " is out of range [0, " + std::to_string(numColumns) +
                       ")");
      if (sortedColumns && e > rowOffsets[r] && columns[e - 1] >= c)
        return failure("from_csr: the columns of row " + std::to_string(r) +
                       " do not strictly increase (" +
                       std::to_string(columns[e - 1]) + " then " +
                       std::to_string(c) +
                       "): values are read in index order, so each row's "
                       "columns must be sorted and unique");
      blockColumns.push_back(c / columnBlock);
    }
    // The last row of a block row, or of the matrix: its active column
    // tiles, ascending and once each.
    if ((r + 1) % rowBlock == 0 || r + 1 == numRows) {
      if (!ascending)
        std::sort(blockColumns.begin(), blockColumns.end());
      blockColumns.erase(std::unique(blockColumns.begin(), blockColumns.end()),
                         blockColumns.end());
      index.positions.insert(index.positions.end(), blockColumns.begin(),
                             blockColumns.end());
      index.offsets.push_back(index.numActive());
      blockColumns.clear();
    }
  }
  index.nonZeros = numColumnEntries;
  return result;
}

} // namespace spiderrt
