//===- PitGroupLoop.cpp - A spider.pit as a loop over index groups --------===//
//
// Everything stays on tensors, so that upstream tiling, vectorization and
// bufferization handle the dense part.
//
//===----------------------------------------------------------------------===//

#include "PitGroupLoop.h"
#include "spider/Dialect/Spider/Transforms/Utils/CodegenUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::spider;

namespace {

/// How one loop dimension is covered inside a group.
struct LoopBox {
  enum Kind { Full, Slice, Packed } kind = Full;
  Value offset; ///< For Slice: where the group's micro-tile starts.
  Value size;   ///< For Slice: its extent, clipped at the boundary.
};

/// Returns why `plan` cannot be lowered through PIT, or "" when it can:
/// every use of a box or pack dimension must be a bare dimension.
std::string explainUnsupported(PitPlan &plan) {
  linalg::LinalgOp op = plan.computation;
  Block &body = plan.pit.getBody().front();
  unsigned numPitInputs = plan.pit.getInputs().size();
  for (auto [i, init] : llvm::enumerate(op.getDpsInits())) {
    auto arg = dyn_cast<BlockArgument>(init);
    if (!arg || arg.getOwner() != &body || arg.getArgNumber() != numPitInputs + i)
      return "the computation's outputs are not the spider.pit outputs";
  }
  if (ValueRange(body.getTerminator()->getOperands()) !=
      ValueRange(op->getResults()))
    return "spider.pit does not yield the computation's results";
  OpOperand *sparse = plan.pit.getSparseUse();
  if (!sparse)
    return "the computation does not use the sparse operand";
  AffineMap sparseMap = op.getMatchingIndexingMap(sparse);
  TileIndexType indexType = plan.pit.getIndex().getType();
  for (auto [axis, expr] : llvm::enumerate(sparseMap.getResults())) {
    if (static_cast<int64_t>(axis) == indexType.getPackDim())
      continue;
    auto dim = dyn_cast<AffineDimExpr>(expr);
    if (!dim)
      return "the sparse operand's axis " + std::to_string(axis) +
             " is not indexed by a bare loop dimension";
    if (plan.boxDims.count(dim.getPosition()) ||
        static_cast<int64_t>(dim.getPosition()) == plan.packDim)
      return "the sparse operand indexes one loop dimension twice";
    plan.boxDims[dim.getPosition()] = axis;
  }
  for (AffineMap map : op.getIndexingMapsArray()) {
    for (AffineExpr expr : map.getResults()) {
      if (isa<AffineDimExpr>(expr))
        continue;
      bool involved = expr.isFunctionOfDim(plan.packDim);
      for (auto [dim, axis] : plan.boxDims)
        involved |= expr.isFunctionOfDim(dim);
      if (involved) {
        std::string text;
        llvm::raw_string_ostream os(text);
        os << "a box or pack dimension appears in the compound expression '"
           << expr << "'";
        return text;
      }
    }
  }
  return "";
}

class PitLowering {
public:
  PitLowering(OpBuilder &b, Location loc, const PitPlan &plan,
              const IRMapping &outer, const IndexGroups &groups)
      : b(b), loc(loc), ia(b, loc), plan(plan), outer(outer),
        groups(groups) {}

  /// With `iterationsOutside` (the product of the loop extents neither in
  /// the box nor packed), the loop also counts the iterations it executes;
  /// `executedIterations()` returns them afterwards.
  void countIterations(Value iterationsOutside) {
    outsideVolume = iterationsOutside;
  }
  Value executedIterations() const { return executed; }

  /// Emits the loop over groups; returns the new values of the outputs.
  SmallVector<Value> emitGroupLoop(ValueRange initialOutputs) {
    Value c0 = constant(0), c1 = constant(1);
    SmallVector<Value> inits(initialOutputs);
    if (outsideVolume)
      inits.push_back(arith::ConstantOp::create(b, loc, b.getF64FloatAttr(0)));
    offsets = groups.offsets;
    positions = groups.positions;
    sparse = plan.pit.getSparseValue();
    packExtent = tensor::DimOp::create(b, loc, sparse, plan.packAxis);

    auto loop = scf::ForOp::create(
        b, loc, c0, groups.numGroups, c1, inits,
        [&](OpBuilder &nb, Location nloc, Value group, ValueRange carried) {
          ValueRange acc = carried.take_front(initialOutputs.size());
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPointToStart(nb.getInsertionBlock());
          Value start = tensor::ExtractOp::create(b, loc, offsets, group);
          Value next = ia.add(group, constant(1));
          Value end = tensor::ExtractOp::create(b, loc, offsets, next);
          Value any = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                                            start, end);
          auto ifOp = scf::IfOp::create(
              b, loc, any,
              [&](OpBuilder &tb, Location) {
                OpBuilder::InsertionGuard inner(b);
                b.setInsertionPointToStart(tb.getInsertionBlock());
                SmallVector<Value> updated =
                    emitGroup(group, start, end, acc);
                if (outsideVolume)
                  updated.push_back(arith::AddFOp::create(
                      b, loc, carried.back(), groupIterations(start, end)));
                scf::YieldOp::create(b, loc, updated);
              },
              [&](OpBuilder &eb, Location) {
                scf::YieldOp::create(eb, loc, carried);
              });
          scf::YieldOp::create(b, loc, ifOp.getResults());
        });
    SmallVector<Value> results(loop.getResults());
    if (outsideVolume) {
      executed = results.back();
      results.pop_back();
    }
    return results;
  }

private:
  Value constant(int64_t v) { return ia.constant(v); }
  Value mul(Value x, Value y) { return ia.mul(x, y); }
  Value sub(Value x, Value y) { return ia.sub(x, y); }

  /// Iterations of the group just emitted: its box, its packed length and
  /// the loops outside both.
  Value groupIterations(Value start, Value end) {
    Value volume = mul(packedLength(start, end), outsideVolume);
    for (auto &[dim, range] : box)
      if (range.kind == LoopBox::Slice)
        volume = mul(volume, range.size);
    return ia.toF64(volume);
  }

  Value tileExtent(Value offset, int64_t tile, Value extent) {
    return ia.tileExtent(offset, tile, extent);
  }

  /// The group's box: micro-tile coordinates of the sparse operand along its
  /// non-pack axes, row-major over those axes.
  void computeBox(Value group) {
    TileIndexType type = plan.pit.getIndex().getType();
    ArrayRef<int64_t> microtile = type.getMicrotile();
    SmallVector<Value> coord = groupCoordinates(b, loc, group, sparse, type);
    box.clear();
    for (auto [dim, axis] : plan.boxDims) {
      Value extent = tensor::DimOp::create(b, loc, sparse, axis);
      Value offset = mul(coord[axis], constant(microtile[axis]));
      box[dim] = {LoopBox::Slice, offset,
                  tileExtent(offset, microtile[axis], extent)};
    }
    box[plan.packDim] = {LoopBox::Packed, nullptr, nullptr};
  }

  /// Offsets and sizes of `value` (an operand with indexing `map`) inside
  /// the box; the packed axis, if any, is returned in `packedAxis` and given
  /// the full range.
  void sliceOf(Value value, AffineMap map, SmallVector<OpFoldResult> &offs,
               SmallVector<OpFoldResult> &sizes,
               std::optional<int64_t> &packedAxis) {
    auto type = cast<RankedTensorType>(value.getType());
    for (int64_t axis = 0; axis < type.getRank(); ++axis) {
      OpFoldResult full = tensor::getMixedSize(b, loc, value, axis);
      auto dim = dyn_cast<AffineDimExpr>(map.getResult(axis));
      auto it = dim ? box.find(dim.getPosition()) : box.end();
      if (it == box.end() || it->second.kind == LoopBox::Full) {
        offs.push_back(b.getIndexAttr(0));
        sizes.push_back(full);
      } else if (it->second.kind == LoopBox::Slice) {
        offs.push_back(it->second.offset);
        sizes.push_back(it->second.size);
      } else {
        packedAxis = axis;
        offs.push_back(b.getIndexAttr(0));
        sizes.push_back(full);
      }
    }
  }

  /// Length of the packed axis: every active micro-tile is whole but the
  /// last one, which may be cut by the boundary (positions ascend).
  Value packedLength(Value start, Value end) {
    Value last = tensor::ExtractOp::create(
        b, loc, positions, ValueRange{sub(end, constant(1))});
    Value lastOffset = mul(last, constant(plan.packTile));
    Value lastExtent = tileExtent(lastOffset, plan.packTile, packExtent);
    Value whole = mul(sub(sub(end, start), constant(1)),
                      constant(plan.packTile));
    return ia.add(whole, lastExtent);
  }

  /// Copies micro-tiles between `from` and `to` along `axis`, one per
  /// active position: gathering (into the packed tensor) or scattering.
  Value copyTiles(Value from, Value to, int64_t axis,
                  ArrayRef<OpFoldResult> fromOffs,
                  ArrayRef<OpFoldResult> fromSizes,
                  ArrayRef<OpFoldResult> toOffs, Value start, Value end,
                  bool gather) {
    auto loop = scf::ForOp::create(
        b, loc, start, end, constant(1), ValueRange{to},
        [&](OpBuilder &nb, Location, Value i, ValueRange args) {
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPointToStart(nb.getInsertionBlock());
          Value position = tensor::ExtractOp::create(b, loc, positions, i);
          Value tileOffset = mul(position, constant(plan.packTile));
          Value extent = tileExtent(tileOffset, plan.packTile, packExtent);
          Value cursor = mul(sub(i, start), constant(plan.packTile));
          SmallVector<OpFoldResult> srcOffs(fromOffs), dstOffs(toOffs),
              sizes(fromSizes);
          srcOffs[axis] = gather ? tileOffset : cursor;
          dstOffs[axis] = gather ? cursor : tileOffset;
          sizes[axis] = extent;
          SmallVector<OpFoldResult> ones(sizes.size(), b.getIndexAttr(1));
          Value src =
              tensor::ExtractSliceOp::create(b, loc, from, srcOffs, sizes, ones);
          Value dst = tensor::ExtractSliceOp::create(b, loc, args[0], dstOffs,
                                                     sizes, ones);
          Value copied =
              linalg::CopyOp::create(b, loc, src, dst).getResult(0);
          Value updated = tensor::InsertSliceOp::create(
              b, loc, copied, args[0], dstOffs, sizes, ones);
          scf::YieldOp::create(b, loc, updated);
        });
    return loop.getResult(0);
  }

  /// The operand `value` (indexed by `map`) as the group sees it.
  Value packOperand(Value value, AffineMap map, Value start, Value end,
                    Value packedLen, std::optional<int64_t> &packedAxis,
                    SmallVector<OpFoldResult> &offs,
                    SmallVector<OpFoldResult> &sizes) {
    sliceOf(value, map, offs, sizes, packedAxis);
    SmallVector<OpFoldResult> ones(sizes.size(), b.getIndexAttr(1));
    if (!packedAxis)
      return tensor::ExtractSliceOp::create(b, loc, value, offs, sizes, ones);
    SmallVector<OpFoldResult> packedSizes(sizes);
    packedSizes[*packedAxis] = packedLen;
    auto type = cast<RankedTensorType>(value.getType());
    Value empty = tensor::EmptyOp::create(b, loc, packedSizes,
                                          type.getElementType());
    SmallVector<OpFoldResult> zeros(sizes.size(), b.getIndexAttr(0));
    return copyTiles(value, empty, *packedAxis, offs, sizes, zeros, start,
                     end, /*gather=*/true);
  }

  SmallVector<Value> emitGroup(Value group, Value start, Value end,
                               ValueRange acc) {
    computeBox(group);
    Value packedLen = packedLength(start, end);
    linalg::LinalgOp op = plan.computation;
    int64_t numInputs = op.getNumDpsInputs();

    IRMapping mapping = outer;
    SmallVector<Value> packedOutputs;
    struct OutputPlacement {
      std::optional<int64_t> packedAxis;
      SmallVector<OpFoldResult> offs, sizes;
    };
    SmallVector<OutputPlacement> placements;
    for (OpOperand &operand : op->getOpOperands()) {
      Value inner = operand.get();
      bool isOutput = operand.getOperandNumber() >= numInputs;
      Value value = outer.lookupOrDefault(inner);
      if (isOutput) {
        // Outputs come from the loop-carried values.
        unsigned argNumber = cast<BlockArgument>(inner).getArgNumber();
        value = acc[argNumber - plan.pit.getInputs().size()];
      }
      if (!isa<RankedTensorType>(value.getType())) {
        mapping.map(inner, value);
        continue;
      }
      OutputPlacement placement;
      Value packed = packOperand(value, op.getMatchingIndexingMap(&operand),
                                 start, end, packedLen, placement.packedAxis,
                                 placement.offs, placement.sizes);
      mapping.map(inner, packed);
      if (isOutput) {
        packedOutputs.push_back(packed);
        placements.push_back(std::move(placement));
      }
    }
    Operation *clone = b.clone(*op, mapping);
    if (TileConfigAttr config = plan.pit.getTileConfigAttr())
      clone->setAttr("spider.compute_tile",
                     b.getDenseI64ArrayAttr(config.getComputeTile()));
    for (auto [result, packed] :
         llvm::zip(clone->getResults(), packedOutputs))
      result.setType(packed.getType());

    SmallVector<Value> updated;
    for (auto [i, result] : llvm::enumerate(clone->getResults())) {
      OutputPlacement &placement = placements[i];
      SmallVector<OpFoldResult> ones(placement.sizes.size(),
                                     b.getIndexAttr(1));
      if (!placement.packedAxis) {
        updated.push_back(tensor::InsertSliceOp::create(
            b, loc, result, acc[i], placement.offs, placement.sizes, ones));
        continue;
      }
      SmallVector<OpFoldResult> zeros(placement.sizes.size(),
                                      b.getIndexAttr(0));
      SmallVector<OpFoldResult> packedSizes(placement.sizes);
      updated.push_back(copyTiles(result, acc[i], *placement.packedAxis,
                                  zeros, packedSizes, placement.offs, start,
                                  end, /*gather=*/false));
    }
    return updated;
  }

  OpBuilder &b;
  Location loc;
  IndexArith ia;
  PitPlan plan;
  const IRMapping &outer;
  const IndexGroups &groups;
  Value offsets, positions, sparse, packExtent;
  Value outsideVolume, executed;
  llvm::DenseMap<int64_t, LoopBox> box;
};

} // namespace

std::string mlir::spider::planPitLowering(PitOp pit, PitPlan &plan) {
  plan.pit = pit;
  plan.computation = dyn_cast<linalg::LinalgOp>(pit.getComputation());
  plan.packDim = pit.getPackDim();
  plan.packAxis = pit.getIndex().getType().getPackDim();
  plan.packTile = pit.getIndex().getType().getMicrotile()[plan.packAxis];
  if (!plan.computation)
    return "the computation is not a linalg op";
  return explainUnsupported(plan);
}

SmallVector<Value> mlir::spider::emitPitGroupLoop(
    OpBuilder &b, Location loc, const PitPlan &plan, const IRMapping &outer,
    const IndexGroups &groups, ValueRange initialOutputs,
    Value iterationsOutside) {
  PitLowering lowering(b, loc, plan, outer, groups);
  if (iterationsOutside)
    lowering.countIterations(iterationsOutside);
  SmallVector<Value> values = lowering.emitGroupLoop(initialOutputs);
  if (iterationsOutside)
    values.push_back(lowering.executedIterations());
  return values;
}
