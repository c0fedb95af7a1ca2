//===- SpiderPlugin.cpp - Spider as a plugin of stock mlir-opt ------------===//
//
//   mlir-opt --load-dialect-plugin=libSpiderPlugin.so \
//            --load-pass-plugin=libSpiderPlugin.so ...
//
//===----------------------------------------------------------------------===//

#include "spider/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "mlir/Tools/Plugins/PassPlugin.h"
#include "llvm/Config/llvm-config.h"

extern "C" LLVM_ATTRIBUTE_WEAK mlir::DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "Spider", LLVM_VERSION_STRING,
          [](mlir::DialectRegistry *registry) {
            mlir::spider::registerSpiderDialects(*registry);
          }};
}

extern "C" LLVM_ATTRIBUTE_WEAK mlir::PassPluginLibraryInfo
mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "SpiderPasses", LLVM_VERSION_STRING,
          []() { mlir::spider::registerSpiderPasses(); }};
}
