//===- SpiderDialect.cpp - Spider dialect ---------------------------------===//

#include "spider/Dialect/Spider/IR/SpiderDialect.h"
#include "spider/Dialect/Spider/IR/SpiderOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

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

LogicalResult SpiderDialect::verifyOperationAttribute(Operation *op,
                                                      NamedAttribute attr) {
  // Other spider.* names are left to whoever sets them.
  if (attr.getName() != kComputeTileAttrName)
    return success();
  auto sizes = dyn_cast<DenseI64ArrayAttr>(attr.getValue());
  if (!sizes)
    return op->emitError()
           << "'" << kComputeTileAttrName
           << "' must be an array<i64: ...> of tile sizes, one per loop";
  auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
  if (!linalgOp)
    return op->emitError() << "'" << kComputeTileAttrName
                           << "' sets the compute tile of a linalg op, not of '"
                           << op->getName() << "'";
  if (static_cast<int64_t>(sizes.size()) != linalgOp.getNumLoops())
    return op->emitError() << "'" << kComputeTileAttrName << "' has "
                           << sizes.size() << " sizes but '" << op->getName()
                           << "' has " << linalgOp.getNumLoops() << " loops";
  return verifyComputeTile([&] { return op->emitError(); }, sizes.asArrayRef(),
                           "'" + kComputeTileAttrName.str() + "'");
}
