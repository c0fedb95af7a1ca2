//===- SelectTiles.cpp - Micro-tile cover and compute tile of PIT ---------===//

#include "spider/Dialect/Spider/IR/SpiderOps.h"
#include "spider/Dialect/Spider/Transforms/Passes.h"
#include "spider/Dialect/Spider/Transforms/TileDatabase.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"

#include <cmath>

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
  Block &body = pit.getBody().front();
  BlockArgument sparseArg = body.getArgument(pit.getSparseOperand());
  OpOperand *sparse = nullptr;
  for (OpOperand &operand : computation->getOpOperands())
    if (operand.get() == sparseArg)
      sparse = &operand;
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
    StringRef name = target;
    if (name != "cpu" && name != "gpu" && !name.starts_with("sm_")) {
      getOperation()->emitError()
          << "spider-select-tiles: no tile database for target '" << name
          << "'; use cpu, gpu or an sm_ architecture";
      return signalPassFailure();
    }
    const TileDatabase &db = getTileDatabase(target);
    getOperation()->walk([&](PitOp pit) { select(pit, db); });
  }

  void select(PitOp pit, const TileDatabase &db) {
    auto computation = dyn_cast_or_null<linalg::LinalgOp>(pit.getComputation());
    if (!computation)
      return;
    TileIndexType indexType = pit.getIndex().getType();
    SmallVector<int64_t> microtile(indexType.getMicrotile());
    auto sparseType = cast<RankedTensorType>(pit.getSparseValue().getType());
    SmallVector<std::optional<int64_t>> box = boxAxes(pit, computation);

    // Rows the kernel sees per group: the micro-tile along parallel box
    // axes; a parallel pack dimension gathers many rows by itself.
    bool packIsParallel =
        computation.getIteratorTypesArray()[pit.getPackDim()] ==
        utils::IteratorType::parallel;
    int64_t rows = 1;
    for (auto [axis, loop] : llvm::enumerate(box))
      if (loop)
        rows *= microtile[axis];
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
    if (detect && coarsenAxis) {
      double p = std::clamp(assumedDensity.getValue(), 1e-6, 1.0);
      int64_t extent = sparseType.getDimSize(*coarsenAxis);
      double bestCost = INFINITY;
      for (int64_t c = 1; c <= 32; c *= 2) {
        int64_t size = microtile[*coarsenAxis] * c;
        if (c > 1 && !ShapedType::isDynamic(extent) && size > extent)
          break;
        double density = 1.0 - std::pow(1.0 - p, double(c));
        double cost = density / db.efficiency(rows * c);
        if (cost < bestCost * 0.98) { // Ties favour the finer cover.
          bestCost = cost;
          bestFactor = c;
        }
      }
    }
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
    SmallVector<int64_t> computeTile(computation.getNumLoops(), 1);
    FailureOr<linalg::ContractionDimensions> dims =
        linalg::isaContractionOpInterface(computation)
            ? linalg::inferContractionDims(computation)
            : FailureOr<linalg::ContractionDimensions>(failure());
    if (succeeded(dims) && dims->m.size() == 1 && dims->n.size() == 1 &&
        dims->k.size() == 1) {
      computeTile[dims->m[0]] = db.registerTile[0];
      computeTile[dims->n[0]] = db.registerTile[1];
      computeTile[dims->k[0]] = db.registerTile[2];
    } else if (!computeTile.empty()) {
      computeTile.back() = db.vectorWidth;
    }
    pit.setTileConfigAttr(
        TileConfigAttr::get(&getContext(), microtile, computeTile));
    if (denseFallback)
      pit.setDenseThresholdAttr(
          FloatAttr::get(Float64Type::get(&getContext()), db.denseThreshold));
  }
};

} // namespace
