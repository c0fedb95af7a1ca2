//===- PitGroupLoop.cpp - A spider.pit as a loop over index groups --------===//
//
// Everything stays on tensors, so that upstream tiling, vectorization and
// bufferization handle the dense part.
//
//===----------------------------------------------------------------------===//

#include "PitGroupLoop.h"
#include "spider/Dialect/Spider/IR/ComputeTile.h"
#include "spider/Dialect/Spider/Transforms/Utils/CodegenUtils.h"
#include "spider/Dialect/Spider/Transforms/Utils/CombineInto.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/Support/raw_ostream.h"

#include <tuple>

using namespace mlir;
using namespace mlir::spider;

namespace {

/// How one loop dimension is covered inside a group.
struct LoopBox {
  enum Kind { Full, Slice, Packed } kind = Full;
  Value offset; ///< For Slice: where the group's micro-tile starts.
  Value size;   ///< For Slice: its extent, clipped at the boundary.
};

/// The coefficients of `expr` as a sum of loop dimensions times constants
/// plus a constant (a convolution window `oh * stride + kh * dilation`);
/// false for anything else.
bool collectLinearTerms(AffineExpr expr, int64_t scale,
                        llvm::DenseMap<unsigned, int64_t> &coefficients,
                        int64_t &constant) {
  if (auto dim = dyn_cast<AffineDimExpr>(expr)) {
    coefficients[dim.getPosition()] += scale;
    return true;
  }
  if (auto value = dyn_cast<AffineConstantExpr>(expr)) {
    constant += scale * value.getValue();
    return true;
  }
  auto binary = dyn_cast<AffineBinaryOpExpr>(expr);
  if (!binary)
    return false;
  AffineExpr lhs = binary.getLHS(), rhs = binary.getRHS();
  if (expr.getKind() == AffineExprKind::Add)
    return collectLinearTerms(lhs, scale, coefficients, constant) &&
           collectLinearTerms(rhs, scale, coefficients, constant);
  if (expr.getKind() != AffineExprKind::Mul)
    return false;
  if (auto factor = dyn_cast<AffineConstantExpr>(rhs))
    return collectLinearTerms(lhs, scale * factor.getValue(), coefficients,
                              constant);
  if (auto factor = dyn_cast<AffineConstantExpr>(lhs))
    return collectLinearTerms(rhs, scale * factor.getValue(), coefficients,
                              constant);
  return false;
}

/// Whether one micro-tile of the index spans axis `axis` of the sparse
/// operand: then every group covers it whole and it needs no box.
bool spansAxis(PitOp pit, int64_t axis) {
  auto type = cast<RankedTensorType>(pit.getSparseValue().getType());
  int64_t extent = type.getDimSize(axis);
  return !ShapedType::isDynamic(extent) &&
         pit.getIndex().getType().getMicrotile()[axis] >= extent;
}

std::string describe(AffineExpr expr) {
  std::string text;
  llvm::raw_string_ostream(text) << expr;
  return text;
}

/// Why the operand maps of `op`, run along `loopAxis`, cannot be lowered, or
/// "": the pack dimension is bare everywhere, on one axis per operand; box
/// dimensions in compound expressions have non-negative coefficients.
std::string explainOperandMaps(linalg::LinalgOp op,
                               const llvm::DenseMap<int64_t, int64_t> &loopAxis,
                               int64_t packAxis) {
  for (auto [dim, axis] : loopAxis) {
    if (axis != packAxis)
      continue;
    for (OpOperand &operand : op->getOpOperands()) {
      AffineMap map = op.getMatchingIndexingMap(&operand);
      if (llvm::count(map.getResults(),
                      getAffineDimExpr(dim, op.getContext())) > 1)
        return "operand #" + std::to_string(operand.getOperandNumber()) +
               " reads the pack dimension d" + std::to_string(dim) +
               " on two axes";
      for (AffineExpr expr : map.getResults())
        if (!isa<AffineDimExpr>(expr) && expr.isFunctionOfDim(dim))
          return "the pack dimension appears in the compound expression '" +
                 describe(expr) + "'";
    }
  }
  for (OpOperand &operand : op->getOpOperands()) {
    for (AffineExpr expr : op.getMatchingIndexingMap(&operand).getResults()) {
      if (isa<AffineDimExpr>(expr))
        continue;
      llvm::DenseMap<unsigned, int64_t> coefficients;
      int64_t constant = 0;
      bool linear = collectLinearTerms(expr, 1, coefficients, constant) &&
                    constant >= 0 && llvm::all_of(coefficients, [](auto term) {
                      return term.second >= 0;
                    });
      bool involvesBox = llvm::any_of(loopAxis, [&](auto entry) {
        return entry.second != packAxis && expr.isFunctionOfDim(entry.first);
      });
      if (involvesBox && !linear)
        return "a box dimension appears in the compound expression '" +
               describe(expr) +
               "', which is not a sum of loop dimensions with non-negative "
               "coefficients";
    }
  }
  return "";
}

/// The loops of the sparse operand's use `sparse` in `op` (into `loopAxis`):
/// the pack axis and every axis one micro-tile does not span, each a bare
/// loop dimension of its own.
std::string sparseLoops(PitOp pit, linalg::LinalgOp op, OpOperand *sparse,
                        llvm::DenseMap<int64_t, int64_t> &loopAxis) {
  AffineMap sparseMap = op.getMatchingIndexingMap(sparse);
  int64_t packAxis = pit.getIndex().getType().getPackDim();
  for (auto [axis, expr] : llvm::enumerate(sparseMap.getResults())) {
    if (static_cast<int64_t>(axis) != packAxis && spansAxis(pit, axis))
      continue;
    auto dim = dyn_cast<AffineDimExpr>(expr);
    if (!dim)
      return "the sparse operand's axis " + std::to_string(axis) +
             " is indexed by the compound expression '" + describe(expr) +
             "' and the index micro-tile does not span it";
    auto [it, inserted] =
        loopAxis.try_emplace(dim.getPosition(), static_cast<int64_t>(axis));
    if (!inserted && it->second != static_cast<int64_t>(axis))
      return "the sparse operand indexes one loop dimension twice";
  }
  return "";
}

/// The loops along which a chained computation reads `value`, an earlier
/// computation's result laid out as `layout`, through `map`.
std::string intermediateLoops(AffineMap map, const PackedLayout &layout,
                              llvm::DenseMap<int64_t, int64_t> &loopAxis) {
  for (auto [axis, expr] : llvm::enumerate(map.getResults())) {
    if (layout[axis] < 0)
      continue;
    auto dim = dyn_cast<AffineDimExpr>(expr);
    if (!dim)
      return "an intermediate's axis " + std::to_string(axis) +
             ", computed per group, is read through the compound expression '" +
             describe(expr) + "'";
    auto [it, inserted] = loopAxis.try_emplace(dim.getPosition(), layout[axis]);
    if (!inserted && it->second != layout[axis])
      return "loop dimension d" + std::to_string(dim.getPosition()) +
             " reads two different axes of the group";
  }
  return "";
}

/// The layout of a result whose init `op` indexes with `map`.
std::string resultLayout(AffineMap map,
                         const llvm::DenseMap<int64_t, int64_t> &loopAxis,
                         PackedLayout &layout) {
  for (AffineExpr expr : map.getResults()) {
    if (auto dim = dyn_cast<AffineDimExpr>(expr)) {
      auto it = loopAxis.find(dim.getPosition());
      layout.push_back(it == loopAxis.end() ? -1 : it->second);
      continue;
    }
    if (llvm::any_of(loopAxis, [&](auto entry) {
          return expr.isFunctionOfDim(entry.first);
        }))
      return "a result is written through the compound expression '" +
             describe(expr) + "' of a packed or sliced loop";
    layout.push_back(-1);
  }
  return "";
}

/// Returns why `plan` cannot be lowered through PIT, or "" when it can: the
/// sparse operand's axes are the pack axis, bare box dimensions, or spanned
/// by one micro-tile; the operand maps qualify (explainOperandMaps); in a
/// chain, each computation reads earlier results along the loops they were
/// computed along, and a result read later is complete in its group (no
/// box dimension is summed away); each yielded value is the result of a
/// computation whose init is the matching spider.pit output.
std::string explainUnsupported(PitPlan &plan) {
  Block &body = plan.pit.getBody().front();
  unsigned numPitInputs = plan.pit.getInputs().size();
  int64_t packAxis = plan.packAxis;
  if (!plan.pit.getSparseUse())
    return "the computation does not use the sparse operand";
  BlockArgument sparseArg = body.getArgument(plan.pit.getSparseOperand());
  SmallVector<Operation *> computations = plan.pit.getComputations();
  for (auto [position, computation] : llvm::enumerate(computations)) {
    auto op = dyn_cast<linalg::LinalgOp>(computation);
    if (!op)
      return "chained computation #" + std::to_string(position) +
             " is not a linalg op";
    for (Value init : op.getDpsInits()) {
      auto arg = dyn_cast<BlockArgument>(init);
      if (arg && arg.getOwner() == &body && arg.getArgNumber() < numPitInputs)
        return "the computation's outputs are not the spider.pit outputs";
    }
    PitStep step;
    step.op = op;
    for (OpOperand &operand : op->getOpOperands()) {
      std::string why;
      if (operand.get() == sparseArg)
        why = sparseLoops(plan.pit, op, &operand, step.loopAxis);
      else if (auto it = plan.layouts.find(operand.get());
               it != plan.layouts.end())
        why = intermediateLoops(op.getMatchingIndexingMap(&operand),
                                it->second, step.loopAxis);
      if (!why.empty())
        return why;
    }
    if (position == 0) {
      for (auto [dim, axis] : step.loopAxis)
        if (axis != packAxis)
          plan.boxDims[dim] = axis;
      if (!step.loopAxis.count(plan.packDim))
        return "the sparse operand's pack axis is not read along pack_dim";
    }
    // Intermediates read in full must not be read along a group's loops.
    for (OpOperand &operand : op->getOpOperands()) {
      auto it = plan.layouts.find(operand.get());
      if (it == plan.layouts.end())
        continue;
      AffineMap map = op.getMatchingIndexingMap(&operand);
      for (auto [axis, expr] : llvm::enumerate(map.getResults()))
        if (it->second[axis] < 0 &&
            llvm::any_of(step.loopAxis, [&, e = expr](auto entry) {
              return e.isFunctionOfDim(entry.first);
            }))
          return "an intermediate computed in full along its axis " +
                 std::to_string(axis) + " is read per group";
    }
    if (std::string why = explainOperandMaps(op, step.loopAxis, packAxis);
        !why.empty())
      return why;
    SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
    for (OpOperand &init : op.getDpsInitsMutable()) {
      AffineMap map = op.getMatchingIndexingMap(&init);
      PackedLayout layout;
      if (std::string why = resultLayout(map, step.loopAxis, layout);
          !why.empty())
        return why;
      Value result = op.getTiedOpResult(&init);
      bool readLater = llvm::any_of(result.getUsers(), [](Operation *user) {
        return !isa<YieldOp>(user);
      });
      if (readLater)
        for (auto [dim, axis] : step.loopAxis)
          if (axis != packAxis &&
              !map.isFunctionOfDim(static_cast<unsigned>(dim)))
            return "chained computation #" + std::to_string(position) +
                   " sums over the groups along d" + std::to_string(dim) +
                   ": its result is complete only after every group, and a "
                   "later computation reads it per group";
      plan.layouts[result] = std::move(layout);
    }
    plan.steps.push_back(std::move(step));
  }
  for (auto [i, yielded] :
       llvm::enumerate(body.getTerminator()->getOperands())) {
    auto result = dyn_cast<OpResult>(yielded);
    auto op = result ? dyn_cast<linalg::LinalgOp>(result.getOwner())
                     : linalg::LinalgOp();
    if (!op || !plan.layouts.count(yielded))
      return "spider.pit does not yield the computation's results";
    auto arg = dyn_cast<BlockArgument>(
        op.getDpsInitOperand(result.getResultNumber())->get());
    if (!arg || arg.getOwner() != &body ||
        arg.getArgNumber() != numPitInputs + i)
      return "the computation's outputs are not the spider.pit outputs";
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
  /// With `parallel`, groups that write disjoint boxes of every output run
  /// as an scf.forall.
  SmallVector<Value> emitGroupLoop(ValueRange initialOutputs, bool parallel) {
    offsets = groups.offsets;
    positions = groups.positions;
    sparse = plan.pit.getSparseValue();
    packExtent = tensor::DimOp::create(b, loc, sparse, plan.packAxis);
    if (parallel && !outsideVolume && groupsWriteDisjointBoxes())
      return emitParallelGroupLoop(initialOutputs);
    if (parallel)
      if (std::optional<SmallVector<Value>> results =
              emitParallelPackedGroups(initialOutputs))
        return *results;

    return emitOrderedGroups(
        initialOutputs, [&](Value group, Value start, Value end,
                            ValueRange acc) {
          SmallVector<OutputPlacement> placements;
          SmallVector<Value> results =
              emitGroup(group, start, end, acc, placements);
          return writeBack(results, placements, acc, start, end);
        });
  }

  /// The ordered loop over the groups, carrying the outputs (and, with the
  /// profile, the count of executed iterations): `perGroup(group, start,
  /// end, outputs)` gives a non-empty group's new outputs; an empty group
  /// leaves them as they are.
  SmallVector<Value> emitOrderedGroups(
      ValueRange initialOutputs,
      llvm::function_ref<SmallVector<Value>(Value, Value, Value, ValueRange)>
          perGroup) {
    Value c0 = constant(0), c1 = constant(1);
    SmallVector<Value> inits(initialOutputs);
    if (outsideVolume)
      inits.push_back(arith::ConstantOp::create(b, loc, b.getF64FloatAttr(0)));
    auto loop = scf::ForOp::create(
        b, loc, c0, groups.numGroups, c1, inits,
        [&](OpBuilder &nb, Location, Value group, ValueRange carried) {
          ValueRange acc = carried.take_front(initialOutputs.size());
          OpBuilder::InsertionGuard guard(b);
          b.setInsertionPointToStart(nb.getInsertionBlock());
          Value start, end;
          std::tie(start, end) = groupRange(group);
          auto ifOp = scf::IfOp::create(
              b, loc, isNonEmpty(start, end),
              [&](OpBuilder &tb, Location) {
                OpBuilder::InsertionGuard inner(b);
                b.setInsertionPointToStart(tb.getInsertionBlock());
                SmallVector<Value> updated = perGroup(group, start, end, acc);
                if (outsideVolume) {
                  computeBox(group); // What groupIterations multiplies.
                  updated.push_back(arith::AddFOp::create(
                      b, loc, carried.back(), groupIterations(start, end)));
                }
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
  /// Where a yielded result goes back into its spider.pit output; with
  /// `accumulate`, the group computed its contribution from zero and adds
  /// it in (a scatter-add: the output's rows are never gathered).
  struct OutputPlacement {
    std::optional<int64_t> packedAxis;
    SmallVector<OpFoldResult> offs, sizes;
    bool accumulate = false;
  };

  /// The step that computes the body's `yielded` value, and its init.
  std::pair<const PitStep *, OpOperand *> stepYielding(Value yielded) {
    for (const PitStep &step : plan.steps)
      for (OpResult result : step.op->getResults())
        if (result == yielded)
          return {&step, linalg::LinalgOp(step.op).getDpsInitOperand(
                             result.getResultNumber())};
    return {nullptr, nullptr};
  }

  /// Whether two groups never write the same element of an output: every
  /// output is indexed by none of the pack dimension's loops and by a loop
  /// along every axis of the group's box, so each group writes its own box.
  bool groupsWriteDisjointBoxes() {
    Block &body = plan.pit.getBody().front();
    for (Value yielded : body.getTerminator()->getOperands()) {
      auto [step, init] = stepYielding(yielded);
      if (!step)
        return false;
      linalg::LinalgOp op = step->op;
      AffineMap map = op.getMatchingIndexingMap(init);
      llvm::SmallDenseSet<int64_t> axesCovered;
      for (AffineExpr expr : map.getResults()) {
        auto dim = dyn_cast<AffineDimExpr>(expr);
        if (!dim)
          return false;
        auto it = step->loopAxis.find(dim.getPosition());
        if (it == step->loopAxis.end())
          continue;
        if (it->second == plan.packAxis)
          return false;
        axesCovered.insert(it->second);
      }
      int64_t rank = plan.pit.getIndex().getType().getMicrotile().size();
      for (int64_t axis = 0; axis < rank; ++axis)
        if (axis != plan.packAxis && !spansAxis(plan.pit, axis) &&
            !axesCovered.contains(axis))
          return false;
    }
    return true;
  }

  /// The groups as an scf.forall: each writes its box of every output with
  /// tensor.parallel_insert_slice (an empty group writes the box back
  /// unchanged). Bufferized, this becomes scf.parallel and then OpenMP.
  SmallVector<Value> emitParallelGroupLoop(ValueRange initialOutputs) {
    auto forall = scf::ForallOp::create(
        b, loc, ArrayRef<OpFoldResult>{getAsOpFoldResult(groups.numGroups)},
        initialOutputs, std::nullopt);
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(forall.getTerminator());
    Value group = forall.getInductionVars()[0];
    ValueRange shared = forall.getRegionIterArgs();
    Value start, end;
    std::tie(start, end) = groupRange(group);
    // Every output's box, outside the test for an empty group.
    computeBox(group);
    Block &body = plan.pit.getBody().front();
    SmallVector<OutputPlacement> boxes;
    SmallVector<Value> unchanged;
    for (auto [i, yielded] :
         llvm::enumerate(body.getTerminator()->getOperands())) {
      auto [step, init] = stepYielding(yielded);
      enterStep(*step);
      OutputPlacement &placement = boxes.emplace_back();
      linalg::LinalgOp op = step->op;
      sliceOf(shared[i], op.getMatchingIndexingMap(init),
              placement.offs, placement.sizes, placement.packedAxis);
      SmallVector<OpFoldResult> ones(placement.sizes.size(),
                                     b.getIndexAttr(1));
      unchanged.push_back(tensor::ExtractSliceOp::create(
          b, loc, shared[i], placement.offs, placement.sizes, ones));
    }
    auto ifOp = scf::IfOp::create(
        b, loc, isNonEmpty(start, end),
        [&](OpBuilder &tb, Location) {
          OpBuilder::InsertionGuard inner(b);
          b.setInsertionPointToStart(tb.getInsertionBlock());
          SmallVector<OutputPlacement> placements;
          SmallVector<Value> results =
              emitGroup(group, start, end, shared, placements);
          for (auto [result, box] : llvm::zip(results, unchanged))
            if (result.getType() != box.getType())
              result = tensor::CastOp::create(b, loc, box.getType(), result);
          scf::YieldOp::create(b, loc, results);
        },
        [&](OpBuilder &eb, Location) {
          scf::YieldOp::create(eb, loc, unchanged);
        });
    b.setInsertionPointToStart(forall.getTerminator().getBody());
    for (auto [i, box] : llvm::enumerate(boxes)) {
      SmallVector<OpFoldResult> ones(box.sizes.size(), b.getIndexAttr(1));
      tensor::ParallelInsertSliceOp::create(b, loc, ifOp.getResult(i),
                                            shared[i], box.offs, box.sizes,
                                            ones);
    }
    return SmallVector<Value>(forall.getResults());
  }

  /// The groups of a PIT whose outputs are scatter-added along the pack
  /// axis (an MoE FFN's routed rows: top-2 adds two experts into one row,
  /// so groups overlap and emitParallelGroupLoop does not apply), in two
  /// phases. An scf.forall computes every group's packed contribution from
  /// zero into its own rows of a packed tensor per output (group g's rows
  /// start at its first position times the micro-tile, so groups never
  /// overlap there); then an ordered loop scatter-adds each group's rows
  /// into the output, in the order the one-phase loop adds them. The
  /// packed tensors hold the active rows only (the index's positions times
  /// the micro-tile). Returns nothing, leaving no IR, when some output is
  /// not such a scatter-add from zero (a group would read what others
  /// wrote) or spans less than its whole extent off the pack axis.
  std::optional<SmallVector<Value>>
  emitParallelPackedGroups(ValueRange initialOutputs) {
    Block &body = plan.pit.getBody().front();
    ValueRange yields = body.getTerminator()->getOperands();
    SmallVector<int64_t> axes;
    for (auto [i, yielded] : llvm::enumerate(yields)) {
      auto type = dyn_cast<RankedTensorType>(initialOutputs[i].getType());
      std::optional<int64_t> axis = outputPackAxis(yielded);
      if (!type || !axis)
        return std::nullopt;
      axes.push_back(*axis);
    }
    Value numPositions = tensor::DimOp::create(b, loc, positions, 0);
    Operation *firstNew = numPositions.getDefiningOp(); // Erased on failure.
    Value packedRows = mul(numPositions, constant(plan.packTile));
    SmallVector<Value> packed;
    for (auto [i, output] : llvm::enumerate(initialOutputs)) {
      SmallVector<OpFoldResult> sizes =
          tensor::getMixedSizes(b, loc, output);
      sizes[axes[i]] = packedRows;
      packed.push_back(tensor::EmptyOp::create(
          b, loc, sizes,
          cast<RankedTensorType>(output.getType()).getElementType()));
    }
    auto forall = scf::ForallOp::create(
        b, loc, ArrayRef<OpFoldResult>{getAsOpFoldResult(groups.numGroups)},
        packed, std::nullopt);
    bool fits = true;
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPoint(forall.getTerminator());
      Value group = forall.getInductionVars()[0];
      Value start, end;
      std::tie(start, end) = groupRange(group);
      SmallVector<Type> rowTypes;
      for (auto [i, output] : llvm::enumerate(initialOutputs)) {
        auto type = cast<RankedTensorType>(output.getType());
        SmallVector<int64_t> shape(type.getShape());
        shape[axes[i]] = ShapedType::kDynamic;
        rowTypes.push_back(type.clone(shape));
      }
      SmallVector<OutputPlacement> placements;
      auto ifOp = scf::IfOp::create(
          b, loc, isNonEmpty(start, end),
          [&](OpBuilder &tb, Location) {
            OpBuilder::InsertionGuard inner(b);
            b.setInsertionPointToStart(tb.getInsertionBlock());
            SmallVector<Value> results =
                emitGroup(group, start, end, initialOutputs, placements);
            for (auto [result, type] : llvm::zip(results, rowTypes))
              if (result.getType() != type)
                result = tensor::CastOp::create(b, loc, type, result);
            scf::YieldOp::create(b, loc, results);
          },
          [&](OpBuilder &eb, Location) {
            OpBuilder::InsertionGuard inner(b);
            b.setInsertionPointToStart(eb.getInsertionBlock());
            SmallVector<Value> none;
            for (auto [i, output] : llvm::enumerate(initialOutputs)) {
              SmallVector<OpFoldResult> sizes =
                  tensor::getMixedSizes(b, loc, output);
              sizes[axes[i]] = b.getIndexAttr(0);
              Value empty = tensor::EmptyOp::create(
                  b, loc, sizes,
                  cast<RankedTensorType>(output.getType()).getElementType());
              none.push_back(
                  tensor::CastOp::create(b, loc, rowTypes[i], empty));
            }
            scf::YieldOp::create(b, loc, none);
          });
      fits = placementsScatterAddWholeRows(placements, axes, initialOutputs);
      // Where each group's rows go, computed before the terminator (whose
      // region holds nothing but the inserts).
      Value rowStart = mul(start, constant(plan.packTile));
      SmallVector<SmallVector<OpFoldResult>> at, sizes;
      for (auto [i, rows] : llvm::enumerate(ifOp.getResults())) {
        auto type = cast<RankedTensorType>(rows.getType());
        at.emplace_back(type.getRank(), b.getIndexAttr(0));
        at.back()[axes[i]] = rowStart;
        sizes.push_back(tensor::getMixedSizes(b, loc, rows));
      }
      b.setInsertionPointToStart(forall.getTerminator().getBody());
      for (auto [i, rows] : llvm::enumerate(ifOp.getResults())) {
        SmallVector<OpFoldResult> ones(sizes[i].size(), b.getIndexAttr(1));
        tensor::ParallelInsertSliceOp::create(b, loc, rows,
                                              forall.getRegionIterArgs()[i],
                                              at[i], sizes[i], ones);
      }
    }
    // A group that reads an output would read what other groups wrote (its
    // shape, tensor.dim, is the same for all).
    forall.walk([&](Operation *op) {
      if (isa<tensor::DimOp>(op))
        return;
      for (Value operand : op->getOperands())
        if (llvm::is_contained(initialOutputs, operand))
          fits = false;
    });
    if (!fits) {
      // Everything from the first new op up to the forall, in reverse.
      SmallVector<Operation *> dead;
      for (Operation *op = firstNew; op; op = op->getNextNode()) {
        dead.push_back(op);
        if (op == forall.getOperation())
          break;
      }
      for (Operation *op : llvm::reverse(dead))
        op->erase();
      return std::nullopt;
    }
    // Phase two: the ordered scatter-add of each group's rows.
    return emitOrderedGroups(
        initialOutputs, [&](Value, Value start, Value end, ValueRange acc) {
          Value length = packedLength(start, end);
          Value rowStart = mul(start, constant(plan.packTile));
          SmallVector<Value> updated;
          for (auto [i, rows] : llvm::enumerate(forall.getResults())) {
            int64_t rank = cast<RankedTensorType>(rows.getType()).getRank();
            SmallVector<OpFoldResult> at(rank, b.getIndexAttr(0));
            SmallVector<OpFoldResult> zeros(at);
            SmallVector<OpFoldResult> ones(rank, b.getIndexAttr(1));
            SmallVector<OpFoldResult> sizes =
                tensor::getMixedSizes(b, loc, acc[i]);
            at[axes[i]] = rowStart;
            sizes[axes[i]] = length;
            Value mine =
                tensor::ExtractSliceOp::create(b, loc, rows, at, sizes, ones);
            updated.push_back(copyTiles(mine, acc[i], axes[i], zeros, sizes,
                                        zeros, start, end, /*gather=*/false,
                                        /*accumulate=*/true));
          }
          return updated;
        });
  }

  /// The axis of the output that `yielded` becomes along which it is
  /// indexed by the pack dimension's loop, if it is (exactly one).
  std::optional<int64_t> outputPackAxis(Value yielded) {
    auto [step, init] = stepYielding(yielded);
    if (!step)
      return std::nullopt;
    linalg::LinalgOp op = step->op;
    AffineMap map = op.getMatchingIndexingMap(init);
    std::optional<int64_t> found;
    for (auto [pos, expr] : llvm::enumerate(map.getResults())) {
      auto dim = dyn_cast<AffineDimExpr>(expr);
      if (!dim)
        return std::nullopt;
      auto it = step->loopAxis.find(dim.getPosition());
      if (it == step->loopAxis.end() || it->second != plan.packAxis)
        continue;
      if (found)
        return std::nullopt;
      found = pos;
    }
    return found;
  }

  /// Whether every output was a scatter-add from zero along `axes` that
  /// covers the whole output off that axis (so that a group's packed rows
  /// are whole rows of the packed tensor).
  bool placementsScatterAddWholeRows(ArrayRef<OutputPlacement> placements,
                                     ArrayRef<int64_t> axes,
                                     ValueRange outputs) {
    if (placements.size() != outputs.size())
      return false;
    for (auto [i, placement] : llvm::enumerate(placements)) {
      if (!placement.accumulate || placement.packedAxis != axes[i])
        return false;
      auto type = cast<RankedTensorType>(outputs[i].getType());
      for (int64_t axis = 0; axis < type.getRank(); ++axis) {
        if (axis == axes[i])
          continue;
        std::optional<int64_t> off = getConstantIntValue(placement.offs[axis]);
        std::optional<int64_t> size =
            getConstantIntValue(placement.sizes[axis]);
        if (off != 0 || type.isDynamicDim(axis) ||
            size != type.getDimSize(axis))
          return false;
      }
    }
    return true;
  }

  /// Where group `group`'s active micro-tiles start and end in the
  /// positions.
  std::pair<Value, Value> groupRange(Value group) {
    Value start = tensor::ExtractOp::create(b, loc, offsets, group);
    Value end = tensor::ExtractOp::create(b, loc, offsets,
                                          ia.add(group, constant(1)));
    return {start, end};
  }

  /// Whether the group of range [start, end) has an active micro-tile.
  Value isNonEmpty(Value start, Value end) {
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, start,
                                 end);
  }

  Value constant(int64_t v) { return ia.constant(v); }
  Value mul(Value x, Value y) { return ia.mul(x, y); }
  Value sub(Value x, Value y) { return ia.sub(x, y); }

  /// Iterations of the group just emitted: its box, its packed length and
  /// the loops outside both.
  Value groupIterations(Value start, Value end) {
    Value volume = mul(packedLength(start, end), outsideVolume);
    for (auto [dim, axis] : plan.boxDims)
      volume = mul(volume, axisBox.lookup(axis).size);
    return ia.toF64(volume);
  }

  Value tileExtent(Value offset, int64_t tile, Value extent) {
    return ia.tileExtent(offset, tile, extent);
  }

  /// The group's box: micro-tile coordinates of the sparse operand along its
  /// non-pack axes, row-major over those axes (in `axisBox`, by axis).
  void computeBox(Value group) {
    TileIndexType type = plan.pit.getIndex().getType();
    ArrayRef<int64_t> microtile = type.getMicrotile();
    SmallVector<Value> coord = groupCoordinates(b, loc, group, sparse, type);
    axisBox.clear();
    for (int64_t axis = 0, e = microtile.size(); axis < e; ++axis) {
      if (axis == plan.packAxis || spansAxis(plan.pit, axis))
        continue;
      Value extent = tensor::DimOp::create(b, loc, sparse, axis);
      Value offset = mul(coord[axis], constant(microtile[axis]));
      axisBox[axis] = {LoopBox::Slice, offset,
                       tileExtent(offset, microtile[axis], extent)};
    }
  }

  /// The box of one step: its loops along the group's axes.
  void enterStep(const PitStep &step) {
    box.clear();
    for (auto [dim, axis] : step.loopAxis)
      box[dim] = axis == plan.packAxis ? LoopBox{LoopBox::Packed, {}, {}}
                                       : axisBox.lookup(axis);
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
      AffineExpr expr = map.getResult(axis);
      if (!isa<AffineDimExpr>(expr)) {
        compoundSlice(expr, value, axis, full, offs, sizes);
        continue;
      }
      auto dim = cast<AffineDimExpr>(expr);
      auto it = box.find(dim.getPosition());
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

  /// The range of an axis indexed by the compound expression `expr` (a
  /// window `oh + kh`) that the box reads: from the expression at the box's
  /// start (the other loop dimensions at 0) to the end of the axis. The
  /// clone, whose box dimensions then start at 0, reads every position it
  /// read before, shifted by that offset; what lies beyond its window it
  /// does not read.
  void compoundSlice(AffineExpr expr, Value value, int64_t axis,
                     OpFoldResult full, SmallVector<OpFoldResult> &offs,
                     SmallVector<OpFoldResult> &sizes) {
    llvm::DenseMap<unsigned, int64_t> coefficients;
    int64_t shift = 0;
    Value offset;
    if (collectLinearTerms(expr, 1, coefficients, shift)) {
      for (auto [dim, coefficient] : coefficients) {
        auto it = box.find(dim);
        if (it == box.end() || it->second.kind != LoopBox::Slice)
          continue;
        Value term = mul(it->second.offset, constant(coefficient));
        offset = offset ? ia.add(offset, term) : term;
      }
    }
    if (!offset) {
      offs.push_back(b.getIndexAttr(0));
      sizes.push_back(full);
      return;
    }
    offs.push_back(offset);
    sizes.push_back(
        sub(tensor::DimOp::create(b, loc, value, axis).getResult(), offset));
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
                  bool gather, bool accumulate = false) {
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
          if (accumulate) {
            Value dst = tensor::ExtractSliceOp::create(b, loc, args[0],
                                                       dstOffs, sizes, ones);
            // dst += src, dst only the init (Utils/CombineInto.h).
            Value sum = combineInto(b, loc, CombinerKind::Add, src, dst);
            scf::YieldOp::create(
                b, loc,
                tensor::InsertSliceOp::create(b, loc, sum, args[0], dstOffs,
                                              sizes, ones)
                    .getResult());
            return;
          }
          // A tile that is one contiguous run (a row segment: every axis but
          // the innermost of extent 1) is one memcpy once bufferized; any
          // other shape goes through linalg.copy, which is vectorized
          // rather than copied element by element.
          if (isRowSegment(sizes)) {
            scf::YieldOp::create(
                b, loc,
                tensor::InsertSliceOp::create(b, loc, src, args[0], dstOffs,
                                              sizes, ones)
                    .getResult());
            return;
          }
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

  /// Whether a tile of `sizes` is one contiguous run of a row-major tensor.
  static bool isRowSegment(ArrayRef<OpFoldResult> sizes) {
    return llvm::all_of(sizes.drop_back(), [](OpFoldResult size) {
      std::optional<int64_t> known = getConstantIntValue(size);
      return known && *known == 1;
    });
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

  /// The clone iterates over the group's slice, so `linalg.index` of a
  /// sliced dimension counts from the slice's start: add the slice offset
  /// back, so that the body reads the positions of the whole tensor. (The
  /// pack dimension is never read: a body that reads it is not permutation
  /// invariant along it, and gets no PIT.)
  void shiftPositionReads(linalg::LinalgOp clone) {
    SmallVector<linalg::IndexOp> reads;
    clone.getBlock()->walk([&](linalg::IndexOp index) {
      if (index->getParentOfType<linalg::LinalgOp>() == clone)
        reads.push_back(index);
    });
    for (linalg::IndexOp index : reads) {
      auto it = box.find(index.getDim());
      if (it == box.end() || it->second.kind != LoopBox::Slice)
        continue;
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointAfter(index);
      Value shifted = arith::AddIOp::create(b, index.getLoc(), index,
                                            it->second.offset);
      index.getResult().replaceAllUsesExcept(shifted,
                                             shifted.getDefiningOp());
    }
  }

  /// The tiles of `sparse` when it is stored packed (spider.from_tiles) on
  /// this PIT's index with one position per micro-tile along the pack axis:
  /// then a group's packed operand is a slice of them. Null otherwise.
  Value packedSparseTiles(Value sparse) {
    auto packed = sparse.getDefiningOp<FromTilesOp>();
    if (!packed || packed.getIndex() != plan.pit.getIndex() ||
        plan.packTile != 1)
      return nullptr;
    return packed.getTiles();
  }

  /// The sparse operand of one group, read from its packed tiles: tiles
  /// `start .. end` are the group's active micro-tiles in order, so the
  /// packed operand is their slice (clipped to the box), with the tile
  /// number moved to the pack axis.
  Value packFromTiles(Value tiles, Value start, Value end) {
    auto sparseType = cast<RankedTensorType>(sparse.getType());
    int64_t rank = sparseType.getRank();
    SmallVector<OpFoldResult> offs = {start}, sizes = {sub(end, start)};
    SmallVector<int64_t> shape = {ShapedType::kDynamic};
    for (int64_t axis = 0; axis < rank; ++axis) {
      offs.push_back(b.getIndexAttr(0));
      if (axis == plan.packAxis) {
        sizes.push_back(b.getIndexAttr(1));
        continue;
      }
      OpFoldResult size;
      auto it = axisBox.find(axis);
      if (it != axisBox.end())
        size = getAsOpFoldResult(it->second.size);
      else // Spanned by one micro-tile: the whole axis.
        size = tensor::getMixedSize(b, loc, sparse, axis);
      sizes.push_back(size);
      std::optional<int64_t> known = getConstantIntValue(size);
      shape.push_back(known ? *known : ShapedType::kDynamic);
    }
    SmallVector<OpFoldResult> ones(rank + 1, b.getIndexAttr(1));
    auto sliceType = RankedTensorType::get(shape, sparseType.getElementType());
    Value slice = tensor::ExtractSliceOp::create(b, loc, sliceType, tiles,
                                                 offs, sizes, ones);
    if (plan.packAxis == 0)
      return slice;
    // Every other axis of extent 1 (a CSR row): moving n is a reshape.
    if (llvm::all_of(ArrayRef<int64_t>(shape).drop_front(),
                     [](int64_t extent) { return extent == 1; })) {
      SmallVector<int64_t> packedShape(rank, 1);
      packedShape[plan.packAxis] = ShapedType::kDynamic;
      auto flatType =
          RankedTensorType::get({ShapedType::kDynamic},
                                sparseType.getElementType());
      SmallVector<ReassociationIndices> all(1);
      for (int64_t axis = 0; axis < rank; ++axis)
        all[0].push_back(axis);
      Value flat = tensor::CollapseShapeOp::create(b, loc, flatType, slice, all);
      SmallVector<OpFoldResult> outShape(rank, b.getIndexAttr(1));
      outShape[plan.packAxis] = sub(end, start);
      return tensor::ExpandShapeOp::create(
          b, loc,
          RankedTensorType::get(packedShape, sparseType.getElementType()),
          flat, all, outShape);
    }
    // [n, others...] -> the sparse operand's axis order, n at the pack axis.
    SmallVector<int64_t> permutation;
    for (int64_t axis = 0, other = 1; axis < rank; ++axis)
      permutation.push_back(axis == plan.packAxis ? 0 : other++);
    SmallVector<OpFoldResult> outSizes;
    for (int64_t axis = 0; axis < rank; ++axis)
      outSizes.push_back(
          tensor::getMixedSize(b, loc, slice, permutation[axis]));
    Value init = tensor::EmptyOp::create(b, loc, outSizes,
                                         sparseType.getElementType());
    return linalg::TransposeOp::create(b, loc, slice, init, permutation)
        ->getResult(0);
  }

  /// Whether `op` reads its init `init` only to add to it: its body yields
  /// `init + v` (v not reading it), so a group can compute v from zero and
  /// add it to the output afterwards.
  static bool isAddAccumulator(linalg::LinalgOp op, OpOperand &init) {
    Block *block = op.getBlock();
    BlockArgument out = op.getMatchingBlockArgument(&init);
    auto yield = cast<linalg::YieldOp>(block->getTerminator());
    unsigned resultNumber = op.getTiedOpResult(&init).getResultNumber();
    Value yielded = yield.getOperand(resultNumber);
    Operation *add = yielded.getDefiningOp();
    if (!add || !isa<arith::AddFOp, arith::AddIOp>(add) || !out.hasOneUse() ||
        add->getBlock() != block)
      return false;
    // A result a later computation of the chain reads must be whole there.
    Value result = op.getTiedOpResult(&init);
    if (llvm::any_of(result.getUsers(),
                     [](Operation *user) { return !isa<YieldOp>(user); }))
      return false;
    return llvm::is_contained(add->getOperands(), Value(out));
  }

  /// A zero of the packed shape (offs, sizes with `packedLen` on the packed
  /// axis) for a scatter-added output of element type `type`.
  Value packedZeros(RankedTensorType type, ArrayRef<OpFoldResult> sizes,
                    int64_t packedAxis, Value packedLen) {
    SmallVector<OpFoldResult> packedSizes(sizes);
    packedSizes[packedAxis] = packedLen;
    Value empty = tensor::EmptyOp::create(b, loc, packedSizes,
                                          type.getElementType());
    Value zero = arith::ConstantOp::create(
        b, loc, b.getZeroAttr(type.getElementType()));
    return linalg::FillOp::create(b, loc, zero, empty).getResult(0);
  }

  /// A fresh init built in the body (tensor.empty, or a fill of one), at
  /// the size the step's box gives it through `map`.
  Value buildPackedInit(Operation *builder, AffineMap map, Value packedLen,
                        const IRMapping &mapping) {
    auto fill = dyn_cast<linalg::FillOp>(builder);
    Value empty = fill ? fill.getOutputs()[0] : builder->getResult(0);
    auto type = cast<RankedTensorType>(empty.getType());
    SmallVector<OpFoldResult> sizes;
    for (auto [axis, expr] : llvm::enumerate(map.getResults())) {
      auto dim = dyn_cast<AffineDimExpr>(expr);
      auto it = dim ? box.find(dim.getPosition()) : box.end();
      if (it == box.end() || it->second.kind == LoopBox::Full)
        sizes.push_back(b.getIndexAttr(type.getDimSize(axis)));
      else if (it->second.kind == LoopBox::Slice)
        sizes.push_back(it->second.size);
      else
        sizes.push_back(packedLen);
    }
    Value packed =
        tensor::EmptyOp::create(b, loc, sizes, type.getElementType());
    if (!fill)
      return packed;
    Value scalar = mapping.lookupOrDefault(fill.getInputs()[0]);
    return linalg::FillOp::create(b, loc, scalar, packed).getResult(0);
  }

  /// Runs one group through every step of the plan: operands from outside
  /// are sliced and gathered, intermediates stay packed. Returns the
  /// group's value of each yielded result, and in `outputPlacements` where
  /// it goes back into `acc` (writeBack).
  SmallVector<Value>
  emitGroup(Value group, Value start, Value end, ValueRange acc,
            SmallVector<OutputPlacement> &outputPlacements) {
    computeBox(group);
    Value packedLen = packedLength(start, end);
    Block &body = plan.pit.getBody().front();
    unsigned numPitInputs = plan.pit.getInputs().size();
    // Packed values of the body's intermediates, and where each output
    // goes back.
    llvm::DenseMap<Value, Value> packedOf;
    llvm::DenseMap<unsigned, OutputPlacement> placements;
    IRMapping mapping = outer;

    for (const PitStep &step : plan.steps) {
      enterStep(step);
      linalg::LinalgOp op = step.op;
      SmallVector<Value> groupOperands;
      for (OpOperand &operand : op->getOpOperands()) {
        Value inner = operand.get();
        AffineMap map = op.getMatchingIndexingMap(&operand);
        if (Value packed = packedOf.lookup(inner)) {
          groupOperands.push_back(packed);
          continue;
        }
        Operation *def = inner.getDefiningOp();
        if (def && def->getBlock() == &body && isPitInitBuilder(def)) {
          groupOperands.push_back(
              buildPackedInit(def, map, packedLen, mapping));
          continue;
        }
        auto arg = dyn_cast<BlockArgument>(inner);
        if (arg && arg.getOwner() == &body &&
            arg.getArgNumber() == plan.pit.getSparseOperand()) {
          if (Value tiles = packedSparseTiles(mapping.lookupOrDefault(inner))) {
            groupOperands.push_back(packFromTiles(tiles, start, end));
            continue;
          }
        }
        // Inits come from the loop-carried values. An output's block
        // argument read as an input stands for the output's value before
        // the computation, as in the dense program: the operand itself,
        // not what earlier groups wrote.
        bool isOutput = arg && arg.getOwner() == &body &&
                        arg.getArgNumber() >= numPitInputs &&
                        op.isDpsInit(&operand);
        Value value = isOutput ? acc[arg.getArgNumber() - numPitInputs]
                               : mapping.lookupOrDefault(inner);
        if (!isa<RankedTensorType>(value.getType())) {
          groupOperands.push_back(value);
          continue;
        }
        // Operand by operand, not value by value: one value read through
        // two indexing maps (`matmul(%a, %a)`) is packed once per map.
        OutputPlacement placement;
        if (isOutput && isAddAccumulator(op, operand)) {
          sliceOf(value, map, placement.offs, placement.sizes,
                  placement.packedAxis);
          if (placement.packedAxis) {
            placement.accumulate = true;
            groupOperands.push_back(packedZeros(
                cast<RankedTensorType>(value.getType()), placement.sizes,
                *placement.packedAxis, packedLen));
            placements[arg.getArgNumber() - numPitInputs] =
                std::move(placement);
            continue;
          }
          placement = OutputPlacement();
        }
        groupOperands.push_back(packOperand(value, map, start, end, packedLen,
                                            placement.packedAxis,
                                            placement.offs, placement.sizes));
        if (isOutput)
          placements[arg.getArgNumber() - numPitInputs] = std::move(placement);
      }
      Operation *clone = b.clone(*op, mapping);
      clone->setOperands(groupOperands);
      if (TileConfigAttr config = plan.pit.getTileConfigAttr();
          config && op == plan.computation)
        clone->setAttr("spider.compute_tile",
                       b.getDenseI64ArrayAttr(config.getComputeTile()));
      clone->setAttr(kPackedComputationAttrName, b.getUnitAttr());
      auto cloned = cast<linalg::LinalgOp>(clone);
      for (OpOperand &init : cloned.getDpsInitsMutable()) {
        OpResult result = cloned.getTiedOpResult(&init);
        result.setType(init.get().getType());
        packedOf[op->getResult(result.getResultNumber())] = result;
      }
      shiftPositionReads(cloned);
    }

    SmallVector<Value> results;
    for (auto [i, yielded] :
         llvm::enumerate(body.getTerminator()->getOperands())) {
      results.push_back(packedOf.lookup(yielded));
      outputPlacements.push_back(std::move(placements[i]));
    }
    return results;
  }

  /// Writes a group's results back into `acc`: inserted at their box, or
  /// scattered (or scatter-added) micro-tile by micro-tile along the pack
  /// axis. Returns the new values of the outputs.
  SmallVector<Value> writeBack(ArrayRef<Value> results,
                               ArrayRef<OutputPlacement> placements,
                               ValueRange acc, Value start, Value end) {
    SmallVector<Value> updated;
    for (auto [i, result] : llvm::enumerate(results)) {
      const OutputPlacement &placement = placements[i];
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
                                  end, /*gather=*/false,
                                  placement.accumulate));
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
  llvm::DenseMap<int64_t, LoopBox> box;    ///< By loop dim, for one step.
  llvm::DenseMap<int64_t, LoopBox> axisBox; ///< By sparse-operand axis.
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
  // Nothing to skip, and no group to slice (slices of an empty dimension
  // would start out of bounds).
  for (Value operand : pit.getOperands().drop_back())
    if (auto type = dyn_cast<RankedTensorType>(operand.getType()))
      if (llvm::is_contained(type.getShape(), 0))
        return "an operand has a dimension of size 0";
  return explainUnsupported(plan);
}

SmallVector<Value> mlir::spider::emitPitGroupLoop(
    OpBuilder &b, Location loc, const PitPlan &plan, const IRMapping &outer,
    const IndexGroups &groups, ValueRange initialOutputs,
    Value iterationsOutside, bool parallelGroups) {
  PitLowering lowering(b, loc, plan, outer, groups);
  if (iterationsOutside)
    lowering.countIterations(iterationsOutside);
  SmallVector<Value> values =
      lowering.emitGroupLoop(initialOutputs, parallelGroups);
  if (iterationsOutside)
    values.push_back(lowering.executedIterations());
  return values;
}
