//===- RowGather.cpp - Recognize a loop that gathers whole rows -----------===//
//
// The loop spider-lower-pit-to-loops emits for SRead of one-row micro-tiles
// (a sparse A's active columns select rows of B):
//
//   %g = scf.for %i = %start to %end step 1 iter_args(%acc = %empty) {
//     %p = tensor.extract %positions[%i]
//     %row = tensor.extract_slice %source[%p, %c] [1, N] [1, 1]
//     %r = arith.subi %i, %start
//     %next = tensor.insert_slice %row into %acc[%r, 0] [1, N] [1, 1]
//     scf.yield %next
//   }
//
// Recognizing it lets a consumer read `source` through the positions in
// place of the copy (PackPanels.cpp packs B's panels that way).
//
//===----------------------------------------------------------------------===//

#include "RowGather.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::spider;

/// `value` without multiplications by one (the row of a one-row
/// micro-tile is its position times its height, before folding).
static Value stripTimesOne(Value value) {
  while (auto mul = value.getDefiningOp<arith::MulIOp>()) {
    if (matchPattern(mul.getRhs(), m_One()))
      value = mul.getLhs();
    else if (matchPattern(mul.getLhs(), m_One()))
      value = mul.getRhs();
    else
      break;
  }
  return value;
}

static bool isUnit(ArrayRef<OpFoldResult> values) {
  return llvm::all_of(values, [](OpFoldResult v) { return isConstantIntValue(v, 1); });
}

std::optional<RowGather> mlir::spider::matchRowGather(Value value) {
  auto result = dyn_cast<OpResult>(value);
  auto loop = result ? dyn_cast<scf::ForOp>(result.getOwner()) : nullptr;
  if (!loop || loop.getNumRegionIterArgs() != 1 ||
      !matchPattern(loop.getStep(), m_One()))
    return std::nullopt;
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || type.getRank() != 2 || type.isDynamicDim(1) ||
      !loop.getInitArgs()[0].getDefiningOp<tensor::EmptyOp>())
    return std::nullopt;
  // Nothing in the body but pure ops: the insert below is all it does.
  for (Operation &op : loop.getBody()->without_terminator())
    if (!isPure(&op))
      return std::nullopt;

  auto yield = cast<scf::YieldOp>(loop.getBody()->getTerminator());
  auto insert = yield.getOperand(0).getDefiningOp<tensor::InsertSliceOp>();
  if (!insert || insert.getDest() != loop.getRegionIterArgs()[0])
    return std::nullopt;
  auto extract = insert.getSource().getDefiningOp<tensor::ExtractSliceOp>();
  if (!extract || extract.getSourceType().getRank() != 2 ||
      extract.getSourceType().getElementType() != type.getElementType() ||
      !loop.isDefinedOutsideOfLoop(extract.getSource()))
    return std::nullopt;
  auto isRowShape = [&](ArrayRef<OpFoldResult> sizes) {
    return isConstantIntValue(sizes[0], 1) &&
           isConstantIntValue(sizes[1], type.getDimSize(1));
  };
  if (!isRowShape(insert.getMixedSizes()) ||
      !isRowShape(extract.getMixedSizes()) ||
      !isUnit(insert.getMixedStrides()) || !isUnit(extract.getMixedStrides()))
    return std::nullopt;

  // Destination row i - start, column 0.
  SmallVector<OpFoldResult> to = insert.getMixedOffsets();
  auto row = dyn_cast_if_present<Value>(to[0]);
  auto sub = row ? row.getDefiningOp<arith::SubIOp>() : nullptr;
  if (!sub || sub.getLhs() != loop.getInductionVar() ||
      sub.getRhs() != loop.getLowerBound() || !isConstantIntValue(to[1], 0))
    return std::nullopt;

  // Source row positions[i], a column the loop does not change.
  SmallVector<OpFoldResult> from = extract.getMixedOffsets();
  auto fromRow = dyn_cast_if_present<Value>(from[0]);
  auto position =
      fromRow ? stripTimesOne(fromRow).getDefiningOp<tensor::ExtractOp>()
              : nullptr;
  if (!position || position.getIndices().size() != 1 ||
      position.getIndices()[0] != loop.getInductionVar() ||
      !loop.isDefinedOutsideOfLoop(position.getTensor()) ||
      !position.getType().isIndex())
    return std::nullopt;
  if (auto column = dyn_cast<Value>(from[1]);
      column && !loop.isDefinedOutsideOfLoop(column))
    return std::nullopt;
  return RowGather{extract.getSource(), position.getTensor(),
                   loop.getLowerBound(), loop.getUpperBound(), from[1]};
}

RowGatherReader::RowGatherReader(OpBuilder &b, Location loc,
                                 const RowGather &gather)
    : gather(gather) {
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  lastPosition = arith::SubIOp::create(b, loc, gather.end, one);
  nonEmpty = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                                   gather.start, gather.end);
}

Value RowGatherReader::read(OpBuilder &b, Location loc, Value position,
                            Value sourceColumn) const {
  Value clamped = arith::MinSIOp::create(b, loc, position, lastPosition);
  Value row = tensor::ExtractOp::create(b, loc, gather.positions, clamped);
  return tensor::ExtractOp::create(b, loc, gather.source,
                                   ValueRange{row, sourceColumn});
}
