//===- CombineInto.cpp - A tile combined into its destination -------------===//

#include "spider/Dialect/Spider/Transforms/Utils/CombineInto.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"

using namespace mlir;
using namespace mlir::spider;

Value mlir::spider::combineScalars(OpBuilder &b, Location loc,
                                   CombinerKind kind, Value x, Value y) {
  bool isFloat = isa<FloatType>(x.getType());
  switch (kind) {
  case CombinerKind::Add:
    return isFloat ? Value(arith::AddFOp::create(b, loc, x, y))
                   : Value(arith::AddIOp::create(b, loc, x, y));
  case CombinerKind::Max:
    return isFloat ? Value(arith::MaximumFOp::create(b, loc, x, y))
                   : Value(arith::MaxSIOp::create(b, loc, x, y));
  case CombinerKind::Min:
    return isFloat ? Value(arith::MinimumFOp::create(b, loc, x, y))
                   : Value(arith::MinSIOp::create(b, loc, x, y));
  case CombinerKind::None:
    return x;
  }
  return x;
}

Value mlir::spider::combineInto(OpBuilder &b, Location loc, CombinerKind kind,
                                Value src, Value dst) {
  int64_t rank = cast<ShapedType>(dst.getType()).getRank();
  AffineMap id = b.getMultiDimIdentityMap(rank);
  SmallVector<utils::IteratorType> parallel(rank,
                                            utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, dst.getType(), ValueRange{src}, ValueRange{dst},
             ArrayRef<AffineMap>{id, id}, parallel,
             [&](OpBuilder &bb, Location l, ValueRange args) {
               linalg::YieldOp::create(
                   bb, l,
                   ValueRange{combineScalars(bb, l, kind, args[1], args[0])});
             })
      .getResult(0);
}
