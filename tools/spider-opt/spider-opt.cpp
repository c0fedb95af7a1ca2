//===- spider-opt.cpp - Spider's optimizer driver -------------------------===//
//
// mlir-opt with the spider dialect and passes, plus every upstream dialect,
// extension and pass that Spider's pipelines need, and (in a build with
// tests) the test-only passes of test/lib.
//
//===----------------------------------------------------------------------===//

#include "spider/InitAll.h"
#ifdef SPIDER_TEST_PASSES
#include "TestPasses.h"
#endif

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  // gpu-module-to-binary translates kernels to LLVM IR.
  mlir::registerAllToLLVMIRTranslations(registry);
  mlir::spider::registerSpiderDialects(registry);
  mlir::registerAllPasses();
  mlir::spider::registerSpiderPasses();
#ifdef SPIDER_TEST_PASSES
  mlir::spider::registerSpiderTestPasses();
#endif
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "Spider optimizer driver\n", registry));
}
