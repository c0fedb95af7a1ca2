//===- CodegenUtils.cpp - Builders every Spider lowering shares -----------===//

#include "spider/Dialect/Spider/Transforms/Utils/CodegenUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace mlir::spider;

func::FuncOp mlir::spider::declareRuntimeFunction(ModuleOp module,
                                                  StringRef name,
                                                  FunctionType type,
                                                  bool cInterface) {
  if (auto existing = module.lookupSymbol<func::FuncOp>(name))
    return existing;
  OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
  auto func = func::FuncOp::create(b, module.getLoc(), name, type);
  func.setPrivate();
  if (cInterface)
    func->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                  b.getUnitAttr());
  return func;
}

Value IndexArith::constant(int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}
Value IndexArith::add(Value x, Value y) {
  return arith::AddIOp::create(b, loc, x, y);
}
Value IndexArith::sub(Value x, Value y) {
  return arith::SubIOp::create(b, loc, x, y);
}
Value IndexArith::mul(Value x, Value y) {
  return arith::MulIOp::create(b, loc, x, y);
}
Value IndexArith::min(Value x, Value y) {
  return arith::MinSIOp::create(b, loc, x, y);
}
Value IndexArith::toI64(Value value) {
  return arith::IndexCastOp::create(b, loc, b.getI64Type(), value);
}
Value IndexArith::toF64(Value value) {
  return arith::SIToFPOp::create(b, loc, b.getF64Type(), toI64(value));
}

Value IndexArith::tileExtent(Value offset, int64_t tile, Value extent) {
  std::optional<int64_t> known = getConstantIntValue(extent);
  if (auto dim = extent.getDefiningOp<tensor::DimOp>()) {
    auto type = cast<RankedTensorType>(dim.getSource().getType());
    std::optional<int64_t> axis = dim.getConstantIndex();
    if (axis && !type.isDynamicDim(*axis))
      known = type.getDimSize(*axis);
  }
  if (known && *known % tile == 0)
    return constant(tile);
  return min(constant(tile), sub(extent, offset));
}
