//===- Dialects.cpp - C API for the Spider dialect ------------------------===//

#include "spider-c/Dialects.h"
#include "spider/Dialect/Spider/IR/SpiderOps.h"
#include "spider/InitAll.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Registration.h"

using namespace mlir;
using namespace mlir::spider;

MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(Spider, spider, SpiderDialect)

void spiderRegisterDialects(MlirDialectRegistry registry) {
  registerSpiderDialects(*unwrap(registry));
}

void spiderRegisterPasses(void) { registerSpiderPasses(); }

MlirAttribute spiderSparseEncodingAttrGet(MlirContext context, intptr_t rank,
                                          const int64_t *microtile) {
  return wrap(SparseEncodingAttr::get(unwrap(context),
                                      ArrayRef<int64_t>(microtile, rank)));
}

bool spiderAttributeIsASparseEncoding(MlirAttribute attr) {
  return isa<SparseEncodingAttr>(unwrap(attr));
}

MlirType spiderIndexTypeGet(MlirContext context, intptr_t rank,
                            const int64_t *microtile, int64_t packDim) {
  return wrap(TileIndexType::get(unwrap(context),
                                 ArrayRef<int64_t>(microtile, rank), packDim));
}

bool spiderTypeIsAIndex(MlirType type) {
  return isa<TileIndexType>(unwrap(type));
}
