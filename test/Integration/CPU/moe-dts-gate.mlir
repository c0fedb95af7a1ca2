// A mixture-of-experts FFN (two linear layers with a ReLU between), routed
// by the dense-to-sparse gate, written as generic linalg: the gate weights
// G[t, e] are the sparse operand (micro-tile [1, 1]) of both layers, packed
// along the tokens of each expert, or the experts of each token. Across a
// temperature schedule routing drifts from dense (tau = 10: every expert)
// to sparse; top-1 and top-2 both match the unmarked program.
// RUN: spider-opt %s --spider-cpu-pipeline | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s
// Two threads: the experts run in parallel, each into its own packed rows,
// then one ordered scatter-add (PitGroupLoop.cpp, emitParallelPackedGroups).
// RUN: spider-run %s --cpu-threads=2 | FileCheck %s
// RUN: spider-opt %s --spider-sparsify | FileCheck %s --check-prefix=PIT

// PIT-LABEL: func.func @sparse1
// PIT:         spider.pit {{.*}} sparse_operand = 0 pack_dim = 0 {
// PIT:         spider.pit {{.*}} sparse_operand = 0 pack_dim = 2 {
// CHECK: check 10: max relative error {{.*}} ok
// CHECK: check 10: max relative error {{.*}} ok
// CHECK: check 1: max relative error {{.*}} ok
// CHECK: check 1: max relative error {{.*}} ok
// CHECK: check 0.5: max relative error {{.*}} ok
// CHECK: check 0.5: max relative error {{.*}} ok
// CHECK: check 0.2: max relative error {{.*}} ok
// CHECK: check 0.2: max relative error {{.*}} ok
// CHECK: check 0.05: max relative error {{.*}} ok
// CHECK: check 0.05: max relative error {{.*}} ok
// CHECK-NOT: FAILED

#te = affine_map<(t, e, f, d) -> (t, e)>
#td = affine_map<(t, e, f, d) -> (t, d)>
#edf = affine_map<(t, e, f, d) -> (e, d, f)>
#tef = affine_map<(t, e, f, d) -> (t, e, f)>
#id3 = affine_map<(t, e, f) -> (t, e, f)>
#te2 = affine_map<(t, d, e, f) -> (t, e)>
#tef2 = affine_map<(t, d, e, f) -> (t, e, f)>
#efd = affine_map<(t, d, e, f) -> (e, f, d)>
#td2 = affine_map<(t, d, e, f) -> (t, d)>

func.func @sparse1(%x: tensor<40x24xf32>, %logits: tensor<40x4xf32>, %w1: tensor<4x24x20xf32>,
                %w2: tensor<4x20x24xf32>, %tau: f32) -> tensor<40x24xf32> {
  %zero = arith.constant 0.0 : f32
  %g = spider.dts_gate %logits tau(%tau) threshold(0.1) min_k(1) : tensor<40x4xf32> -> tensor<40x4xf32>
  %gs = spider.assume_sparse %g : tensor<40x4xf32> to tensor<40x4xf32, #spider.sparse<microtile = [1, 1]>>
  %eh = tensor.empty() : tensor<40x4x20xf32>
  %zh = linalg.fill ins(%zero : f32) outs(%eh : tensor<40x4x20xf32>) -> tensor<40x4x20xf32>
  %ey = tensor.empty() : tensor<40x24xf32>
  %zy = linalg.fill ins(%zero : f32) outs(%ey : tensor<40x24xf32>) -> tensor<40x24xf32>
  // First linear layer of every expert, for the tokens routed to it.
  %h = linalg.generic {indexing_maps = [#te, #td, #edf, #tef], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%gs, %x, %w1 : tensor<40x4xf32, #spider.sparse<microtile = [1, 1]>>, tensor<40x24xf32>, tensor<4x24x20xf32>) outs(%zh : tensor<40x4x20xf32>) {
  ^bb0(%gv: f32, %xv: f32, %wv: f32, %out: f32):
    %routed = arith.cmpf one, %gv, %zero : f32
    %p = arith.mulf %xv, %wv : f32
    %c = arith.select %routed, %p, %zero : f32
    %r = arith.addf %out, %c : f32
    linalg.yield %r : f32
  } -> tensor<40x4x20xf32>
  // Activation.
  %a = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%h : tensor<40x4x20xf32>) outs(%zh : tensor<40x4x20xf32>) {
  ^bb0(%hv: f32, %out: f32):
    %r = arith.maximumf %hv, %zero : f32
    linalg.yield %r : f32
  } -> tensor<40x4x20xf32>
  // Second linear layer, weighted by the gate and summed over experts.
  %y = linalg.generic {indexing_maps = [#te2, #tef2, #efd, #td2], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%gs, %a, %w2 : tensor<40x4xf32, #spider.sparse<microtile = [1, 1]>>, tensor<40x4x20xf32>, tensor<4x20x24xf32>) outs(%zy : tensor<40x24xf32>) {
  ^bb0(%gv: f32, %av: f32, %wv: f32, %out: f32):
    %ga = arith.mulf %gv, %av : f32
    %p = arith.mulf %ga, %wv : f32
    %r = arith.addf %out, %p : f32
    linalg.yield %r : f32
  } -> tensor<40x24xf32>
  return %y : tensor<40x24xf32>
}

func.func @dense1(%x: tensor<40x24xf32>, %logits: tensor<40x4xf32>, %w1: tensor<4x24x20xf32>,
                %w2: tensor<4x20x24xf32>, %tau: f32) -> tensor<40x24xf32> {
  %zero = arith.constant 0.0 : f32
  %g = spider.dts_gate %logits tau(%tau) threshold(0.1) min_k(1) : tensor<40x4xf32> -> tensor<40x4xf32>
  %eh = tensor.empty() : tensor<40x4x20xf32>
  %zh = linalg.fill ins(%zero : f32) outs(%eh : tensor<40x4x20xf32>) -> tensor<40x4x20xf32>
  %ey = tensor.empty() : tensor<40x24xf32>
  %zy = linalg.fill ins(%zero : f32) outs(%ey : tensor<40x24xf32>) -> tensor<40x24xf32>
  // First linear layer of every expert, for the tokens routed to it.
  %h = linalg.generic {indexing_maps = [#te, #td, #edf, #tef], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%g, %x, %w1 : tensor<40x4xf32>, tensor<40x24xf32>, tensor<4x24x20xf32>) outs(%zh : tensor<40x4x20xf32>) {
  ^bb0(%gv: f32, %xv: f32, %wv: f32, %out: f32):
    %routed = arith.cmpf one, %gv, %zero : f32
    %p = arith.mulf %xv, %wv : f32
    %c = arith.select %routed, %p, %zero : f32
    %r = arith.addf %out, %c : f32
    linalg.yield %r : f32
  } -> tensor<40x4x20xf32>
  // Activation.
  %a = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%h : tensor<40x4x20xf32>) outs(%zh : tensor<40x4x20xf32>) {
  ^bb0(%hv: f32, %out: f32):
    %r = arith.maximumf %hv, %zero : f32
    linalg.yield %r : f32
  } -> tensor<40x4x20xf32>
  // Second linear layer, weighted by the gate and summed over experts.
  %y = linalg.generic {indexing_maps = [#te2, #tef2, #efd, #td2], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%g, %a, %w2 : tensor<40x4xf32>, tensor<40x4x20xf32>, tensor<4x20x24xf32>) outs(%zy : tensor<40x24xf32>) {
  ^bb0(%gv: f32, %av: f32, %wv: f32, %out: f32):
    %ga = arith.mulf %gv, %av : f32
    %p = arith.mulf %ga, %wv : f32
    %r = arith.addf %out, %p : f32
    linalg.yield %r : f32
  } -> tensor<40x24xf32>
  return %y : tensor<40x24xf32>
}

func.func @sparse2(%x: tensor<40x24xf32>, %logits: tensor<40x4xf32>, %w1: tensor<4x24x20xf32>,
                %w2: tensor<4x20x24xf32>, %tau: f32) -> tensor<40x24xf32> {
  %zero = arith.constant 0.0 : f32
  %g = spider.dts_gate %logits tau(%tau) threshold(0.1) min_k(2) : tensor<40x4xf32> -> tensor<40x4xf32>
  %gs = spider.assume_sparse %g : tensor<40x4xf32> to tensor<40x4xf32, #spider.sparse<microtile = [1, 1]>>
  %eh = tensor.empty() : tensor<40x4x20xf32>
  %zh = linalg.fill ins(%zero : f32) outs(%eh : tensor<40x4x20xf32>) -> tensor<40x4x20xf32>
  %ey = tensor.empty() : tensor<40x24xf32>
  %zy = linalg.fill ins(%zero : f32) outs(%ey : tensor<40x24xf32>) -> tensor<40x24xf32>
  // First linear layer of every expert, for the tokens routed to it.
  %h = linalg.generic {indexing_maps = [#te, #td, #edf, #tef], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%gs, %x, %w1 : tensor<40x4xf32, #spider.sparse<microtile = [1, 1]>>, tensor<40x24xf32>, tensor<4x24x20xf32>) outs(%zh : tensor<40x4x20xf32>) {
  ^bb0(%gv: f32, %xv: f32, %wv: f32, %out: f32):
    %routed = arith.cmpf one, %gv, %zero : f32
    %p = arith.mulf %xv, %wv : f32
    %c = arith.select %routed, %p, %zero : f32
    %r = arith.addf %out, %c : f32
    linalg.yield %r : f32
  } -> tensor<40x4x20xf32>
  // Activation.
  %a = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%h : tensor<40x4x20xf32>) outs(%zh : tensor<40x4x20xf32>) {
  ^bb0(%hv: f32, %out: f32):
    %r = arith.maximumf %hv, %zero : f32
    linalg.yield %r : f32
  } -> tensor<40x4x20xf32>
  // Second linear layer, weighted by the gate and summed over experts.
  %y = linalg.generic {indexing_maps = [#te2, #tef2, #efd, #td2], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%gs, %a, %w2 : tensor<40x4xf32, #spider.sparse<microtile = [1, 1]>>, tensor<40x4x20xf32>, tensor<4x20x24xf32>) outs(%zy : tensor<40x24xf32>) {
  ^bb0(%gv: f32, %av: f32, %wv: f32, %out: f32):
    %ga = arith.mulf %gv, %av : f32
    %p = arith.mulf %ga, %wv : f32
    %r = arith.addf %out, %p : f32
    linalg.yield %r : f32
  } -> tensor<40x24xf32>
  return %y : tensor<40x24xf32>
}

func.func @dense2(%x: tensor<40x24xf32>, %logits: tensor<40x4xf32>, %w1: tensor<4x24x20xf32>,
                %w2: tensor<4x20x24xf32>, %tau: f32) -> tensor<40x24xf32> {
  %zero = arith.constant 0.0 : f32
  %g = spider.dts_gate %logits tau(%tau) threshold(0.1) min_k(2) : tensor<40x4xf32> -> tensor<40x4xf32>
  %eh = tensor.empty() : tensor<40x4x20xf32>
  %zh = linalg.fill ins(%zero : f32) outs(%eh : tensor<40x4x20xf32>) -> tensor<40x4x20xf32>
  %ey = tensor.empty() : tensor<40x24xf32>
  %zy = linalg.fill ins(%zero : f32) outs(%ey : tensor<40x24xf32>) -> tensor<40x24xf32>
  // First linear layer of every expert, for the tokens routed to it.
  %h = linalg.generic {indexing_maps = [#te, #td, #edf, #tef], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%g, %x, %w1 : tensor<40x4xf32>, tensor<40x24xf32>, tensor<4x24x20xf32>) outs(%zh : tensor<40x4x20xf32>) {
  ^bb0(%gv: f32, %xv: f32, %wv: f32, %out: f32):
    %routed = arith.cmpf one, %gv, %zero : f32
    %p = arith.mulf %xv, %wv : f32
    %c = arith.select %routed, %p, %zero : f32
    %r = arith.addf %out, %c : f32
    linalg.yield %r : f32
  } -> tensor<40x4x20xf32>
  // Activation.
  %a = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%h : tensor<40x4x20xf32>) outs(%zh : tensor<40x4x20xf32>) {
  ^bb0(%hv: f32, %out: f32):
    %r = arith.maximumf %hv, %zero : f32
    linalg.yield %r : f32
  } -> tensor<40x4x20xf32>
  // Second linear layer, weighted by the gate and summed over experts.
  %y = linalg.generic {indexing_maps = [#te2, #tef2, #efd, #td2], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%g, %a, %w2 : tensor<40x4xf32>, tensor<40x4x20xf32>, tensor<4x20x24xf32>) outs(%zy : tensor<40x24xf32>) {
  ^bb0(%gv: f32, %av: f32, %wv: f32, %out: f32):
    %ga = arith.mulf %gv, %av : f32
    %p = arith.mulf %ga, %wv : f32
    %r = arith.addf %out, %p : f32
    linalg.yield %r : f32
  } -> tensor<40x24xf32>
  return %y : tensor<40x24xf32>
}

func.func private @spider_rt_fill_random_f32(memref<*xf32>, i64, f64, i64, i64, i64, i64) attributes {llvm.emit_c_interface}
func.func private @spider_rt_check_close_f32(memref<*xf32>, memref<*xf32>, f64, f64) -> i32 attributes {llvm.emit_c_interface}

func.func @check(%got: tensor<40x24xf32>, %want: tensor<40x24xf32>, %label: f64) {
  %tol = arith.constant 1.0e-5 : f64
  %gm = bufferization.to_buffer %got read_only : tensor<40x24xf32> to memref<40x24xf32>
  %wm = bufferization.to_buffer %want read_only : tensor<40x24xf32> to memref<40x24xf32>
  %gu = memref.cast %gm : memref<40x24xf32> to memref<*xf32>
  %wu = memref.cast %wm : memref<40x24xf32> to memref<*xf32>
  %ok = func.call @spider_rt_check_close_f32(%gu, %wu, %tol, %label) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
  return
}

func.func @random(%m: memref<*xf32>, %seed: i64) {
  %full = arith.constant 1.0 : f64
  %i1 = arith.constant 1 : i64
  func.call @spider_rt_fill_random_f32(%m, %seed, %full, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
  return
}

func.func @main() {
  %taus = arith.constant dense<[10.0, 1.0, 0.5, 0.2, 0.05]> : tensor<5xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c5 = arith.constant 5 : index
  %s1 = arith.constant 1 : i64
  %s2 = arith.constant 2 : i64
  %s3 = arith.constant 3 : i64
  %s4 = arith.constant 4 : i64
  %xm = memref.alloc() : memref<40x24xf32>
  %lm = memref.alloc() : memref<40x4xf32>
  %w1m = memref.alloc() : memref<4x24x20xf32>
  %w2m = memref.alloc() : memref<4x20x24xf32>
  %xu = memref.cast %xm : memref<40x24xf32> to memref<*xf32>
  %lu = memref.cast %lm : memref<40x4xf32> to memref<*xf32>
  %w1u = memref.cast %w1m : memref<4x24x20xf32> to memref<*xf32>
  %w2u = memref.cast %w2m : memref<4x20x24xf32> to memref<*xf32>
  func.call @random(%xu, %s1) : (memref<*xf32>, i64) -> ()
  func.call @random(%lu, %s2) : (memref<*xf32>, i64) -> ()
  func.call @random(%w1u, %s3) : (memref<*xf32>, i64) -> ()
  func.call @random(%w2u, %s4) : (memref<*xf32>, i64) -> ()
  %x = bufferization.to_tensor %xm restrict : memref<40x24xf32> to tensor<40x24xf32>
  %l = bufferization.to_tensor %lm restrict : memref<40x4xf32> to tensor<40x4xf32>
  %w1 = bufferization.to_tensor %w1m restrict : memref<4x24x20xf32> to tensor<4x24x20xf32>
  %w2 = bufferization.to_tensor %w2m restrict : memref<4x20x24xf32> to tensor<4x20x24xf32>
  scf.for %i = %c0 to %c5 step %c1 {
    %tau = tensor.extract %taus[%i] : tensor<5xf32>
    %label = arith.extf %tau : f32 to f64
    %g1 = func.call @sparse1(%x, %l, %w1, %w2, %tau) : (tensor<40x24xf32>, tensor<40x4xf32>, tensor<4x24x20xf32>, tensor<4x20x24xf32>, f32) -> tensor<40x24xf32>
    %d1 = func.call @dense1(%x, %l, %w1, %w2, %tau) : (tensor<40x24xf32>, tensor<40x4xf32>, tensor<4x24x20xf32>, tensor<4x20x24xf32>, f32) -> tensor<40x24xf32>
    func.call @check(%g1, %d1, %label) : (tensor<40x24xf32>, tensor<40x24xf32>, f64) -> ()
    %g2 = func.call @sparse2(%x, %l, %w1, %w2, %tau) : (tensor<40x24xf32>, tensor<40x4xf32>, tensor<4x24x20xf32>, tensor<4x20x24xf32>, f32) -> tensor<40x24xf32>
    %d2 = func.call @dense2(%x, %l, %w1, %w2, %tau) : (tensor<40x24xf32>, tensor<40x4xf32>, tensor<4x24x20xf32>, tensor<4x20x24xf32>, f32) -> tensor<40x24xf32>
    func.call @check(%g2, %d2, %label) : (tensor<40x24xf32>, tensor<40x24xf32>, f64) -> ()
  }
  return
}
