//===- SpiderInterfaces.cpp - Spider op interfaces ------------------------===//

#include "spider/Dialect/Spider/IR/SpiderInterfaces.h"
#include "spider/Analysis/PermutationInvariance.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/DialectRegistry.h"

using namespace mlir;
using namespace mlir::spider;

#include "spider/Dialect/Spider/IR/SpiderInterfaces.cpp.inc"

namespace {
/// Answers `PermutationInvariantOpInterface` for a linalg structured op with
/// the analysis of `PermutationInvariance.h`.
template <typename OpTy>
struct LinalgPermutationInvariantModel
    : public PermutationInvariantOpInterface::ExternalModel<
          LinalgPermutationInvariantModel<OpTy>, OpTy> {
  SmallVector<int64_t> getPermutationInvariantDims(Operation *op) const {
    return spider::getPermutationInvariantDims(cast<linalg::LinalgOp>(op));
  }
};

template <typename... OpTys> void attachToAll(MLIRContext *context) {
  (OpTys::template attachInterface<LinalgPermutationInvariantModel<OpTys>>(
       *context),
   ...);
}
} // namespace

void mlir::spider::registerPermutationInvariantExternalModels(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *context, linalg::LinalgDialect *) {
    attachToAll<
#define GET_OP_LIST
#include "mlir/Dialect/Linalg/IR/LinalgStructuredOps.cpp.inc"
        >(context);
  });
}
