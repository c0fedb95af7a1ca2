//===- SelectTiles.cpp - Micro-tile cover and compute tile of PIT ---------===//

#include "spider/Dialect/Spider/IR/SpiderOps.h"
#include "spider/Dialect/Spider/Transforms/Passes.h"
#include "spider/Dialect/Spider/CostModel/TileCostModel.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"

#include "llvm/Support/MathExtras.h"

#include <cmath>
#include <limits>
#include <sstream>

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERSELECTTILES
#include "spider/Dialect/Spider/Transforms/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;
using namespace mlir::spider;

namespace {

/// The parallel loop dimension each non-pack axis of the sparse operand maps
/// to (the group's box), or nullopt for axes that map elsewhere.
SmallVector<std::optional<int64_t>> boxAxes(PitOp pit,
                                            linalg::LinalgOp computation) {
  OpOperand *sparse = pit.getSparseUse();
  SmallVector<utils::IteratorType> iterators =
      computation.getIteratorTypesArray();
  AffineMap map = computation.getMatchingIndexingMap(sparse);
  int64_t packAxis = pit.getIndex().getType().getPackDim();
  SmallVector<std::optional<int64_t>> result;
  for (auto [axis, expr] : llvm::enumerate(map.getResults())) {
    auto dim = dyn_cast<AffineDimExpr>(expr);
    if (static_cast<int64_t>(axis) == packAxis || !dim ||
        iterators[dim.getPosition()] != utils::IteratorType::parallel)
      result.push_back(std::nullopt);
    else
      result.push_back(dim.getPosition());
  }
  return result;
}

struct SelectTilesPass
    : public spider::impl::SpiderSelectTilesBase<SelectTilesPass> {
  using Base::Base;

  void runOnOperation() override {
    // An option is input: a density is a fraction (NaN fails this too).
    if (!(assumedDensity >= 0.0 && assumedDensity <= 1.0)) {
      std::ostringstream value; // As written: -1, 1.5, nan.
      value << assumedDensity;
      emitError(getOperation()->getLoc())
          << "spider-select-tiles: assumed-density " << value.str()
          << " must lie in [0, 1] (the fraction of active micro-tiles)";
      return signalPassFailure();
    }
    const TileCostModel *model = &TileCostModel::get(target, cpuIsa);
    if (!tileDatabase.empty()) {
      if (target != Target::CPU) {
        getOperation()->emitError()
            << "spider-select-tiles: a tile database file is for "
               "target=cpu; the GPU has its built-in one";
        return signalPassFailure();
      }
      llvm::Expected<const TileCostModel *> loaded =
          TileCostModel::loadFile(tileDatabase, cpuIsa);
      if (!loaded) {
        getOperation()->emitError()
            << "spider-select-tiles: " << llvm::toString(loaded.takeError());
        return signalPassFailure();
      }
      model = *loaded;
    }
    getOperation()->walk([&](PitOp pit) { select(pit, *model); });
  }

  void select(PitOp pit, const TileCostModel &model) {
    auto computation = dyn_cast_or_null<linalg::LinalgOp>(pit.getComputation());
    if (!computation) {
      pit.emitRemark() << "no tile config chosen: the computation '"
                       << pit.getComputation()->getName()
                       << "' is not a linalg op";
      return;
    }
    TileIndexType indexType = pit.getIndex().getType();
    SmallVector<int64_t> microtile(indexType.getMicrotile());
    auto sparseType = cast<RankedTensorType>(pit.getSparseValue().getType());
    SmallVector<std::optional<int64_t>> box = boxAxes(pit, computation);

    // Rows the kernel sees per group: the micro-tile along parallel box
    // axes; a parallel pack dimension gathers many rows by itself.
    bool packIsParallel =
        computation.getIteratorTypesArray()[pit.getPackDim()] ==
        utils::IteratorType::parallel;
    // A micro-tile past the tensor's extent covers the extent; sizes are
    // user input, so the product saturates instead of overflowing.
    int64_t rows = 1;
    for (auto [axis, loop] : llvm::enumerate(box)) {
      if (!loop)
        continue;
      int64_t extent = sparseType.getDimSize(axis);
      int64_t covered = ShapedType::isDynamic(extent)
                            ? microtile[axis]
                            : std::min(microtile[axis], extent);
      if (llvm::MulOverflow(rows, covered, rows))
        rows = std::numeric_limits<int64_t>::max();
    }
    if (packIsParallel)
      rows = std::max<int64_t>(rows, 32);

    // Cover: coarsen the first parallel box axis, when the index is detected
    // from data and can be rebuilt.
    auto detect = pit.getIndex().getDefiningOp<DetectOp>();
    std::optional<int64_t> coarsenAxis;
    for (auto [axis, loop] : llvm::enumerate(box))
      if (loop && !coarsenAxis)
        coarsenAxis = axis;
    int64_t bestFactor = 1;
    if (detect && coarsenAxis)
      bestFactor = model.chooseCoverFactor(
          rows, microtile[*coarsenAxis], sparseType.getDimSize(*coarsenAxis),
          assumedDensity);
    if (bestFactor > 1) {
      microtile[*coarsenAxis] *= bestFactor;
      auto coarser = TileIndexType::get(&getContext(), microtile,
                                        indexType.getPackDim());
      OpBuilder b(detect);
      b.setInsertionPointAfter(detect);
      auto newDetect =
          DetectOp::create(b, detect.getLoc(), coarser, detect.getInput());
      pit.getIndexMutable().assign(newDetect);
      if (detect->use_empty())
        detect.erase();
    }

    // Compute tile over the loops of the computation.
    SmallVector<int64_t> computeTile = model.computeTile(computation);
    pit.setTileConfigAttr(
        TileConfigAttr::get(&getContext(), microtile, computeTile));
    // A chain's dense form would materialize its intermediates: none.
    if (denseFallback && !pit.isChain())
      pit.setDenseThresholdAttr(
          FloatAttr::get(Float64Type::get(&getContext()), model.denseThreshold()));
  }
};

} // namespace
