// A consumer of the installed Spider package: registers the dialect, parses
// Spider IR, folds it and asks the analysis through its interface.

#include "spider/Dialect/Spider/IR/SpiderOps.h"
#include "spider/InitAll.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/raw_ostream.h"

static const char *kProgram = R"mlir(
func.func @f(%b: tensor<4x4xf32>, %c: tensor<4x4xf32>)
    -> (!spider.index<microtile = [2, 2], pack_dim = 1>, tensor<4x4xf32>) {
  %w = arith.constant dense<[[1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0],
                             [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]]> : tensor<4x4xf32>
  %i = spider.detect %w : tensor<4x4xf32> -> !spider.index<microtile = [2, 2], pack_dim = 1>
  %m = linalg.matmul ins(%w, %b : tensor<4x4xf32>, tensor<4x4xf32>)
                     outs(%c : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %i, %m : !spider.index<microtile = [2, 2], pack_dim = 1>, tensor<4x4xf32>
}
)mlir";

int main() {
  mlir::DialectRegistry registry;
  registry.insert<mlir::func::FuncDialect>();
  mlir::spider::registerSpiderDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  llvm::outs()
      << "registered: "
      << context.getOrLoadDialect<mlir::spider::SpiderDialect>()->getNamespace()
      << "\n";

  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(kProgram, &context);
  if (!module)
    return 1;
  mlir::PassManager pm(&context);
  pm.addPass(mlir::createCanonicalizerPass());
  if (mlir::failed(pm.run(*module)))
    return 1;
  module->walk([](mlir::spider::IndexConstantOp op) {
    op.print(llvm::outs());
    llvm::outs() << "\n";
  });
  module->walk([](mlir::spider::PermutationInvariantOpInterface op) {
    llvm::outs() << "permutation-invariant dims of " << op->getName() << ":";
    for (int64_t d : op.getPermutationInvariantDims())
      llvm::outs() << " " << d;
    llvm::outs() << "\n";
  });
  return 0;
}
