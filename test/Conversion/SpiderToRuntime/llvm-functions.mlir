// RUN: spider-opt %s --convert-spider-to-runtime | FileCheck %s
// A module may hold functions that are already LLVM (linked-in kernels,
// code lowered by another compiler): their types are LLVM's and carry no
// encoding, and the pass leaves them alone (it read every function's type
// as a builtin function type, and crashed on these).

// CHECK-LABEL: llvm.func @lowered(%{{.*}}: i64) -> i64
llvm.func @lowered(%a: i64) -> i64 {
  llvm.return %a : i64
}

// CHECK-LABEL: func.func @marked(%{{.*}}: tensor<8x8xf32>) -> tensor<8x8xf32>
// CHECK-NOT:   #spider.sparse
func.func @marked(%a: tensor<8x8xf32, #spider.sparse<microtile = [1, 1]>>)
    -> tensor<8x8xf32, #spider.sparse<microtile = [1, 1]>> {
  return %a : tensor<8x8xf32, #spider.sparse<microtile = [1, 1]>>
}
