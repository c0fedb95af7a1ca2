// spider-fuse-pit-epilogues: which element-wise ops move into the
// spider.pit they read, and the remark for each one that does not.
// RUN: spider-opt %s --pass-pipeline='builtin.module(spider-sparsify,spider-select-tiles,spider-fuse-pit-epilogues)' --split-input-file -verify-diagnostics | FileCheck %s

#S = #spider.sparse<microtile = [4, 1]>
#id = affine_map<(i, j) -> (i, j)>

// A bias-free ReLU after a marked matmul: one spider.pit, the ReLU inside,
// its output a fill of relu(0) = 0.
// CHECK-LABEL: func.func @relu
// CHECK: linalg.fill ins(%{{.*}} : f32)
// CHECK: spider.pit
// CHECK: linalg.matmul
// CHECK: arith.maximumf
// CHECK: spider.yield
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @relu(%a: tensor<16x32xf32>, %b: tensor<32x8xf32>) -> tensor<16x8xf32> {
  %zero = arith.constant 0.0 : f32
  %as = spider.assume_sparse %a : tensor<16x32xf32> to tensor<16x32xf32, #S>
  %e = tensor.empty() : tensor<16x8xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<16x8xf32>) -> tensor<16x8xf32>
  %m = linalg.matmul ins(%as, %b : tensor<16x32xf32, #S>, tensor<32x8xf32>) outs(%z : tensor<16x8xf32>) -> tensor<16x8xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%m : tensor<16x8xf32>) outs(%e : tensor<16x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %y = arith.maximumf %in, %zero : f32
    linalg.yield %y : f32
  } -> tensor<16x8xf32>
  return %r : tensor<16x8xf32>
}

// -----

#S = #spider.sparse<microtile = [4, 1]>
#id = affine_map<(i, j) -> (i, j)>

// An epilogue whose value where no group writes is not 0 (exp(0) = 1): the
// fused output starts as a fill of 1.
// CHECK-LABEL: func.func @exp_after_matmul
// CHECK: %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK: linalg.fill ins(%[[ONE]] : f32)
// CHECK: spider.pit
// CHECK: math.exp
// CHECK: spider.yield
// CHECK-NOT: linalg.generic
// CHECK: return
func.func @exp_after_matmul(%a: tensor<16x32xf32>, %b: tensor<32x8xf32>) -> tensor<16x8xf32> {
  %zero = arith.constant 0.0 : f32
  %as = spider.assume_sparse %a : tensor<16x32xf32> to tensor<16x32xf32, #S>
  %e = tensor.empty() : tensor<16x8xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<16x8xf32>) -> tensor<16x8xf32>
  %m = linalg.matmul ins(%as, %b : tensor<16x32xf32, #S>, tensor<32x8xf32>) outs(%z : tensor<16x8xf32>) -> tensor<16x8xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%m : tensor<16x8xf32>) outs(%e : tensor<16x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %y = math.exp %in : f32
    linalg.yield %y : f32
  } -> tensor<16x8xf32>
  return %r : tensor<16x8xf32>
}

// -----

#S = #spider.sparse<microtile = [4, 1]>
#id = affine_map<(i, j) -> (i, j)>

// The matmul's result is also returned: the fused spider.pit yields both.
// CHECK-LABEL: func.func @result_kept
// CHECK: %[[P:.*]]:2 = spider.pit
// CHECK: arith.maximumf
// CHECK: return %[[P]]#0, %[[P]]#1
func.func @result_kept(%a: tensor<16x32xf32>, %b: tensor<32x8xf32>) -> (tensor<16x8xf32>, tensor<16x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %as = spider.assume_sparse %a : tensor<16x32xf32> to tensor<16x32xf32, #S>
  %e = tensor.empty() : tensor<16x8xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<16x8xf32>) -> tensor<16x8xf32>
  %m = linalg.matmul ins(%as, %b : tensor<16x32xf32, #S>, tensor<32x8xf32>) outs(%z : tensor<16x8xf32>) -> tensor<16x8xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%m : tensor<16x8xf32>) outs(%e : tensor<16x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %y = arith.maximumf %in, %zero : f32
    linalg.yield %y : f32
  } -> tensor<16x8xf32>
  return %m, %r : tensor<16x8xf32>, tensor<16x8xf32>
}

// -----

#S = #spider.sparse<microtile = [4, 1]>
#id = affine_map<(i, j) -> (i, j)>

// Another op reads the matmul's result before the epilogue.
// CHECK-LABEL: func.func @used_before
// CHECK: spider.pit
// CHECK: linalg.generic
func.func @used_before(%a: tensor<16x32xf32>, %b: tensor<32x8xf32>) -> (tensor<16x8xf32>, tensor<16x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %as = spider.assume_sparse %a : tensor<16x32xf32> to tensor<16x32xf32, #S>
  %e = tensor.empty() : tensor<16x8xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<16x8xf32>) -> tensor<16x8xf32>
  %m = linalg.matmul ins(%as, %b : tensor<16x32xf32, #S>, tensor<32x8xf32>) outs(%z : tensor<16x8xf32>) -> tensor<16x8xf32>
  %c0 = arith.constant 0 : index
  %early = tensor.insert %zero into %m[%c0, %c0] : tensor<16x8xf32>
  // expected-remark @below {{not fused into the spider.pit it reads: a result of the spider.pit ops it reads is used before it}}
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%m : tensor<16x8xf32>) outs(%e : tensor<16x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %y = arith.maximumf %in, %zero : f32
    linalg.yield %y : f32
  } -> tensor<16x8xf32>
  return %early, %r : tensor<16x8xf32>, tensor<16x8xf32>
}

// -----

#S = #spider.sparse<microtile = [4, 1]>
#id = affine_map<(i, j) -> (i, j)>

// The matmul accumulates into a caller's tensor: where no group writes the
// result is that tensor, not a constant.
// CHECK-LABEL: func.func @output_not_constant
// CHECK: spider.pit
// CHECK: linalg.generic
func.func @output_not_constant(%a: tensor<16x32xf32>, %b: tensor<32x8xf32>, %c: tensor<16x8xf32>) -> tensor<16x8xf32> {
  %zero = arith.constant 0.0 : f32
  %as = spider.assume_sparse %a : tensor<16x32xf32> to tensor<16x32xf32, #S>
  %e = tensor.empty() : tensor<16x8xf32>
  %m = linalg.matmul ins(%as, %b : tensor<16x32xf32, #S>, tensor<32x8xf32>) outs(%c : tensor<16x8xf32>) -> tensor<16x8xf32>
  // expected-remark @below {{not fused into the spider.pit it reads: a spider.pit output it reads is not built from a constant}}
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%m : tensor<16x8xf32>) outs(%e : tensor<16x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %y = arith.maximumf %in, %zero : f32
    linalg.yield %y : f32
  } -> tensor<16x8xf32>
  return %r : tensor<16x8xf32>
}

// -----

#S = #spider.sparse<microtile = [4, 1]>
#id = affine_map<(i, j) -> (i, j)>

// The epilogue's body reads a function argument.
// CHECK-LABEL: func.func @captures_argument
// CHECK: spider.pit
// CHECK: linalg.generic
func.func @captures_argument(%a: tensor<16x32xf32>, %b: tensor<32x8xf32>, %t: f32) -> tensor<16x8xf32> {
  %zero = arith.constant 0.0 : f32
  %as = spider.assume_sparse %a : tensor<16x32xf32> to tensor<16x32xf32, #S>
  %e = tensor.empty() : tensor<16x8xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<16x8xf32>) -> tensor<16x8xf32>
  %m = linalg.matmul ins(%as, %b : tensor<16x32xf32, #S>, tensor<32x8xf32>) outs(%z : tensor<16x8xf32>) -> tensor<16x8xf32>
  // expected-remark @below {{not fused into the spider.pit it reads: its body reads a value that is not a constant}}
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%m : tensor<16x8xf32>) outs(%e : tensor<16x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %y = arith.maximumf %in, %t : f32
    linalg.yield %y : f32
  } -> tensor<16x8xf32>
  return %r : tensor<16x8xf32>
}

// -----

#S = #spider.sparse<microtile = [4, 1]>
#id = affine_map<(i, j) -> (i, j)>

// An epilogue that also reads a tensor no spider.pit produced (a bias) is
// left alone without a remark: it is not an epilogue of the PIT alone.
// CHECK-LABEL: func.func @bias_add
// CHECK: spider.pit
// CHECK: linalg.generic
func.func @bias_add(%a: tensor<16x32xf32>, %b: tensor<32x8xf32>, %bias: tensor<16x8xf32>) -> tensor<16x8xf32> {
  %zero = arith.constant 0.0 : f32
  %as = spider.assume_sparse %a : tensor<16x32xf32> to tensor<16x32xf32, #S>
  %e = tensor.empty() : tensor<16x8xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<16x8xf32>) -> tensor<16x8xf32>
  %m = linalg.matmul ins(%as, %b : tensor<16x32xf32, #S>, tensor<32x8xf32>) outs(%z : tensor<16x8xf32>) -> tensor<16x8xf32>
  %r = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%m, %bias : tensor<16x8xf32>, tensor<16x8xf32>) outs(%e : tensor<16x8xf32>) {
  ^bb0(%in: f32, %bv: f32, %out: f32):
    %y = arith.addf %in, %bv : f32
    linalg.yield %y : f32
  } -> tensor<16x8xf32>
  return %r : tensor<16x8xf32>
}

// -----

#S = #spider.sparse<microtile = [4, 1]>

// A transpose reads the PIT's result element by element, but moves each
// group's box: not an epilogue, and no remark (it is not element-wise in
// the PIT's layout; neither is a reduction over the result).
// CHECK-LABEL: func.func @transpose_after
// CHECK: spider.pit
// CHECK: linalg.transpose
// CHECK: linalg.reduce
func.func @transpose_after(%a: tensor<16x32xf32>, %b: tensor<32x8xf32>) -> (tensor<8x16xf32>, tensor<16xf32>) {
  %zero = arith.constant 0.0 : f32
  %as = spider.assume_sparse %a : tensor<16x32xf32> to tensor<16x32xf32, #S>
  %e = tensor.empty() : tensor<16x8xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<16x8xf32>) -> tensor<16x8xf32>
  %m = linalg.matmul ins(%as, %b : tensor<16x32xf32, #S>, tensor<32x8xf32>) outs(%z : tensor<16x8xf32>) -> tensor<16x8xf32>
  %et = tensor.empty() : tensor<8x16xf32>
  %t = linalg.transpose ins(%m : tensor<16x8xf32>) outs(%et : tensor<8x16xf32>) permutation = [1, 0]
  %er = tensor.empty() : tensor<16xf32>
  %zr = linalg.fill ins(%zero : f32) outs(%er : tensor<16xf32>) -> tensor<16xf32>
  %r = linalg.reduce ins(%m : tensor<16x8xf32>) outs(%zr : tensor<16xf32>) dimensions = [1]
    (%x: f32, %acc: f32) {
      %s = arith.addf %x, %acc : f32
      linalg.yield %s : f32
    }
  return %t, %r : tensor<8x16xf32>, tensor<16xf32>
}
