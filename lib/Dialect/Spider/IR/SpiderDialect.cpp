//===- SpiderDialect.cpp - Spider dialect ---------------------------------===//

#include "spider/Dialect/Spider/IR/SpiderDialect.h"
#include "spider/Dialect/Spider/IR/SpiderOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;
using namespace mlir::spider;

#include "spider/Dialect/Spider/IR/SpiderDialect.cpp.inc"

void SpiderDialect::initialize() {
  registerAttributes();
  registerTypes();
  addOperations<
#define GET_OP_LIST
#include "spider/Dialect/Spider/IR/SpiderOps.cpp.inc"
      >();
}

Operation *SpiderDialect::materializeConstant(OpBuilder &builder,
                                              Attribute value, Type type,
                                              Location loc) {
  // Counts (spider.index_nonzeros) fold to arith constants.
  if (auto integer = dyn_cast<IntegerAttr>(value))
    return arith::ConstantOp::create(builder, loc, type, integer);
  auto indexValue = dyn_cast<IndexValueAttr>(value);
  auto indexType = dyn_cast<TileIndexType>(type);
  if (!indexValue || !indexType)
    return nullptr;
  return IndexConstantOp::create(builder, loc, indexType, indexValue);
}
