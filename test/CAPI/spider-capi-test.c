/*===- spider-capi-test.c - Spider through its C API only ---------*- C -*-===*/

// RUN: spider-capi-test 2>&1 | FileCheck %s

#include "spider-c/Dialects.h"

#include "mlir-c/BuiltinTypes.h"
#include "mlir-c/Dialect/Func.h"
#include "mlir-c/IR.h"

#include <stdio.h>

static void printToStdout(MlirStringRef text, void *userData) {
  (void)userData;
  fwrite(text.data, 1, text.length, stdout);
}

int main(void) {
  MlirContext ctx = mlirContextCreate();
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  spiderRegisterDialects(registry);
  mlirContextAppendDialectRegistry(ctx, registry);
  mlirDialectRegistryDestroy(registry);

  MlirDialectHandle handle = mlirGetDialectHandle__spider__();
  MlirStringRef ns = mlirDialectHandleGetNamespace(handle);
  printf("namespace: %.*s\n", (int)ns.length, ns.data);
  // CHECK: namespace: spider
  mlirDialectHandleLoadDialect(handle, ctx);

  int64_t microtile[2] = {32, 1};
  MlirAttribute encoding = spiderSparseEncodingAttrGet(ctx, 2, microtile);
  printf("is encoding: %d\n", spiderAttributeIsASparseEncoding(encoding));
  // CHECK: is encoding: 1
  mlirAttributePrint(encoding, printToStdout, NULL);
  printf("\n");
  // CHECK: #spider.sparse<microtile = [32, 1]>

  MlirType index = spiderIndexTypeGet(ctx, 2, microtile, 1);
  printf("is index: %d\n", spiderTypeIsAIndex(index));
  // CHECK: is index: 1
  mlirTypePrint(index, printToStdout, NULL);
  printf("\n");
  // CHECK: !spider.index<microtile = [32, 1], pack_dim = 1>

  const char *source =
      "func.func @f(%a: tensor<64x64xf32>) -> !spider.index<microtile = "
      "[32, 1], pack_dim = 1> {\n"
      "  %s = spider.assume_sparse %a : tensor<64x64xf32> to "
      "tensor<64x64xf32, #spider.sparse<microtile = [32, 1]>>\n"
      "  %i = spider.detect %s : tensor<64x64xf32, #spider.sparse<microtile "
      "= [32, 1]>> -> !spider.index<microtile = [32, 1], pack_dim = 1>\n"
      "  return %i : !spider.index<microtile = [32, 1], pack_dim = 1>\n"
      "}\n";
  mlirContextSetAllowUnregisteredDialects(ctx, false);
  MlirDialectHandle func = mlirGetDialectHandle__func__();
  mlirDialectHandleRegisterDialect(func, ctx);
  MlirModule module =
      mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(source));
  if (mlirModuleIsNull(module)) {
    printf("parse failed\n");
    return 1;
  }
  MlirOperation op = mlirModuleGetOperation(module);
  printf("verifies: %d\n", mlirOperationVerify(op));
  // CHECK: verifies: 1
  mlirOperationPrint(op, printToStdout, NULL);
  printf("\n");
  // CHECK: spider.assume_sparse
  // CHECK: spider.detect
  mlirModuleDestroy(module);
  mlirContextDestroy(ctx);
  return 0;
}
