//===- LowerPit.cpp - spider.pit to loops over index groups ---------------===//
//
// For each group of the index: slice every operand to the group's box,
// gather (SRead) the active micro-tiles along the pack dimension, run the
// computation densely on the packed tiles, and scatter (SWrite) results
// indexed by the pack dimension back. Everything stays on tensors, so that
// upstream tiling, vectorization and bufferization handle the dense part.
//
//===----------------------------------------------------------------------===//

#include "IndexGroups.h"
#include "spider/Dialect/Spider/IR/SpiderOps.h"
#include "spider/Dialect/Spider/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Interfaces/CastInterfaces.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERLOWERPIT
#include "spider/Dialect/Spider/Transforms/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;
using namespace mlir::spider;

namespace {

/// How one loop dimension is covered inside a group.
struct LoopBox {
  enum Kind { Full, Slice, Packed } kind = Full;
  Value offset; ///< For Slice: where the group's micro-tile starts.
  Value size;   ///< For Slice: its extent, clipped at the boundary.
};

/// Everything the group loop needs about one spider.pit.
struct PitPlan {
  PitOp pit;
  linalg::LinalgOp computation;
  /// Loop dimension -> tensor axis of the sparse operand, for box dims.
  llvm::DenseMap<int64_t, int64_t> boxDims;
  int64_t packDim = 0;   ///< Loop dimension.
  int64_t packAxis = 0;  ///< Axis of the sparse operand.
  int64_t packTile = 1;  ///< Micro-tile size along packAxis.
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
  OpOperand *sparse = nullptr;
  for (OpOperand &operand : op->getOpOperands())
    if (operand.get() == body.getArgument(plan.pit.getSparseOperand()))
      sparse = &operand;
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
  PitLowering(OpBuilder &b, Location loc, PitPlan &plan, IRMapping &outer,
              const IndexGroups &groups)
      : b(b), loc(loc), plan(plan), outer(outer), groups(groups) {}

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
          Value next = arith::AddIOp::create(b, loc, group, constant(1));
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
  Value constant(int64_t v) {
    return arith::ConstantIndexOp::create(b, loc, v);
  }
  Value minOf(Value x, Value y) { return arith::MinSIOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, loc, x, y); }
  Value sub(Value x, Value y) { return arith::SubIOp::create(b, loc, x, y); }

  /// Iterations of the group just emitted: its box, its packed length and
  /// the loops outside both.
  Value groupIterations(Value start, Value end) {
    Value volume = mul(packedLength(start, end), outsideVolume);
    for (auto &[dim, range] : box)
      if (range.kind == LoopBox::Slice)
        volume = mul(volume, range.size);
    Value i64 = arith::IndexCastOp::create(b, loc, b.getI64Type(), volume);
    return arith::SIToFPOp::create(b, loc, b.getF64Type(), i64);
  }

  /// The extent of micro-tile starting at `offset` along an axis of size
  /// `extent` with micro-tile size `tile`.
  Value tileExtent(Value offset, int64_t tile, Value extent) {
    // No partial micro-tile when the extent is a known multiple: the tile
    // sizes stay static, and so do the vector shapes of the kernel.
    std::optional<int64_t> known = getConstantIntValue(extent);
    if (auto dim = extent.getDefiningOp<tensor::DimOp>()) {
      auto type = cast<RankedTensorType>(dim.getSource().getType());
      std::optional<int64_t> axis = dim.getConstantIndex();
      if (axis && !type.isDynamicDim(*axis))
        known = type.getDimSize(*axis);
    }
    if (known && *known % tile == 0)
      return constant(tile);
    return minOf(constant(tile), sub(extent, offset));
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
    return arith::AddIOp::create(b, loc, whole, lastExtent);
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
  PitPlan &plan;
  IRMapping &outer;
  const IndexGroups &groups;
  Value offsets, positions, sparse, packExtent;
  Value outsideVolume, executed;
  llvm::DenseMap<int64_t, LoopBox> box;
};

/// Runtime profiler hooks for one spider.pit, when profiling.
struct ProfileHooks {
  int64_t id;
  func::FuncOp begin, end;
};

/// Floating-point operations one iteration of `op` performs (an FMA counts
/// two; compares, selects and casts none).
int64_t flopsPerIteration(linalg::LinalgOp op) {
  int64_t flops = 0;
  op.getBlock()->walk([&](Operation *inner) {
    if (inner->getNumResults() != 1 ||
        !isa<FloatType>(inner->getResult(0).getType()) ||
        isa<arith::ConstantOp, arith::SelectOp, linalg::YieldOp>(inner) ||
        isa<CastOpInterface>(inner))
      return;
    flops += isa<math::FmaOp>(inner) ? 2 : 1;
  });
  return std::max<int64_t>(flops, 1);
}

/// Lowers one spider.pit: through PIT, densely, or choosing at run time.
void lowerPit(PitOp pit, std::optional<ProfileHooks> profile) {
  OpBuilder b(pit);
  Location loc = pit.getLoc();
  Block &body = pit.getBody().front();
  IRMapping outer;
  for (auto [arg, operand] :
       llvm::zip(body.getArguments(), pit.getOperands().drop_back()))
    outer.map(arg, operand);
  for (Operation &op : body.without_terminator())
    if (&op != pit.getComputation())
      b.clone(op, outer); // Constants, cloned outside.

  auto emitDense = [&](OpBuilder &builder) {
    // A copy: cloning records the region's block arguments in the mapping,
    // and a later clone must not find them there.
    IRMapping mapping = outer;
    Operation *dense = builder.clone(*pit.getComputation(), mapping);
    return SmallVector<Value>(dense->getResults());
  };

  PitPlan plan;
  plan.pit = pit;
  plan.computation = dyn_cast<linalg::LinalgOp>(pit.getComputation());
  plan.packDim = pit.getPackDim();
  plan.packAxis = pit.getIndex().getType().getPackDim();
  plan.packTile = pit.getIndex().getType().getMicrotile()[plan.packAxis];
  std::string why = plan.computation ? explainUnsupported(plan)
                                     : "the computation is not a linalg op";
  if (!why.empty()) {
    pit.emitRemark() << "lowered densely: " << why;
    pit.replaceAllUsesWith(emitDense(b));
    pit.erase();
    return;
  }

  auto toF64 = [&](Value v) -> Value {
    Value i64 = arith::IndexCastOp::create(b, loc, b.getI64Type(), v);
    return arith::SIToFPOp::create(b, loc, b.getF64Type(), i64);
  };
  auto toI64 = [&](Value v) -> Value {
    return arith::IndexCastOp::create(b, loc, b.getI64Type(), v);
  };
  auto i64 = [&](int64_t v) -> Value {
    return arith::ConstantIntOp::create(b, loc, v, 64);
  };
  if (profile)
    func::CallOp::create(b, loc, profile->begin, ValueRange{i64(profile->id)});

  // Index statistics: what the dense fallback and the profile read.
  IndexGroups groups = IndexGroups::build(b, loc, pit.getIndex());
  Value numActive = groups.numActive(b, loc);
  Value numTiles = groups.numTiles(b, loc, pit.getSparseValue(), plan.packAxis,
                                   plan.packTile);
  Value c1 = arith::ConstantIndexOp::create(b, loc, 1);

  // Loop extents, for the profile's work counts.
  Value denseIterations, outsideIterations;
  if (profile) {
    linalg::LinalgOp op = plan.computation;
    denseIterations = c1;
    outsideIterations = c1;
    for (int64_t d = 0, e = op.getNumLoops(); d < e; ++d) {
      Value extent;
      for (OpOperand &operand : op->getOpOperands()) {
        AffineMap map = op.getMatchingIndexingMap(&operand);
        for (auto [axis, expr] : llvm::enumerate(map.getResults())) {
          auto dim = dyn_cast<AffineDimExpr>(expr);
          if (!extent && dim && static_cast<int64_t>(dim.getPosition()) == d)
            extent = tensor::DimOp::create(
                b, loc, outer.lookupOrDefault(operand.get()), axis);
        }
      }
      if (!extent)
        continue;
      denseIterations = arith::MulIOp::create(b, loc, denseIterations, extent);
      if (d != plan.packDim && !plan.boxDims.count(d))
        outsideIterations =
            arith::MulIOp::create(b, loc, outsideIterations, extent);
    }
  }

  SmallVector<Value> results;
  Value executed, ranDense;
  FloatAttr threshold = pit.getDenseThresholdAttr();
  auto emitPit = [&](OpBuilder &builder) {
    PitLowering lowering(builder, loc, plan, outer, groups);
    if (profile)
      lowering.countIterations(outsideIterations);
    SmallVector<Value> values = lowering.emitGroupLoop(pit.getOutputs());
    if (profile)
      values.push_back(lowering.executedIterations());
    return values;
  };
  if (!threshold) {
    results = emitPit(b);
    if (profile) {
      executed = results.pop_back_val();
      ranDense = arith::ConstantIntOp::create(b, loc, 0, 32);
    }
  } else {
    // Dense when the index is dense enough: active tiles over all tiles.
    Value dense = denserThan(b, loc, numActive, numTiles,
                             threshold.getValueAsDouble());
    auto ifOp = scf::IfOp::create(
        b, loc, dense,
        [&](OpBuilder &tb, Location) {
          SmallVector<Value> values = emitDense(tb);
          if (profile) {
            Value n = arith::IndexCastOp::create(tb, loc, tb.getI64Type(),
                                                 denseIterations);
            values.push_back(
                arith::SIToFPOp::create(tb, loc, tb.getF64Type(), n));
            values.push_back(arith::ConstantIntOp::create(tb, loc, 1, 32));
          }
          scf::YieldOp::create(tb, loc, values);
        },
        [&](OpBuilder &eb, Location) {
          SmallVector<Value> values = emitPit(eb);
          if (profile)
            values.push_back(arith::ConstantIntOp::create(eb, loc, 0, 32));
          scf::YieldOp::create(eb, loc, values);
        });
    results = ifOp.getResults();
    if (profile) {
      ranDense = results.pop_back_val();
      executed = results.pop_back_val();
    }
  }

  if (profile) {
    ArrayRef<int64_t> microtile = pit.getIndex().getType().getMicrotile();
    int64_t volume = 1;
    for (int64_t t : microtile)
      volume *= t;
    Value flops = arith::ConstantOp::create(
        b, loc,
        b.getF64FloatAttr(double(flopsPerIteration(plan.computation))));
    Value nonZeros = IndexNonZerosOp::create(b, loc, pit.getIndex());
    Value denseFlops =
        arith::MulFOp::create(b, loc, toF64(denseIterations), flops);
    Value executedFlops = arith::MulFOp::create(b, loc, executed, flops);
    func::CallOp::create(
        b, loc, profile->end,
        ValueRange{i64(profile->id), toI64(numActive), toI64(numTiles),
                   toI64(nonZeros), i64(volume), denseFlops, executedFlops,
                   ranDense});
  }
  pit.replaceAllUsesWith(results);
  pit.erase();
}

/// "linalg.matmul at file.mlir:12:8", for the profile.
std::string describe(PitOp pit) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << pit.getComputation()->getName();
  if (auto file = dyn_cast<FileLineColLoc>(pit.getLoc())) {
    StringRef name = file.getFilename().getValue();
    os << " at " << name.substr(name.find_last_of('/') + 1) << ":"
       << file.getLine() << ":" << file.getColumn();
  }
  return text;
}

/// Declares (once) a private runtime function in `module`.
func::FuncOp declare(ModuleOp module, StringRef name, FunctionType type) {
  if (auto existing = module.lookupSymbol<func::FuncOp>(name))
    return existing;
  OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
  auto func = func::FuncOp::create(b, module.getLoc(), name, type);
  func.setPrivate();
  return func;
}

struct LowerPitPass : public spider::impl::SpiderLowerPitBase<LowerPitPass> {
  using Base::Base;
  void runOnOperation() override {
    SmallVector<PitOp> pits;
    getOperation()->walk([&](PitOp pit) { pits.push_back(pit); });
    for (PitOp pit : pits) {
      if (!pit.hasPureTensorSemantics()) {
        pit.emitOpError() << "spider-lower-pit lowers spider.pit on tensors";
        return signalPassFailure();
      }
      std::optional<ProfileHooks> hooks;
      if (profile) {
        auto module = pit->getParentOfType<ModuleOp>();
        if (!module) {
          pit.emitOpError() << "profiling needs spider.pit inside a module";
          return signalPassFailure();
        }
        Builder b(module.getContext());
        Type i64 = b.getI64Type(), f64 = b.getF64Type();
        auto names = module->getAttrOfType<ArrayAttr>("spider.profile_names");
        SmallVector<Attribute> all =
            names ? SmallVector<Attribute>(names.begin(), names.end())
                  : SmallVector<Attribute>();
        hooks = ProfileHooks{
            static_cast<int64_t>(all.size()),
            declare(module, "spider_rt_profile_begin",
                    b.getFunctionType({i64}, {})),
            declare(module, "spider_rt_profile_end",
                    b.getFunctionType(
                        {i64, i64, i64, i64, i64, f64, f64, b.getI32Type()},
                        {}))};
        all.push_back(b.getStringAttr(describe(pit)));
        module->setAttr("spider.profile_names", b.getArrayAttr(all));
      }
      lowerPit(pit, hooks);
    }
  }
};

} // namespace
