// Stock mlir-opt loads Spider as a dialect plugin and a pass plugin.
// RUN: %mlir_opt %s --load-dialect-plugin=%spider_libs/libSpiderPlugin.so | FileCheck %s --check-prefix=PARSE
// RUN: %mlir_opt %s --load-dialect-plugin=%spider_libs/libSpiderPlugin.so --load-pass-plugin=%spider_libs/libSpiderPlugin.so --pass-pipeline="builtin.module(spider-sparsify)" | FileCheck %s --check-prefix=PASS
// Test-only passes live in test/lib and are not part of what is installed.
// RUN: not %mlir_opt %s --load-dialect-plugin=%spider_libs/libSpiderPlugin.so --load-pass-plugin=%spider_libs/libSpiderPlugin.so --pass-pipeline="builtin.module(spider-test-permutation-invariance)" 2>&1 | FileCheck %s --check-prefix=NOTEST
// RUN: not %mlir_opt %s 2>&1 | FileCheck %s --check-prefix=NOPLUGIN

#S = #spider.sparse<microtile = [32, 1]>

// PARSE-LABEL: func.func @matmul
// PARSE:         spider.assume_sparse %{{.*}} : tensor<64x64xf32> to tensor<64x64xf32, #spider.sparse<microtile = [32, 1]>>
// PARSE:         spider.detect
// PASS:          spider.pit ins(
// PASS-SAME:       sparse_operand = 0 pack_dim = 2
// NOTEST:        spider-test-permutation-invariance
// NOPLUGIN:      attribute created with unregistered dialect
func.func @matmul(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>)
    -> (tensor<64x64xf32>, !spider.index<microtile = [32, 1], pack_dim = 1>) {
  %as = spider.assume_sparse %a : tensor<64x64xf32> to tensor<64x64xf32, #S>
  %i = spider.detect %as : tensor<64x64xf32, #S> -> !spider.index<microtile = [32, 1], pack_dim = 1>
  %m = linalg.matmul ins(%as, %b : tensor<64x64xf32, #S>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %m, %i : tensor<64x64xf32>, !spider.index<microtile = [32, 1], pack_dim = 1>
}
