//===- PackPanels.cpp - Copy a block of B into contiguous column panels ---===//
//
// The register micro-kernel walks B down k, one row of `nr` columns per
// step. Read in place, consecutive rows of B lie N elements apart: at the
// strides deep-learning shapes have (768, 2048, 3072 floats: multiples of
// 4 KiB) every row of a panel falls into the same L1 set, so a panel never
// stays in L1 and each step waits on L2. GotoBLAS's answer is to copy each
// block of B into panels of `nr` columns, each panel contiguous down k; the
// micro-kernel then streams one panel from L1 for every register tile of
// rows. This file builds that copy (expand_shape + transpose, vectorized
// like any other op) and makes the panel loop read it. Where B is a PIT
// group's SRead of whole rows, the copy reads those rows from the original
// B through the index instead: SRead fused into the panel copy.
//
//===----------------------------------------------------------------------===//

#include "PackPanels.h"
#include "RowGather.h"
#include "Tiling.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace mlir::spider;

static bool isUnitStrides(ArrayRef<OpFoldResult> strides) {
  return llvm::all_of(strides,
                      [](OpFoldResult s) { return isConstantIntValue(s, 1); });
}

/// The input of `op` indexed exactly (k, n), if there is one.
static OpOperand *operandIndexedKN(linalg::LinalgOp op, int64_t k,
                                   int64_t n) {
  MLIRContext *ctx = op.getContext();
  AffineMap wanted = AffineMap::get(
      op.getNumLoops(), 0, {getAffineDimExpr(k, ctx), getAffineDimExpr(n, ctx)},
      ctx);
  for (OpOperand *input : op.getDpsInputOperands())
    if (op.getMatchingIndexingMap(input) == wanted &&
        isa<RankedTensorType>(input->get().getType()))
      return input;
  return nullptr;
}

bool mlir::spider::canPackIntoPanels(linalg::LinalgOp op,
                                     std::array<int64_t, 3> mnk,
                                     int64_t blockN, int64_t nr) {
  if (nr <= 0 || blockN <= 0 || blockN % nr != 0)
    return false;
  if (op.getNumDpsInits() != 1 || op.getNumDpsInputs() != 2 ||
      !operandIndexedKN(op, mnk[2], mnk[1]))
    return false;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  int64_t n = ranges[mnk[1]], m = ranges[mnk[0]];
  // A static n that the block divides (every block the same static size)
  // and more than one row (a dynamic count may be many) to reuse each
  // panel: one row reads it once, and the copy would be pure cost.
  return !ShapedType::isDynamic(n) && n % blockN == 0 &&
         (ShapedType::isDynamic(m) || m > 1);
}

/// The panels [n / nr, k, nr] of the block `block` = G[o0 + r, o1 + c] of a
/// row gather G, read from the gather's source through its positions: one
/// copy where SRead and the panel copy made two. The copy runs k outermost,
/// so that each source row is read once, contiguously.
///
/// A gather of no rows leaves G undefined: the panels are then a fresh
/// tensor (scf.if on RowGatherReader::nonEmpty), and no position is read.
static PanelCopy gatherIntoPanels(RewriterBase &rewriter, Location loc,
                                  const RowGather &gather,
                                  tensor::ExtractSliceOp block,
                                  RankedTensorType panelsType,
                                  ArrayRef<OpFoldResult> panelSizes,
                                  int64_t nr) {
  auto value = [&](OpFoldResult v) {
    return getValueOrCreateConstantIndexOp(rewriter, loc, v);
  };
  Value rowBase = arith::AddIOp::create(rewriter, loc, gather.start,
                                        value(block.getMixedOffsets()[0]));
  Value columnBase = arith::AddIOp::create(
      rewriter, loc, value(gather.sourceColumn),
      value(block.getMixedOffsets()[1]));
  RowGatherReader reader(rewriter, loc, gather);
  Value empty = tensor::EmptyOp::create(rewriter, loc, panelSizes,
                                        panelsType.getElementType());
  auto ifOp = scf::IfOp::create(rewriter, loc, TypeRange{panelsType},
                                reader.nonEmpty, /*withElseRegion=*/true);
  linalg::GenericOp copy;
  {
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointToStart(&ifOp.getThenRegion().front());
    MLIRContext *ctx = rewriter.getContext();
    AffineExpr k, p, j;
    bindDims(ctx, k, p, j);
    // Loops (k, panel, column in panel); the panels are [panel, k, column].
    AffineMap out = AffineMap::get(3, 0, {p, k, j}, ctx);
    SmallVector<utils::IteratorType> parallel(3, utils::IteratorType::parallel);
    copy = linalg::GenericOp::create(
        rewriter, loc, TypeRange{panelsType}, ValueRange{}, ValueRange{empty},
        ArrayRef<AffineMap>{out}, parallel,
        [&](OpBuilder &b, Location l, ValueRange) {
          Value kk = linalg::IndexOp::create(b, l, 0);
          Value panel = linalg::IndexOp::create(b, l, 1);
          Value jj = linalg::IndexOp::create(b, l, 2);
          Value position = arith::AddIOp::create(b, l, rowBase, kk);
          Value nrValue = arith::ConstantIndexOp::create(b, l, nr);
          Value column = arith::AddIOp::create(
              b, l, columnBase,
              arith::AddIOp::create(
                  b, l, arith::MulIOp::create(b, l, panel, nrValue), jj));
          Value element = reader.read(b, l, position, column);
          linalg::YieldOp::create(b, l, element);
        });
    scf::YieldOp::create(rewriter, loc, copy.getResult(0));
    rewriter.setInsertionPointToStart(&ifOp.getElseRegion().front());
    scf::YieldOp::create(rewriter, loc, empty);
  }
  return {ifOp.getResult(0), copy};
}

PanelCopy mlir::spider::copyIntoPanels(RewriterBase &rewriter,
                                       linalg::LinalgOp op,
                                       std::array<int64_t, 3> mnk, int64_t nr) {
  OpOperand *b = operandIndexedKN(op, mnk[2], mnk[1]);
  Value block = b->get();
  auto type = cast<RankedTensorType>(block.getType());
  Location loc = op.getLoc();
  rewriter.setInsertionPoint(op);
  SmallVector<OpFoldResult> sizes =
      tensor::getMixedSizes(rewriter, loc, block);
  int64_t panels = type.getDimSize(1) / nr;
  SmallVector<OpFoldResult> panelSizes = {
      rewriter.getIndexAttr(panels), sizes[0], rewriter.getIndexAttr(nr)};
  auto panelsType = RankedTensorType::get({panels, type.getDimSize(0), nr},
                                          type.getElementType());
  // B's rows gathered by SRead: pack them from where they are.
  if (auto slice = block.getDefiningOp<tensor::ExtractSliceOp>();
      slice && slice.getSourceType().getRank() == 2 &&
      isUnitStrides(slice.getMixedStrides()))
    if (std::optional<RowGather> gather = matchRowGather(slice.getSource()))
      return gatherIntoPanels(rewriter, loc, *gather, slice, panelsType,
                              panelSizes, nr);
  // [k, n] -> [k, n / nr, nr] -> [n / nr, k, nr].
  auto expandedType = RankedTensorType::get(
      {type.getDimSize(0), panels, nr}, type.getElementType());
  SmallVector<ReassociationIndices> groups = {{0}, {1, 2}};
  SmallVector<OpFoldResult> expandedSizes = {
      sizes[0], rewriter.getIndexAttr(panels), rewriter.getIndexAttr(nr)};
  Value expanded = tensor::ExpandShapeOp::create(
      rewriter, loc, expandedType, block, groups, expandedSizes);
  Value empty = tensor::EmptyOp::create(rewriter, loc, panelSizes,
                                        type.getElementType());
  auto copy = linalg::TransposeOp::create(rewriter, loc, expanded, empty,
                                          ArrayRef<int64_t>{1, 0, 2});
  return {copy.getResult()[0], copy};
}

FailureOr<linalg::LinalgOp>
mlir::spider::tileIntoPanels(RewriterBase &rewriter, linalg::LinalgOp op,
                             std::array<int64_t, 3> mnk, int64_t nr,
                             Value panels) {
  OpOperand *b = operandIndexedKN(op, mnk[2], mnk[1]);
  if (!b)
    return failure();
  unsigned bIndex = b->getOperandNumber();

  SmallVector<int64_t> tileSizes(op.getNumLoops(), 0);
  tileSizes[mnk[1]] = nr;
  FailureOr<scf::SCFTilingResult> result =
      tileWithLoops(rewriter, op, tileSizes);
  if (failed(result))
    return failure();
  auto tiled = cast<linalg::LinalgOp>(result->tiledOps.front());
  auto loop = cast<scf::ForOp>(result->loops.front().getOperation());

  // The panel this iteration's columns lie in: [iv / nr, 0, 0] of the
  // copy, k by nr, rank-reduced to the [k, nr] B the op reads.
  OpOperand &bOperand = tiled->getOpOperand(bIndex);
  Location loc = tiled.getLoc();
  rewriter.setInsertionPoint(tiled);
  Value nrValue = arith::ConstantIndexOp::create(rewriter, loc, nr);
  Value panel =
      arith::DivUIOp::create(rewriter, loc, loop.getInductionVar(), nrValue);
  auto bType = cast<RankedTensorType>(bOperand.get().getType());
  SmallVector<OpFoldResult> kSize =
      tensor::getMixedSizes(rewriter, loc, bOperand.get());
  SmallVector<OpFoldResult> offsets = {panel, rewriter.getIndexAttr(0),
                                       rewriter.getIndexAttr(0)};
  SmallVector<OpFoldResult> sizes = {rewriter.getIndexAttr(1), kSize[0],
                                     rewriter.getIndexAttr(nr)};
  SmallVector<OpFoldResult> strides(3, rewriter.getIndexAttr(1));
  auto sliceType = RankedTensorType::get({bType.getDimSize(0), nr},
                                         bType.getElementType());
  Value slice = tensor::ExtractSliceOp::create(rewriter, loc, sliceType,
                                               panels, offsets, sizes, strides);
  rewriter.modifyOpInPlace(tiled, [&] { bOperand.set(slice); });
  return tiled;
}
