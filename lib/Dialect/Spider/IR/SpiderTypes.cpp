//===- SpiderTypes.cpp - Spider types -------------------------------------===//

#include "spider/Dialect/Spider/IR/SpiderTypes.h"
#include "spider/Dialect/Spider/IR/SpiderAttrs.h"
#include "spider/Dialect/Spider/IR/SpiderDialect.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::spider;

#define GET_TYPEDEF_CLASSES
#include "spider/Dialect/Spider/IR/SpiderTypes.cpp.inc"

void SpiderDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "spider/Dialect/Spider/IR/SpiderTypes.cpp.inc"
      >();
}

LogicalResult
TileIndexType::verify(function_ref<InFlightDiagnostic()> emitError,
                      ArrayRef<int64_t> microtile, int64_t packDim) {
  if (microtile.empty())
    return emitError() << "index micro-tile must not be empty";
  for (auto [i, size] : llvm::enumerate(microtile))
    if (size <= 0)
      return emitError() << "index micro-tile size " << size << " at position "
                         << i << " must be positive";
  if (packDim < 0 || packDim >= static_cast<int64_t>(microtile.size()))
    return emitError() << "pack_dim " << packDim
                       << " is out of range for an index of rank "
                       << microtile.size();
  return success();
}
