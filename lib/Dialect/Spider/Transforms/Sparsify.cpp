//===- Sparsify.cpp - Rewrite linalg ops with sparse operands into PIT ----===//

#include "spider/Dialect/Spider/Transforms/Sparsify.h"
#include "spider/Analysis/PermutationInvariance.h"
#include "spider/Analysis/ZeroSkipping.h"
#include "spider/Dialect/Spider/Transforms/Passes.h"
#include "spider/Runtime/RuntimeABI.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/RegionUtils.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERSPARSIFY
#include "spider/Dialect/Spider/Transforms/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;
using namespace mlir::spider;

namespace {
/// A pack axis that qualifies, with what ranks it.
struct Candidate {
  PackChoice choice;
  int64_t tileSize;
  bool isReduction;
  /// The axis holds a single micro-tile: packing it skips nothing that the
  /// groups would not skip anyway.
  bool singleTile;
};
} // namespace

/// The index micro-tile for packing an input of `type`, indexed by `map`,
/// along `packAxis`, starting from `microtile` (the input's encoding, or a
/// known index's, which cannot change). A group slices the input along its
/// other axes, which must therefore be bare loop dimensions; an axis indexed
/// by a compound expression (a convolution window `oh + kh`) is covered
/// whole instead. Fails, saying why in `os`, when that is impossible.
static FailureOr<SmallVector<int64_t>>
chooseIndexMicrotile(AffineMap map, RankedTensorType type,
                     ArrayRef<int64_t> microtile, int64_t packAxis, bool known,
                     llvm::raw_ostream &os) {
  SmallVector<int64_t> result(microtile);
  for (auto [axis, expr] : llvm::enumerate(map.getResults())) {
    if (static_cast<int64_t>(axis) == packAxis || isa<AffineDimExpr>(expr))
      continue;
    int64_t extent = type.getDimSize(axis);
    if (!ShapedType::isDynamic(extent) && result[axis] >= extent)
      continue;
    if (known || ShapedType::isDynamic(extent)) {
      os << "qualifies, but axis " << axis
         << ", indexed by the compound expression '" << expr
         << "', must be spanned by one micro-tile and "
         << (known ? "the known index's micro-tile is smaller than its extent"
                   : "its extent is dynamic");
      return failure();
    }
    result[axis] = llvm::divideCeil(extent, microtile[axis]) * microtile[axis];
  }
  return result;
}

/// The index a sparse value comes with: that of `spider.assume_sparse ...
/// index(...)`, or that of a packed value (`spider.from_tiles`), which has
/// no dense data to detect one from.
static Value knownIndexOf(Value sparse) {
  if (auto assume = sparse.getDefiningOp<AssumeSparseOp>())
    return assume.getIndex();
  if (auto packed = sparse.getDefiningOp<FromTilesOp>())
    return packed.getIndex();
  return nullptr;
}

/// The value a sparse value holds outside its index's active micro-tiles
/// when that is not zero (`spider.assume_sparse ... {inactive = ...}`); null
/// for zero.
static Attribute inactiveValueOf(Value sparse) {
  if (auto assume = sparse.getDefiningOp<AssumeSparseOp>())
    if (std::optional<TypedAttr> inactive = assume.getInactive())
      return *inactive;
  return nullptr;
}

FailureOr<PackChoice> mlir::spider::choosePack(linalg::LinalgOp op,
                                               std::string &reason) {
  reason.clear();
  llvm::raw_string_ostream os(reason);
  // Only tensors carry encodings: ops on buffers have nothing to rewrite.
  if (!op.hasPureTensorSemantics())
    return failure();
  for (OpOperand &init : op.getDpsInitsMutable()) {
    if (getSparseEncoding(init.get().getType())) {
      os << "its output #" << init.getOperandNumber() - op.getNumDpsInputs()
         << " is marked sparse; only inputs can be";
      return failure();
    }
  }
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  std::optional<Candidate> best;
  bool anySparse = false;
  for (OpOperand *input : op.getDpsInputOperands()) {
    SparseEncodingAttr encoding = getSparseEncoding(input->get().getType());
    if (!encoding)
      continue;
    anySparse = true;
    Value known = knownIndexOf(input->get());
    int64_t rank = cast<RankedTensorType>(input->get().getType()).getRank();
    if (!known && rank > SPIDER_RT_MAX_DETECT_RANK) {
      os << (reason.empty() ? "" : "; ") << "input #"
         << input->getOperandNumber() << " has rank " << rank
         << ", and the runtime detects indices of tensors of rank 1 to "
         << SPIDER_RT_MAX_DETECT_RANK << " only";
      continue;
    }
    if (std::string why =
            explainUnsafeSkipping(op, input, inactiveValueOf(input->get()));
        !why.empty()) {
      os << (reason.empty() ? "" : "; ") << why;
      continue;
    }
    AffineMap map = op.getMatchingIndexingMap(input);
    auto type = cast<RankedTensorType>(input->get().getType());
    // A known index fixes the pack axis and the micro-tile.
    std::optional<int64_t> knownAxis;
    ArrayRef<int64_t> microtile = encoding.getMicrotile();
    if (known) {
      auto knownType = cast<TileIndexType>(known.getType());
      knownAxis = knownType.getPackDim();
      microtile = knownType.getMicrotile();
    }
    for (auto [axis, expr] : llvm::enumerate(map.getResults())) {
      if (knownAxis && static_cast<int64_t>(axis) != *knownAxis)
        continue;
      os << (reason.empty() ? "" : "; ") << "input #"
         << input->getOperandNumber() << " axis " << axis << " ";
      auto dim = dyn_cast<AffineDimExpr>(expr);
      if (!dim) {
        os << "is indexed by the compound expression '" << expr << "'";
        continue;
      }
      int64_t loopDim = dim.getPosition();
      if (std::string why = explainPermutationVariance(op, loopDim);
          !why.empty()) {
        os << "maps to d" << loopDim << ", which does not qualify: " << why;
        continue;
      }
      FailureOr<SmallVector<int64_t>> indexTile = chooseIndexMicrotile(
          map, type, microtile, axis, knownAxis.has_value(), os);
      if (failed(indexTile))
        continue;
      os << "qualifies";
      int64_t extent = type.getDimSize(axis);
      Candidate candidate{
          {input, static_cast<int64_t>(axis), loopDim, std::move(*indexTile)},
          microtile[axis],
          iterators[loopDim] == utils::IteratorType::reduction,
          !ShapedType::isDynamic(extent) && extent <= microtile[axis]};
      // Many micro-tiles along the axis first, then the finest micro-tile,
      // then a reduction (nothing to scatter back).
      auto better = [](const Candidate &a, const Candidate &b) {
        if (a.singleTile != b.singleTile)
          return !a.singleTile;
        if (a.tileSize != b.tileSize)
          return a.tileSize < b.tileSize;
        return a.isReduction && !b.isReduction;
      };
      if (!best || better(candidate, *best))
        best = candidate;
    }
  }
  if (!anySparse) {
    reason.clear();
    return failure();
  }
  if (!best)
    return failure();
  reason.clear();
  return best->choice;
}

/// Returns a `spider.detect` of `value` with `type` that dominates `op`.

static Value findDominatingDetect(Value value, TileIndexType type,
                                  Operation *op) {
  DominanceInfo dominance;
  for (Operation *user : value.getUsers()) {
    auto detect = dyn_cast<DetectOp>(user);
    if (detect && detect.getIndex().getType() == type &&
        dominance.properlyDominates(detect.getOperation(), op))
      return detect.getIndex();
  }
  return nullptr;
}

FailureOr<PitOp> mlir::spider::sparsifyLinalgOp(RewriterBase &rewriter,
                                                linalg::LinalgOp op,
                                                std::string *reason) {
  if (op->getParentOfType<PitOp>())
    return failure(); // Already under PIT.
  std::string why;
  FailureOr<PackChoice> choice = choosePack(op, why);
  if (reason)
    *reason = why;
  if (failed(choice))
    return failure();

  Location loc = op.getLoc();
  Value sparse = choice->operand->get();
  auto indexType = TileIndexType::get(rewriter.getContext(), choice->microtile,
                                      choice->axis);
  rewriter.setInsertionPoint(op);
  Value index;
  if (Value known = knownIndexOf(sparse);
      known && cast<TileIndexType>(known.getType()).getPackDim() == choice->axis)
    index = known;
  if (!index)
    index = findDominatingDetect(sparse, indexType, op);
  if (!index)
    index = DetectOp::create(rewriter, loc, indexType, sparse);

  SmallVector<Value> inputs = op.getDpsInputs();
  SmallVector<Value> outputs = op.getDpsInits();
  // spider.pit is isolated from above: constants the body captures are
  // cloned into it, other captured values become extra inputs.
  llvm::SetVector<Value> captured;
  getUsedValuesDefinedAbove(op->getRegions(), captured);
  SmallVector<Operation *> capturedConstants;
  for (Value value : captured) {
    if (matchPattern(value, m_Constant()))
      capturedConstants.push_back(value.getDefiningOp());
    else
      inputs.push_back(value);
  }
  auto pit = PitOp::create(
      rewriter, loc, op->getResultTypes(), inputs, outputs, index,
      rewriter.getI64IntegerAttr(choice->operand->getOperandNumber()),
      rewriter.getI64IntegerAttr(choice->loopDim), TileConfigAttr(),
      FloatAttr());

  SmallVector<Value> operands(inputs);
  llvm::append_range(operands, outputs);
  // Block arguments follow ins then outs; extra inputs sit after the op's.
  SmallVector<Type> argTypes(ValueRange(operands).getTypes());
  SmallVector<Location> argLocs(operands.size(), loc);
  Block *body = rewriter.createBlock(&pit.getBody(), {}, argTypes, argLocs);
  ValueRange args = body->getArguments();
  unsigned numOpInputs = op.getNumDpsInputs();
  IRMapping mapping;
  for (auto [value, arg] :
       llvm::zip(ValueRange(inputs).drop_front(numOpInputs),
                 args.slice(numOpInputs, inputs.size() - numOpInputs)))
    mapping.map(value, arg);
  for (Operation *constant : capturedConstants)
    rewriter.clone(*constant, mapping);
  Operation *computation = rewriter.clone(*op, mapping);
  // Each operand of the computation reads its own block argument, even when
  // one value feeds several (`matmul(%a, %a)`): only the chosen one is the
  // sparse operand, the others are plain operands of the group loop.
  for (auto [i, operand] : llvm::enumerate(op.getDpsInputs()))
    computation->setOperand(i, args[i]);
  for (auto [i, init] : llvm::enumerate(op.getDpsInits()))
    computation->setOperand(numOpInputs + i, args[inputs.size() + i]);
  YieldOp::create(rewriter, loc, computation->getResults());
  // A named op parsed outside any spider.pit keeps upstream's unknown
  // locations in its body; here it gets the op's.
  inheritUnknownLocations(pit.getBody(), loc);
  rewriter.replaceOp(op, pit.getResults());
  return pit;
}

/// The constant `init` is filled with, or null.
static Attribute getFillConstant(Value init) {
  auto fill = init.getDefiningOp<linalg::FillOp>();
  Attribute value;
  if (!fill || !matchPattern(fill.getInputs()[0], m_Constant(&value)) ||
      !isa<FloatAttr, IntegerAttr>(value))
    return nullptr;
  return value;
}

/// Whether `value` is the zero of its type.
static bool isZeroAttr(Attribute value) {
  if (auto f = dyn_cast<FloatAttr>(value))
    return f.getValue().isZero() && !f.getValue().isNegative();
  if (auto i = dyn_cast<IntegerAttr>(value))
    return i.getValue().isZero();
  return false;
}

/// Gives result `k` of the element-wise `op` (every loop parallel, its body
/// never reading that init) the init `fill(value)`: the result does not
/// change, and the op may then skip the iterations that yield `value`.
static void refillInit(RewriterBase &rewriter, linalg::LinalgOp op, unsigned k,
                       Attribute value) {
  OpOperand *init = op.getDpsInitOperand(k);
  rewriter.setInsertionPoint(op);
  Location loc = op.getLoc();
  auto type = cast<RankedTensorType>(init->get().getType());
  SmallVector<OpFoldResult> sizes =
      tensor::getMixedSizes(rewriter, loc, init->get());
  Value empty =
      tensor::EmptyOp::create(rewriter, loc, sizes, type.getElementType());
  Value scalar = arith::ConstantOp::create(rewriter, loc, cast<TypedAttr>(value));
  Value filled =
      linalg::FillOp::create(rewriter, loc, scalar, empty).getResult(0);
  rewriter.modifyOpInPlace(op, [&] { init->set(filled); });
}

/// Marks the readers of `result` sparse with `index` (`inactive` outside
/// it): each linalg op on tensors that reads it and has no sparse input of
/// its own gets `spider.assume_sparse` in front when it then qualifies for
/// PIT. An element-wise reader whose body ignores its init, and yields a
/// constant where `result` is `inactive` (exp(-inf - m) is 0), gets a fill
/// of that constant as its init first, and its result is marked in turn
/// when its maps are `result`'s.
static void markReaders(RewriterBase &rewriter, Value result, Value index,
                        Attribute inactive, SparseEncodingAttr encoding,
                        bool remarks) {
  auto type = cast<RankedTensorType>(result.getType());
  auto sparseType =
      RankedTensorType::get(type.getShape(), type.getElementType(), encoding);
  for (OpOperand &use : llvm::make_early_inc_range(result.getUses())) {
    auto consumer = dyn_cast<linalg::LinalgOp>(use.getOwner());
    if (!consumer || consumer->getParentOfType<PitOp>() ||
        !consumer.hasPureTensorSemantics() || !consumer.isDpsInput(&use) ||
        llvm::any_of(consumer.getDpsInputs(), [](Value in) {
          return getSparseEncoding(in.getType()) != nullptr;
        }))
      continue;
    // An element-wise reader that ignores its inits: fill them with what
    // it yields at inactive positions, when that is known.
    Value oldInit;
    bool elementwise = consumer.getNumReductionLoops() == 0 &&
                       consumer->getNumResults() == 1 &&
                       consumer.getMatchingIndexingMap(&use) ==
                           consumer.getMatchingIndexingMap(
                               consumer.getDpsInitOperand(0));
    if (elementwise) {
      Attribute yielded = evaluateAtInactive(consumer, &use, inactive, 0);
      OpOperand *init = consumer.getDpsInitOperand(0);
      bool readsInit = !consumer.getMatchingBlockArgument(init).use_empty();
      if (yielded && !readsInit && getFillConstant(init->get()) != yielded) {
        oldInit = init->get();
        refillInit(rewriter, consumer, 0, yielded);
      }
    }
    rewriter.setInsertionPoint(consumer);
    auto assume = AssumeSparseOp::create(
        rewriter, consumer.getLoc(), sparseType, result, index,
        inactive && !isZeroAttr(inactive) ? cast<TypedAttr>(inactive)
                                          : TypedAttr());
    use.set(assume.getResult());
    std::string why;
    if (failed(choosePack(consumer, why))) {
      use.set(result);
      rewriter.eraseOp(assume);
      if (oldInit) {
        OpOperand *init = consumer.getDpsInitOperand(0);
        auto fill = init->get().getDefiningOp<linalg::FillOp>();
        rewriter.modifyOpInPlace(consumer, [&] { init->set(oldInit); });
        Operation *empty = fill.getOutputs()[0].getDefiningOp();
        Operation *scalar = fill.getInputs()[0].getDefiningOp();
        rewriter.eraseOp(fill);
        rewriter.eraseOp(empty);
        rewriter.eraseOp(scalar);
      }
      continue;
    }
    if (remarks)
      consumer->emitRemark()
          << "input #" << use.getOperandNumber() << " is "
          << (inactive && !isZeroAttr(inactive) ? "constant" : "zero")
          << " outside the active micro-tiles of the spider.pit that "
             "computes it: it is sparse with that index";
  }
}

void mlir::spider::propagateResultIndex(RewriterBase &rewriter, PitOp pit,
                                        bool remarks) {
  auto op = dyn_cast_or_null<linalg::LinalgOp>(pit.getComputation());
  OpOperand *sparseUse = pit.getSparseUse();
  if (!op || !sparseUse || pit.isChain())
    return;
  AffineMap sparseMap = op.getMatchingIndexingMap(sparseUse);
  auto sparseType = cast<RankedTensorType>(pit.getSparseValue().getType());
  SparseEncodingAttr encoding = getSparseEncoding(sparseType);
  if (!encoding)
    return;
  for (auto [k, result] : llvm::enumerate(pit.getResults())) {
    // Outside the active micro-tiles every iteration that writes the result
    // was skipped (its map is the sparse operand's), so it is its init
    // there: the fill's constant.
    OpOperand *init = op.getDpsInitOperand(k);
    auto type = cast<RankedTensorType>(result.getType());
    Attribute inactive = getFillConstant(pit.getOutputs()[k]);
    if (op.getMatchingIndexingMap(init) != sparseMap ||
        type.getShape() != sparseType.getShape() || type.getEncoding() ||
        !inactive)
      continue;
    markReaders(rewriter, result, pit.getIndex(), inactive, encoding, remarks);
  }
}

namespace {
struct SparsifyLinalgPattern
    : public OpInterfaceRewritePattern<linalg::LinalgOp> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;
  LogicalResult matchAndRewrite(linalg::LinalgOp op,
                                PatternRewriter &rewriter) const override {
    return sparsifyLinalgOp(rewriter, op);
  }
};

struct SparsifyPass : public spider::impl::SpiderSparsifyBase<SparsifyPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> candidates;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (!op->getParentOfType<PitOp>())
        candidates.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : candidates) {
      std::string reason;
      FailureOr<PitOp> pit = sparsifyLinalgOp(rewriter, op, &reason);
      if (succeeded(pit))
        propagateResultIndex(rewriter, *pit, remarks);
      if (succeeded(pit) || reason.empty())
        continue;
      if (remarks)
        op->emitRemark() << "kept dense: " << reason;
    }
  }
};
} // namespace

void mlir::spider::populateSparsifyPatterns(RewritePatternSet &patterns) {
  patterns.add<SparsifyLinalgPattern>(patterns.getContext());
}
