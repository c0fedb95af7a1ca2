// RUN: spider-opt %s -split-input-file -verify-diagnostics --spider-cpu-pipeline -o /dev/null
// RUN: not spider-opt %s -split-input-file --spider-gpu-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=GPU
// RUN: spider-opt %s -split-input-file --pass-pipeline='builtin.module(builtin.module(spider-cpu-pipeline))' 2>&1 | FileCheck %s --check-prefix=INNER

// The pipelines compile the functions of the module they run on. A
// function of a nested builtin.module would come out untouched (tensors in
// "compiled" output) or fail in the LLVM conversion; it is named in an
// error instead, with the way out.

module {
  module @inner {
    // expected-error @below {{function @f is in a nested builtin.module (@inner), and spider-cpu-pipeline compiles the functions of the top-level module only: move it to the top level, or run the pipeline on the nested module}}
    func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {
      %r = arith.addf %a, %a : tensor<4xf32>
      return %r : tensor<4xf32>
    }
  }
}

// GPU: function @f is in a nested builtin.module (@inner), and spider-gpu-pipeline

// Run on the nested module, the pipeline compiles it.
// INNER: module @inner {
// INNER: llvm.func @f(
// INNER-NOT: error

// -----

// A nested module without functions, beside top-level ones, passes.
module {
  module @symbols {
  }
  func.func @g(%a: tensor<4xf32>) -> tensor<4xf32> {
    %r = arith.addf %a, %a : tensor<4xf32>
    return %r : tensor<4xf32>
  }
}
