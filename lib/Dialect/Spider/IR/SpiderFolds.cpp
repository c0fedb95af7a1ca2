//===- SpiderFolds.cpp - Folders of Spider operations ---------------------===//
//
// Index-building ops on constant operands fold to `spider.index_constant`,
// using the same construction code as the run-time library.
//
//===----------------------------------------------------------------------===//

#include "spider/Dialect/Spider/IR/SpiderOps.h"
#include "spider/Runtime/TileIndex.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::spider;

/// Constants larger than this are left for the run time: folding would scan
/// them at every canonicalization.
static constexpr int64_t kMaxFoldedElements = int64_t(1) << 24;

/// Whether an index over `grid` packed along `packDim` is small enough to
/// build at compile time: its activity map and its offsets are allocated
/// whole, and an attribute (a routing op's expert count, a CSR column
/// count) can ask for any number of tiles.
static bool isFoldable(const std::vector<int64_t> &grid, int64_t packDim) {
  int64_t tiles = 1, groups = 1;
  for (auto [d, size] : llvm::enumerate(grid)) {
    if (size < 0 || __builtin_mul_overflow(tiles, size, &tiles) ||
        (static_cast<int64_t>(d) != packDim &&
         __builtin_mul_overflow(groups, size, &groups)))
      return false;
  }
  return tiles <= kMaxFoldedElements && groups <= kMaxFoldedElements;
}

/// ceil(a / b) for a >= 0, b > 0, without the overflow of (a + b - 1) / b.
static int64_t ceilDiv(int64_t a, int64_t b) { return a / b + (a % b != 0); }

/// The number of elements of `shape`, or nullopt when it is dynamic or does
/// not fit in int64_t (a splat constant can have any static shape).
static std::optional<int64_t> checkedNumElements(ArrayRef<int64_t> shape) {
  int64_t elements = 1;
  for (int64_t size : shape)
    if (ShapedType::isDynamic(size) || size < 0 ||
        __builtin_mul_overflow(elements, size, &elements))
      return std::nullopt;
  return elements;
}

static Attribute toAttr(MLIRContext *context,
                        const spiderrt::IndexOrError &built) {
  if (!built.ok())
    return {}; // Left for the run time, which reports the error.
  const spiderrt::TileIndex &index = built.index;
  return IndexValueAttr::get(context, index.grid, index.offsets,
                             index.positions);
}

/// Reads an integer or index constant into int64 values.
static std::optional<std::vector<int64_t>> readIntegers(Attribute attr) {
  auto dense = dyn_cast_or_null<DenseIntElementsAttr>(attr);
  if (!dense || dense.getNumElements() > kMaxFoldedElements)
    return std::nullopt;
  std::vector<int64_t> values;
  values.reserve(dense.getNumElements());
  for (const APInt &value : dense.getValues<APInt>())
    values.push_back(value.getSExtValue());
  return values;
}

OpFoldResult DetectOp::fold(FoldAdaptor adaptor) {
  // A marked constant (a static sparse weight) is still a constant.
  Attribute input = adaptor.getInput();
  if (auto assume = getInput().getDefiningOp<AssumeSparseOp>();
      assume && !input)
    matchPattern(assume.getSource(), m_Constant(&input));
  auto dense = dyn_cast_or_null<DenseElementsAttr>(input);
  auto type = dyn_cast<RankedTensorType>(getInput().getType());
  if (!dense || !type)
    return {};
  std::optional<int64_t> numElements = checkedNumElements(type.getShape());
  if (!numElements || *numElements > kMaxFoldedElements)
    return {};
  TileIndexType index = getIndex().getType();
  std::vector<int64_t> shape(type.getShape().begin(), type.getShape().end());
  std::vector<int64_t> microtile(index.getMicrotile().begin(),
                                 index.getMicrotile().end());
  if (shape.size() != microtile.size() ||
      !isFoldable(spiderrt::tileGrid(shape, microtile), index.getPackDim()))
    return {};
  std::vector<bool> nonZero;
  nonZero.reserve(dense.getNumElements());
  if (isa<FloatType>(type.getElementType())) {
    for (const APFloat &value : dense.getValues<APFloat>())
      nonZero.push_back(!value.isZero());
  } else if (type.getElementType().isIntOrIndex()) {
    for (const APInt &value : dense.getValues<APInt>())
      nonZero.push_back(!value.isZero());
  } else {
    return {};
  }
  spiderrt::IndexOrError built =
      spiderrt::detectIndex(shape, microtile, index.getPackDim(),
                            [&](int64_t i) { return nonZero[i]; });
  return toAttr(getContext(), built);
}

OpFoldResult RouteOp::fold(FoldAdaptor adaptor) {
  std::optional<std::vector<int64_t>> ids = readIntegers(adaptor.getIds());
  auto type = dyn_cast<RankedTensorType>(getIds().getType());
  if (!ids || !type || !type.hasStaticShape())
    return {};
  int64_t numTokens = type.getDimSize(0);
  int64_t k = type.getRank() == 2 ? type.getDimSize(1) : 1;
  int64_t tokenBlock = getIndex().getType().getMicrotile()[0];
  if (!isFoldable({ceilDiv(numTokens, tokenBlock),
                   static_cast<int64_t>(getNumExperts())},
                  /*packDim=*/0))
    return {};
  return toAttr(getContext(),
                spiderrt::routeIndex(ids->data(), numTokens, k, getNumExperts(),
                                     getIndex().getType().getMicrotile()[0]));
}

OpFoldResult IndexFromCsrOp::fold(FoldAdaptor adaptor) {
  std::optional<std::vector<int64_t>> offsets =
      readIntegers(adaptor.getRowOffsets());
  std::optional<std::vector<int64_t>> columns =
      readIntegers(adaptor.getColumns());
  auto numColumns = dyn_cast_or_null<IntegerAttr>(adaptor.getNumColumns());
  if (!offsets || !columns || !numColumns || offsets->empty())
    return {};
  ArrayRef<int64_t> microtile = getIndex().getType().getMicrotile();
  int64_t rows = static_cast<int64_t>(offsets->size()) - 1;
  if (numColumns.getInt() < 0 ||
      !isFoldable({ceilDiv(rows, microtile[0]),
                   ceilDiv(numColumns.getInt(), microtile[1])},
                  /*packDim=*/1))
    return {};
  return toAttr(getContext(),
                spiderrt::csrIndex(
                    offsets->data(), static_cast<int64_t>(offsets->size()) - 1,
                    columns->data(), static_cast<int64_t>(columns->size()),
                    numColumns.getInt(), microtile[0], microtile[1],
                    getSortedColumns()));
}

OpFoldResult IndexConstantOp::fold(FoldAdaptor) { return getValue(); }

OpFoldResult IndexNonZerosOp::fold(FoldAdaptor) {
  // A constant index does not remember its data.
  if (getIndex().getDefiningOp<IndexConstantOp>())
    return IntegerAttr::get(mlir::IndexType::get(getContext()), -1);
  return {};
}

OpFoldResult ScatterOp::fold(FoldAdaptor) {
  // Writing back, unchanged, the tiles just read from the same place.
  auto gather = getTiles().getDefiningOp<GatherOp>();
  if (getCombiner() == CombinerKind::None && gather &&
      gather.getSource() == getDest() && gather.getIndex() == getIndex())
    return getDest();
  return {};
}

//===----------------------------------------------------------------------===//
// IndexArraysOp
//===----------------------------------------------------------------------===//

namespace {
/// The arrays of a constant index are constants.
struct ConstantIndexArrays : public OpRewritePattern<IndexArraysOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(IndexArraysOp op,
                                PatternRewriter &rewriter) const override {
    auto constant = op.getIndex().getDefiningOp<IndexConstantOp>();
    if (!constant)
      return failure();
    IndexValueAttr value = constant.getValue();
    auto materialize = [&](ArrayRef<int64_t> values, Type resultType) {
      auto type = RankedTensorType::get(
          {static_cast<int64_t>(values.size())}, rewriter.getIndexType());
      SmallVector<APInt> elements;
      for (int64_t v : values)
        elements.push_back(APInt(64, v, /*isSigned=*/true));
      Value dense = arith::ConstantOp::create(
          rewriter, op.getLoc(), DenseElementsAttr::get(type, elements));
      return tensor::CastOp::create(rewriter, op.getLoc(), resultType, dense)
          .getResult();
    };
    Value offsets =
        materialize(value.getOffsets(), op.getOffsets().getType());
    Value positions =
        materialize(value.getPositions(), op.getPositions().getType());
    rewriter.replaceOp(op, {offsets, positions});
    return success();
  }
};
} // namespace

void IndexArraysOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                                MLIRContext *context) {
  results.add<ConstantIndexArrays>(context);
}

namespace {
/// A `tensor.cast` in a spider.pit body of an input's block argument, its
/// only use, moves out of the body: the input becomes the cast of the
/// operand, and the block argument takes the cast's type (outputs too,
/// when the yield casts back). Upstream's
/// canonicalization of linalg ops puts such casts there (a matmul whose
/// sparse operand is `tensor<?x64xf32>` beside a static output gets it cast
/// to `tensor<64x64xf32>`), and a body holds linalg computations only.
struct HoistCastsOutOfPit : public OpRewritePattern<PitOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(PitOp pit,
                                PatternRewriter &rewriter) const override {
    Block &body = pit.getBody().front();
    bool changed = false;
    for (unsigned i = 0, e = pit.getInputs().size(); i < e; ++i) {
      BlockArgument arg = body.getArgument(i);
      if (!arg.hasOneUse())
        continue;
      auto cast = dyn_cast<tensor::CastOp>(*arg.getUsers().begin());
      if (!cast)
        continue;
      Value input = pit.getInputs()[i];
      rewriter.setInsertionPoint(pit);
      Value outside = tensor::CastOp::create(rewriter, cast.getLoc(),
                                             cast.getType(), input);
      rewriter.modifyOpInPlace(pit, [&] {
        pit.getInputsMutable()[i].set(outside);
        arg.setType(cast.getType());
      });
      rewriter.replaceOp(cast, arg);
      changed = true;
    }
    // An output cast to a static type whose result is cast back for the
    // yield (static shape inference on a linalg op's init): the output,
    // the block argument and the result take the static type, and the
    // result is cast back after the spider.pit.
    auto yield = cast<YieldOp>(body.getTerminator());
    unsigned numInputs = pit.getInputs().size();
    for (unsigned j = 0, e = pit.getOutputs().size(); j < e; ++j) {
      BlockArgument arg = body.getArgument(numInputs + j);
      if (!arg.hasOneUse())
        continue;
      auto cast = dyn_cast<tensor::CastOp>(*arg.getUsers().begin());
      auto back = yield.getOperand(j).getDefiningOp<tensor::CastOp>();
      if (!cast || !back || !back->hasOneUse() ||
          back.getSource().getType() != cast.getType())
        continue;
      Type oldType = arg.getType();
      Value output = pit.getOutputs()[j];
      rewriter.setInsertionPoint(pit);
      Value outside = tensor::CastOp::create(rewriter, cast.getLoc(),
                                             cast.getType(), output);
      Value result = pit->getResult(j);
      rewriter.modifyOpInPlace(pit, [&] {
        pit.getOutputsMutable()[j].set(outside);
        arg.setType(cast.getType());
        result.setType(cast.getType());
      });
      rewriter.modifyOpInPlace(
          yield, [&] { yield->setOperand(j, back.getSource()); });
      rewriter.eraseOp(back);
      rewriter.replaceOp(cast, arg);
      rewriter.setInsertionPointAfter(pit);
      auto restored =
          tensor::CastOp::create(rewriter, pit.getLoc(), oldType, result);
      rewriter.replaceAllUsesExcept(result, restored.getResult(), restored);
      changed = true;
    }
    return success(changed);
  }
};
} // namespace

void PitOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                        MLIRContext *context) {
  results.add<HoistCastsOutOfPit>(context);
}
