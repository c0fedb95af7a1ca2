/*===- spider-c/Dialects.h - C API for the Spider dialect ---------*- C -*-===*\
|*                                                                            *|
|* The C interface to Spider: the dialect handle, pass registration, and the *|
|* encoding and index type.                                                   *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef SPIDER_C_DIALECTS_H
#define SPIDER_C_DIALECTS_H

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#ifdef __cplusplus
extern "C" {
#endif

MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(Spider, spider);

/// Registers the `spider` dialect, the dialects its IR holds and Spider's
/// external interface models into `registry`.
MLIR_CAPI_EXPORTED void spiderRegisterDialects(MlirDialectRegistry registry);

/// Registers every Spider pass with the global pass registry.
MLIR_CAPI_EXPORTED void spiderRegisterPasses(void);

/// Returns `#spider.sparse<microtile = [...]>` with `rank` sizes.
MLIR_CAPI_EXPORTED MlirAttribute spiderSparseEncodingAttrGet(
    MlirContext context, intptr_t rank, const int64_t *microtile);

/// Returns true when `attr` is a `#spider.sparse` encoding.
MLIR_CAPI_EXPORTED bool spiderAttributeIsASparseEncoding(MlirAttribute attr);

/// Returns `!spider.index<microtile = [...], pack_dim = packDim>`.
MLIR_CAPI_EXPORTED MlirType spiderIndexTypeGet(MlirContext context,
                                               intptr_t rank,
                                               const int64_t *microtile,
                                               int64_t packDim);

/// Returns true when `type` is a `!spider.index`.
MLIR_CAPI_EXPORTED bool spiderTypeIsAIndex(MlirType type);

#ifdef __cplusplus
}
#endif

#endif /* SPIDER_C_DIALECTS_H */
