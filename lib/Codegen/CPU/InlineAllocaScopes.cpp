//===- InlineAllocaScopes.cpp - Drop alloca scopes that allocate nothing --===//

#include "spider/Codegen/CPU/Passes.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERINLINEALLOCASCOPES
#include "spider/Codegen/CPU/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;

namespace {
struct InlineAllocaScopesPass
    : public spider::impl::SpiderInlineAllocaScopesBase<
          InlineAllocaScopesPass> {
  using Base::Base;
  void runOnOperation() override {
    SmallVector<memref::AllocaScopeOp> scopes;
    getOperation().walk([&](memref::AllocaScopeOp scope) {
      // A stack allocation anywhere inside (nested scopes included) keeps
      // the scope: it is what frees the allocation per iteration.
      bool allocates = scope.getBodyRegion()
                           .walk([](memref::AllocaOp) {
                             return WalkResult::interrupt();
                           })
                           .wasInterrupted();
      if (!allocates && scope.getBodyRegion().hasOneBlock())
        scopes.push_back(scope);
    });
    IRRewriter rewriter(&getContext());
    for (memref::AllocaScopeOp scope : scopes) {
      Block &body = scope.getBodyRegion().front();
      auto ret = cast<memref::AllocaScopeReturnOp>(body.getTerminator());
      SmallVector<Value> results(ret.getResults());
      rewriter.eraseOp(ret);
      rewriter.inlineBlockBefore(&body, scope);
      rewriter.replaceOp(scope, results);
    }
  }
};
} // namespace
