//===- HoistVectorTransfers.cpp - Keep accumulators in registers ----------===//

#include "spider/Codegen/CPU/Passes.h"

#include "mlir/Dialect/Linalg/Transforms/Hoisting.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERHOISTVECTORTRANSFERS
#include "spider/Codegen/CPU/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;

namespace {
struct HoistVectorTransfersPass
    : public spider::impl::SpiderHoistVectorTransfersBase<
          HoistVectorTransfersPass> {
  using Base::Base;
  void runOnOperation() override {
    linalg::hoistRedundantVectorTransfers(getOperation());
  }
};
} // namespace
