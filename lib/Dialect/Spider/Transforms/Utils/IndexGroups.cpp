//===- IndexGroups.cpp - Reading an index in the lowerings ----------------===//

#include "spider/Dialect/Spider/Transforms/Utils/IndexGroups.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::spider;

IndexGroups IndexGroups::build(OpBuilder &b, Location loc, Value index) {
  auto arrays = IndexArraysOp::create(b, loc, index);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  Value numGroups = arith::SubIOp::create(
      b, loc, tensor::DimOp::create(b, loc, arrays.getOffsets(), 0), one);
  return {arrays.getOffsets(), arrays.getPositions(), numGroups};
}

Value IndexGroups::numActive(OpBuilder &b, Location loc) const {
  return tensor::DimOp::create(b, loc, positions, 0);
}

Value IndexGroups::numTiles(OpBuilder &b, Location loc, Value sparse,
                            int64_t packAxis, int64_t packTile) const {
  Value packTiles = arith::CeilDivSIOp::create(
      b, loc, tensor::DimOp::create(b, loc, sparse, packAxis),
      arith::ConstantIndexOp::create(b, loc, packTile));
  return arith::MulIOp::create(b, loc, numGroups, packTiles);
}

Value mlir::spider::denserThan(OpBuilder &b, Location loc, Value numActive,
                               Value numTiles, double threshold) {
  auto toF64 = [&](Value v) -> Value {
    Value i64 = arith::IndexCastOp::create(b, loc, b.getI64Type(), v);
    return arith::SIToFPOp::create(b, loc, b.getF64Type(), i64);
  };
  Value scaled = arith::MulFOp::create(
      b, loc, toF64(numTiles),
      arith::ConstantOp::create(b, loc, b.getF64FloatAttr(threshold)));
  return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT,
                               toF64(numActive), scaled);
}

SmallVector<Value> mlir::spider::groupCoordinates(OpBuilder &b, Location loc,
                                                  Value group, Value tensor,
                                                  TileIndexType type) {
  ArrayRef<int64_t> microtile = type.getMicrotile();
  int64_t rank = type.getRank();
  SmallVector<Value> coord(rank);
  Value rest = group;
  for (int64_t axis = rank - 1; axis >= 0; --axis) {
    if (axis == type.getPackDim())
      continue;
    Value extent = tensor::DimOp::create(b, loc, tensor, axis);
    Value tiles = arith::CeilDivSIOp::create(
        b, loc, extent, arith::ConstantIndexOp::create(b, loc, microtile[axis]));
    coord[axis] = arith::RemSIOp::create(b, loc, rest, tiles);
    rest = arith::DivSIOp::create(b, loc, rest, tiles);
  }
  return coord;
}
