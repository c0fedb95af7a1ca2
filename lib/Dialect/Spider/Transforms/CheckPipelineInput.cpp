//===- CheckPipelineInput.cpp - Input the pipelines would not compile -----===//
//
// The pipelines nest their function passes on the functions of the module
// they run on; functions of a nested builtin.module would come out
// untouched. They are rejected up front, by name.
//
//===----------------------------------------------------------------------===//

#include "spider/Dialect/Spider/Transforms/Passes.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Interfaces/FunctionInterfaces.h"

namespace mlir::spider {
#define GEN_PASS_DEF_SPIDERCHECKPIPELINEINPUT
#include "spider/Dialect/Spider/Transforms/Passes.h.inc"
} // namespace mlir::spider

using namespace mlir;
using namespace mlir::spider;

namespace {
struct CheckPipelineInputPass
    : public spider::impl::SpiderCheckPipelineInputBase<
          CheckPipelineInputPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp top = getOperation();
    bool failed = false;
    top.walk([&](FunctionOpInterface function) {
      auto module = function->getParentOfType<ModuleOp>();
      if (!module || module == top)
        return;
      std::string where = module.getName()
                              ? ("@" + *module.getName()).str()
                              : std::string("without a name");
      function.emitError()
          << "function @" << function.getName()
          << " is in a nested builtin.module (" << where << "), and "
          << pipeline
          << " compiles the functions of the top-level module only: move it "
             "to the top level, or run the pipeline on the nested module "
             "(--pass-pipeline='builtin.module(builtin.module("
          << pipeline << "))')";
      failed = true;
    });
    if (failed)
      signalPassFailure();
  }
};
} // namespace
