//===- TestPermutationInvariance.cpp - Annotate permutation invariance ----===//

#include "spider/Analysis/PermutationInvariance.h"
#include "spider/Dialect/Spider/IR/SpiderInterfaces.h"
#include "TestPasses.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERTESTPERMUTATIONINVARIANCE
#include "TestPasses.h.inc"
} // namespace mlir::spider

using namespace mlir;
using namespace mlir::spider;

namespace {
struct TestPermutationInvariancePass
    : public spider::impl::SpiderTestPermutationInvarianceBase<
          TestPermutationInvariancePass> {
  using Base::Base;

  void runOnOperation() override {
    Builder builder(&getContext());
    getOperation()->walk([&](PermutationInvariantOpInterface op) {
      SmallVector<int64_t> dims = op.getPermutationInvariantDims();
      op->setAttr("spider.pi_dims", builder.getDenseI64ArrayAttr(dims));
      auto linalgOp = dyn_cast<linalg::LinalgOp>(op.getOperation());
      if (!explain || !linalgOp)
        return;
      for (int64_t d = 0, e = linalgOp.getNumLoops(); d < e; ++d)
        if (std::string why = explainPermutationVariance(linalgOp, d);
            !why.empty())
          op->emitRemark() << "not permutation invariant along d" << d << ": "
                           << why;
    });
  }
};
} // namespace
