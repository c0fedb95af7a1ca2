//===- LowerGatherScatter.cpp - SRead and SWrite to loops over the index --===//

#include "spider/Dialect/Spider/Transforms/Utils/IndexGroups.h"
#include "spider/Dialect/Spider/Transforms/Utils/CombineInto.h"
#include "spider/Dialect/Spider/IR/SpiderOps.h"
#include "spider/Dialect/Spider/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERLOWERGATHERSCATTER
#include "spider/Dialect/Spider/Transforms/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;
using namespace mlir::spider;

namespace {

/// Walks every active micro-tile of an index over `tensor`; `body` gets the
/// tile's position in the tile list, its offsets and sizes in `tensor`, and
/// the loop-carried value, and returns the new one.
using TileBody = function_ref<Value(OpBuilder &, Value, ArrayRef<OpFoldResult>,
                                   ArrayRef<OpFoldResult>, Value)>;

Value forEachActiveTile(OpBuilder &b, Location loc, Value index,
                        const IndexGroups &groups, Value tensor, Value init,
                        TileBody body) {
  auto type = cast<TileIndexType>(index.getType());
  ArrayRef<int64_t> microtile = type.getMicrotile();
  int64_t rank = type.getRank(), packDim = type.getPackDim();
  auto constant = [&](OpBuilder &nb, int64_t v) -> Value {
    return arith::ConstantIndexOp::create(nb, loc, v);
  };
  Value c0 = constant(b, 0), c1 = constant(b, 1);
  SmallVector<Value> extents;
  for (int64_t d = 0; d < rank; ++d)
    extents.push_back(tensor::DimOp::create(b, loc, tensor, d));

  auto loop = scf::ForOp::create(
      b, loc, c0, groups.numGroups, c1, ValueRange{init},
      [&](OpBuilder &gb, Location, Value group, ValueRange groupAcc) {
        SmallVector<Value> coord =
            groupCoordinates(gb, loc, group, tensor, type);
        Value start = tensor::ExtractOp::create(gb, loc, groups.offsets, group);
        Value next = arith::AddIOp::create(gb, loc, group, constant(gb, 1));
        Value end = tensor::ExtractOp::create(gb, loc, groups.offsets, next);
        auto positions = scf::ForOp::create(
            gb, loc, start, end, constant(gb, 1), groupAcc,
            [&](OpBuilder &pb, Location, Value i, ValueRange acc) {
              coord[packDim] =
                  tensor::ExtractOp::create(pb, loc, groups.positions, i);
              SmallVector<OpFoldResult> offsets, sizes;
              for (int64_t d = 0; d < rank; ++d) {
                Value offset = arith::MulIOp::create(
                    pb, loc, coord[d], constant(pb, microtile[d]));
                Value left = arith::SubIOp::create(pb, loc, extents[d], offset);
                offsets.push_back(offset);
                sizes.push_back(Value(arith::MinSIOp::create(
                    pb, loc, constant(pb, microtile[d]), left)));
              }
              scf::YieldOp::create(pb, loc,
                                   body(pb, i, offsets, sizes, acc[0]));
            });
        scf::YieldOp::create(gb, loc, positions.getResults());
      });
  return loop.getResult(0);
}

void lowerGather(GatherOp op) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  auto tilesType = cast<RankedTensorType>(op.getTiles().getType());
  Type element = tilesType.getElementType();
  IndexGroups groups = IndexGroups::build(b, loc, op.getIndex());
  SmallVector<OpFoldResult> shape = {
      tensor::getMixedSize(b, loc, groups.positions, 0)};
  for (int64_t t : tilesType.getShape().drop_front())
    shape.push_back(b.getIndexAttr(t));
  Value empty = tensor::EmptyOp::create(b, loc, shape, element);
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(element));
  Value init = linalg::FillOp::create(b, loc, zero, empty).getResult(0);
  Value result = forEachActiveTile(
      b, loc, op.getIndex(), groups, op.getSource(), init,
      [&](OpBuilder &nb, Value i, ArrayRef<OpFoldResult> offsets,
          ArrayRef<OpFoldResult> sizes, Value acc) -> Value {
        SmallVector<OpFoldResult> ones(sizes.size(), nb.getIndexAttr(1));
        Value tile = tensor::ExtractSliceOp::create(nb, loc, op.getSource(),
                                                    offsets, sizes, ones);
        SmallVector<OpFoldResult> dstOffsets = {i}, dstSizes = {
                                                        nb.getIndexAttr(1)};
        for (OpFoldResult size : sizes) {
          dstOffsets.push_back(nb.getIndexAttr(0));
          dstSizes.push_back(size);
        }
        SmallVector<OpFoldResult> dstOnes(dstSizes.size(), nb.getIndexAttr(1));
        return tensor::InsertSliceOp::create(nb, loc, tile, acc, dstOffsets,
                                             dstSizes, dstOnes);
      });
  if (result.getType() != op.getTiles().getType())
    result = tensor::CastOp::create(b, loc, op.getTiles().getType(), result);
  op.replaceAllUsesWith(result);
  op.erase();
}

void lowerScatter(ScatterOp op) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  CombinerKind kind = op.getCombiner();
  Value result = forEachActiveTile(
      b, loc, op.getIndex(), IndexGroups::build(b, loc, op.getIndex()),
      op.getDest(), op.getDest(),
      [&](OpBuilder &nb, Value i, ArrayRef<OpFoldResult> offsets,
          ArrayRef<OpFoldResult> sizes, Value acc) -> Value {
        SmallVector<OpFoldResult> ones(sizes.size(), nb.getIndexAttr(1));
        SmallVector<OpFoldResult> srcOffsets = {i}, srcSizes = {
                                                        nb.getIndexAttr(1)};
        for (OpFoldResult size : sizes) {
          srcOffsets.push_back(nb.getIndexAttr(0));
          srcSizes.push_back(size);
        }
        SmallVector<OpFoldResult> srcOnes(srcSizes.size(), nb.getIndexAttr(1));
        auto sliceType = RankedTensorType::get(
            SmallVector<int64_t>(sizes.size(), ShapedType::kDynamic),
            cast<RankedTensorType>(op.getTiles().getType()).getElementType());
        Value tile = tensor::ExtractSliceOp::create(
            nb, loc, sliceType, op.getTiles(), srcOffsets, srcSizes, srcOnes);
        if (kind != CombinerKind::None) {
          Value current = tensor::ExtractSliceOp::create(nb, loc, acc, offsets,
                                                         sizes, ones);
          tile = combineInto(nb, loc, kind, tile, current);
        }
        return tensor::InsertSliceOp::create(nb, loc, tile, acc, offsets,
                                             sizes, ones);
      });
  op.replaceAllUsesWith(result);
  op.erase();
}

struct LowerGatherScatterPass
    : public spider::impl::SpiderLowerGatherScatterBase<
          LowerGatherScatterPass> {
  using Base::Base;
  void runOnOperation() override {
    SmallVector<Operation *> ops;
    getOperation()->walk([&](Operation *op) {
      if (isa<GatherOp, ScatterOp>(op))
        ops.push_back(op);
    });
    for (Operation *op : ops) {
      if (auto gather = dyn_cast<GatherOp>(op))
        lowerGather(gather);
      else
        lowerScatter(cast<ScatterOp>(op));
    }
  }
};

} // namespace
