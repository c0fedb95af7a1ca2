//===- ReadGatheredRows.cpp - Read SRead's rows where they are ------------===//
//
// A PIT group whose computation reads each gathered row once (a GNN
// aggregation: one vertex, its neighbours' feature rows) gains nothing
// from the gathered copy: it is written, then read once. The computation
// reads the rows through the index instead:
//
//   G = gather rows positions[start + r] of X      (RowGather.h)
//   out[.., c] = f(.., G[r, c], ..)
// becomes
//   out[.., c] = f(.., X[positions[min(start + r, end - 1)], col0 + c], ..)
//
// under an scf.if on start < end. Rows past the gathered ones are
// undefined in G, so they may read the last gathered row; a gather of no
// rows leaves G undefined, and the results are then the inits, unchanged
// (no position is read).
//
//===----------------------------------------------------------------------===//

#include "ReadGatheredRows.h"
#include "RowGather.h"
#include "spider/Dialect/Spider/IR/ComputeTile.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace mlir::spider;

namespace {

/// The gathered input of `op` and the loops that index its rows and
/// columns, if `op` reads it once per element.
struct GatheredInput {
  OpOperand *operand;
  RowGather gather;
  unsigned rowLoop, columnLoop;
};

std::optional<GatheredInput> findGatheredInput(linalg::LinalgOp op) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  for (OpOperand *input : op.getDpsInputOperands()) {
    AffineMap map = op.getMatchingIndexingMap(input);
    if (map.getNumResults() != 2)
      continue;
    auto row = dyn_cast<AffineDimExpr>(map.getResult(0));
    auto column = dyn_cast<AffineDimExpr>(map.getResult(1));
    if (!row || !column || row == column)
      continue;
    bool readOnce = true;
    for (auto [loop, range] : llvm::enumerate(ranges))
      if (loop != row.getPosition() && loop != column.getPosition() &&
          range != 1)
        readOnce = false;
    if (!readOnce)
      continue;
    if (std::optional<RowGather> gather = matchRowGather(input->get()))
      return GatheredInput{input, *gather, row.getPosition(),
                           column.getPosition()};
  }
  return std::nullopt;
}

} // namespace

linalg::LinalgOp mlir::spider::readGatheredRowsInPlace(RewriterBase &rewriter,
                                                       linalg::LinalgOp op,
                                                       int64_t lanes) {
  if (!op.hasPureTensorSemantics() || op.getNumLoops() == 0 ||
      op->getNumRegions() != 1 || op.hasIndexSemantics())
    return nullptr;
  std::optional<GatheredInput> found = findGatheredInput(op);
  if (!found)
    return nullptr;
  Location loc = op.getLoc();
  unsigned numLoops = op.getNumLoops();
  unsigned gatheredIndex = found->operand->getOperandNumber();

  // Loops in their order, the gathered columns' loop moved last.
  SmallVector<unsigned> order;
  for (unsigned d = 0; d < numLoops; ++d)
    if (d != found->columnLoop)
      order.push_back(d);
  order.push_back(found->columnLoop);
  SmallVector<unsigned> newPosition(numLoops);
  for (auto [to, from] : llvm::enumerate(order))
    newPosition[from] = to;
  MLIRContext *ctx = op.getContext();
  SmallVector<AffineExpr> renamed;
  for (unsigned d = 0; d < numLoops; ++d)
    renamed.push_back(getAffineDimExpr(newPosition[d], ctx));
  auto remap = [&](AffineMap map) {
    return map.replaceDimsAndSymbols(renamed, {}, numLoops, 0);
  };

  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;
  for (OpOperand *input : op.getDpsInputOperands()) {
    if (input->getOperandNumber() == gatheredIndex)
      continue;
    inputs.push_back(input->get());
    maps.push_back(remap(op.getMatchingIndexingMap(input)));
  }
  SmallVector<Value> inits;
  for (OpOperand &init : op.getDpsInitsMutable()) {
    inits.push_back(init.get());
    maps.push_back(remap(op.getMatchingIndexingMap(&init)));
  }
  // Loop bounds come from the operands' shapes: every loop must still be
  // indexed by an operand (a reduction over the gathered columns alone is
  // not; it keeps the copy).
  if (!inversePermutation(concatAffineMaps(maps, ctx)))
    return nullptr;
  SmallVector<utils::IteratorType> oldIterators = op.getIteratorTypesArray();
  SmallVector<utils::IteratorType> iterators;
  for (unsigned from : order)
    iterators.push_back(oldIterators[from]);

  const RowGather &gather = found->gather;
  rewriter.setInsertionPoint(op);
  RowGatherReader reader(rewriter, loc, gather);
  Value column0 =
      getValueOrCreateConstantIndexOp(rewriter, loc, gather.sourceColumn);
  auto ifOp = scf::IfOp::create(rewriter, loc, op->getResultTypes(),
                                reader.nonEmpty, /*withElseRegion=*/true);
  Block *body = op.getBlock();
  linalg::GenericOp generic;
  {
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointToStart(&ifOp.getThenRegion().front());
    generic = linalg::GenericOp::create(
        rewriter, loc, op->getResultTypes(), inputs, inits, maps, iterators,
        [&](OpBuilder &b, Location l, ValueRange args) {
          IRMapping mapping;
          unsigned next = 0;
          for (BlockArgument arg : body->getArguments()) {
            if (arg.getArgNumber() == gatheredIndex)
              continue;
            mapping.map(arg, args[next++]);
          }
          Value r = linalg::IndexOp::create(b, l, newPosition[found->rowLoop]);
          Value c =
              linalg::IndexOp::create(b, l, newPosition[found->columnLoop]);
          Value position = arith::AddIOp::create(b, l, gather.start, r);
          Value column = arith::AddIOp::create(b, l, column0, c);
          Value element = reader.read(b, l, position, column);
          mapping.map(body->getArgument(gatheredIndex), element);
          for (Operation &inner : body->getOperations())
            b.clone(inner, mapping);
        });
    scf::YieldOp::create(rewriter, loc, generic->getResults());
    rewriter.setInsertionPointToStart(&ifOp.getElseRegion().front());
    scf::YieldOp::create(rewriter, loc, inits);
  }
  // The register tile: one of every loop but the columns, and of those
  // all when they fit in twice `lanes` (a GNN's 128 features in 8 zmm:
  // the accumulators then stay in registers across the gathered rows),
  // else `lanes` (several vectors, so that independent FMAs hide each
  // other's latency). It replaces a compute tile chosen for `op` as a
  // contraction.
  SmallVector<int64_t> tile(numLoops, 1);
  int64_t columns = op.getStaticLoopRanges()[found->columnLoop];
  tile.back() = !ShapedType::isDynamic(columns) && columns <= 2 * lanes
                    ? columns
                    : lanes;
  generic->setAttr(kComputeTileAttrName, rewriter.getDenseI64ArrayAttr(tile));
  rewriter.replaceOp(op, ifOp->getResults());
  return cast<linalg::LinalgOp>(generic.getOperation());
}
