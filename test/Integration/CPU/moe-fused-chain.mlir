// Fused chains (spider-fuse-pit-chains): a mixture-of-experts FFN whose
// routing weights are marked sparse, expert matmul -> element-wise op ->
// expert matmul, becomes one spider.pit whose intermediates exist per group
// only. Each element-wise kind (ReLU, SiLU, an affine map that is non-zero
// where the routing is, a scaling in f64 between casts) is checked against the
// unmarked program at routing densities 0, 1%, 10%, 50% and 100%, on shapes
// (37 tokens, d_model 20, d_ff 33, 5 experts) that are not multiples of any tile.
// RUN: spider-opt %s --spider-cpu-pipeline | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s
// Two threads: the experts run in parallel, each into its own packed rows,
// then one ordered scatter-add (PitGroupLoop.cpp, emitParallelPackedGroups).
// RUN: spider-run %s --cpu-threads=2 | FileCheck %s
// RUN: spider-opt %s --spider-sparsify --spider-select-tiles --spider-fuse-pit-chains --canonicalize | FileCheck %s --check-prefix=FUSED
// RUN: spider-opt %s --spider-sparsify --spider-select-tiles --spider-fuse-pit-chains --spider-lower-pit-to-loops --canonicalize | FileCheck %s --check-prefix=LOOPS

// Lowered, no [tokens, experts, d_ff] tensor exists in the marked functions.
// LOOPS-LABEL: func.func @marked_relu(
// LOOPS-NOT: tensor<37x5x33xf32>
// LOOPS-LABEL: func.func @unmarked_relu(

// FUSED-LABEL: func.func @marked_relu(
// FUSED: spider.pit
// FUSED-NOT: spider.pit
// FUSED: return
// FUSED-LABEL: func.func @marked_silu(
// FUSED: spider.pit
// FUSED-NOT: spider.pit
// FUSED: return
// FUSED-LABEL: func.func @marked_affine(
// FUSED: spider.pit
// FUSED-NOT: spider.pit
// FUSED: return
// FUSED-LABEL: func.func @marked_cast(
// FUSED: spider.pit
// FUSED-NOT: spider.pit
// FUSED: return
// CHECK: check 0: max relative error {{.*}} ok
// CHECK: check 0: max relative error {{.*}} ok
// CHECK: check 0: max relative error {{.*}} ok
// CHECK: check 0: max relative error {{.*}} ok
// CHECK: check 0.01: max relative error {{.*}} ok
// CHECK: check 0.01: max relative error {{.*}} ok
// CHECK: check 0.01: max relative error {{.*}} ok
// CHECK: check 0.01: max relative error {{.*}} ok
// CHECK: check 0.1: max relative error {{.*}} ok
// CHECK: check 0.1: max relative error {{.*}} ok
// CHECK: check 0.1: max relative error {{.*}} ok
// CHECK: check 0.1: max relative error {{.*}} ok
// CHECK: check 0.5: max relative error {{.*}} ok
// CHECK: check 0.5: max relative error {{.*}} ok
// CHECK: check 0.5: max relative error {{.*}} ok
// CHECK: check 0.5: max relative error {{.*}} ok
// CHECK: check 1: max relative error {{.*}} ok
// CHECK: check 1: max relative error {{.*}} ok
// CHECK: check 1: max relative error {{.*}} ok
// CHECK: check 1: max relative error {{.*}} ok
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

func.func @marked_relu(%x: tensor<37x20xf32>, %g: tensor<37x5xf32>, %w1: tensor<5x20x33xf32>, %w2: tensor<5x33x20xf32>) -> tensor<37x20xf32> {
  %zero = arith.constant 0.0 : f32
  %gs = spider.assume_sparse %g : tensor<37x5xf32> to tensor<37x5xf32, #spider.sparse<microtile = [1, 1]>>
  %eh = tensor.empty() : tensor<37x5x33xf32>
  %zh = linalg.fill ins(%zero : f32) outs(%eh : tensor<37x5x33xf32>) -> tensor<37x5x33xf32>
  %ey = tensor.empty() : tensor<37x20xf32>
  %zy = linalg.fill ins(%zero : f32) outs(%ey : tensor<37x20xf32>) -> tensor<37x20xf32>
  %h = linalg.generic {indexing_maps = [#te, #td, #edf, #tef], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%gs, %x, %w1 : tensor<37x5xf32, #spider.sparse<microtile = [1, 1]>>, tensor<37x20xf32>, tensor<5x20x33xf32>) outs(%zh : tensor<37x5x33xf32>) {
  ^bb0(%gv: f32, %xv: f32, %wv: f32, %out: f32):
    %routed = arith.cmpf one, %gv, %zero : f32
    %p = arith.mulf %xv, %wv : f32
    %c = arith.select %routed, %p, %zero : f32
    %r = arith.addf %out, %c : f32
    linalg.yield %r : f32
  } -> tensor<37x5x33xf32>
  %a = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%h : tensor<37x5x33xf32>) outs(%zh : tensor<37x5x33xf32>) {
  ^bb0(%hv: f32, %out: f32):
    %r = arith.maximumf %hv, %zero : f32
    linalg.yield %r : f32
  } -> tensor<37x5x33xf32>
  %y = linalg.generic {indexing_maps = [#te2, #tef2, #efd, #td2], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%gs, %a, %w2 : tensor<37x5xf32, #spider.sparse<microtile = [1, 1]>>, tensor<37x5x33xf32>, tensor<5x33x20xf32>) outs(%zy : tensor<37x20xf32>) {
  ^bb0(%gv: f32, %av: f32, %wv: f32, %out: f32):
    %ga = arith.mulf %gv, %av : f32
    %p = arith.mulf %ga, %wv : f32
    %r = arith.addf %out, %p : f32
    linalg.yield %r : f32
  } -> tensor<37x20xf32>
  return %y : tensor<37x20xf32>
}


func.func @unmarked_relu(%x: tensor<37x20xf32>, %g: tensor<37x5xf32>, %w1: tensor<5x20x33xf32>, %w2: tensor<5x33x20xf32>) -> tensor<37x20xf32> {
  %zero = arith.constant 0.0 : f32
  %eh = tensor.empty() : tensor<37x5x33xf32>
  %zh = linalg.fill ins(%zero : f32) outs(%eh : tensor<37x5x33xf32>) -> tensor<37x5x33xf32>
  %ey = tensor.empty() : tensor<37x20xf32>
  %zy = linalg.fill ins(%zero : f32) outs(%ey : tensor<37x20xf32>) -> tensor<37x20xf32>
  %h = linalg.generic {indexing_maps = [#te, #td, #edf, #tef], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%g, %x, %w1 : tensor<37x5xf32>, tensor<37x20xf32>, tensor<5x20x33xf32>) outs(%zh : tensor<37x5x33xf32>) {
  ^bb0(%gv: f32, %xv: f32, %wv: f32, %out: f32):
    %routed = arith.cmpf one, %gv, %zero : f32
    %p = arith.mulf %xv, %wv : f32
    %c = arith.select %routed, %p, %zero : f32
    %r = arith.addf %out, %c : f32
    linalg.yield %r : f32
  } -> tensor<37x5x33xf32>
  %a = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%h : tensor<37x5x33xf32>) outs(%zh : tensor<37x5x33xf32>) {
  ^bb0(%hv: f32, %out: f32):
    %r = arith.maximumf %hv, %zero : f32
    linalg.yield %r : f32
  } -> tensor<37x5x33xf32>
  %y = linalg.generic {indexing_maps = [#te2, #tef2, #efd, #td2], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%g, %a, %w2 : tensor<37x5xf32>, tensor<37x5x33xf32>, tensor<5x33x20xf32>) outs(%zy : tensor<37x20xf32>) {
  ^bb0(%gv: f32, %av: f32, %wv: f32, %out: f32):
    %ga = arith.mulf %gv, %av : f32
    %p = arith.mulf %ga, %wv : f32
    %r = arith.addf %out, %p : f32
    linalg.yield %r : f32
  } -> tensor<37x20xf32>
  return %y : tensor<37x20xf32>
}


func.func @marked_silu(%x: tensor<37x20xf32>, %g: tensor<37x5xf32>, %w1: tensor<5x20x33xf32>, %w2: tensor<5x33x20xf32>) -> tensor<37x20xf32> {
  %zero = arith.constant 0.0 : f32
  %gs = spider.assume_sparse %g : tensor<37x5xf32> to tensor<37x5xf32, #spider.sparse<microtile = [1, 1]>>
  %eh = tensor.empty() : tensor<37x5x33xf32>
  %zh = linalg.fill ins(%zero : f32) outs(%eh : tensor<37x5x33xf32>) -> tensor<37x5x33xf32>
  %ey = tensor.empty() : tensor<37x20xf32>
  %zy = linalg.fill ins(%zero : f32) outs(%ey : tensor<37x20xf32>) -> tensor<37x20xf32>
  %h = linalg.generic {indexing_maps = [#te, #td, #edf, #tef], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%gs, %x, %w1 : tensor<37x5xf32, #spider.sparse<microtile = [1, 1]>>, tensor<37x20xf32>, tensor<5x20x33xf32>) outs(%zh : tensor<37x5x33xf32>) {
  ^bb0(%gv: f32, %xv: f32, %wv: f32, %out: f32):
    %routed = arith.cmpf one, %gv, %zero : f32
    %p = arith.mulf %xv, %wv : f32
    %c = arith.select %routed, %p, %zero : f32
    %r = arith.addf %out, %c : f32
    linalg.yield %r : f32
  } -> tensor<37x5x33xf32>
  %a = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%h : tensor<37x5x33xf32>) outs(%zh : tensor<37x5x33xf32>) {
  ^bb0(%hv: f32, %out: f32):
    %n = arith.negf %hv : f32
    %ex = math.exp %n : f32
    %one = arith.constant 1.0 : f32
    %den = arith.addf %one, %ex : f32
    %r = arith.divf %hv, %den : f32
    linalg.yield %r : f32
  } -> tensor<37x5x33xf32>
  %y = linalg.generic {indexing_maps = [#te2, #tef2, #efd, #td2], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%gs, %a, %w2 : tensor<37x5xf32, #spider.sparse<microtile = [1, 1]>>, tensor<37x5x33xf32>, tensor<5x33x20xf32>) outs(%zy : tensor<37x20xf32>) {
  ^bb0(%gv: f32, %av: f32, %wv: f32, %out: f32):
    %ga = arith.mulf %gv, %av : f32
    %p = arith.mulf %ga, %wv : f32
    %r = arith.addf %out, %p : f32
    linalg.yield %r : f32
  } -> tensor<37x20xf32>
  return %y : tensor<37x20xf32>
}


func.func @unmarked_silu(%x: tensor<37x20xf32>, %g: tensor<37x5xf32>, %w1: tensor<5x20x33xf32>, %w2: tensor<5x33x20xf32>) -> tensor<37x20xf32> {
  %zero = arith.constant 0.0 : f32
  %eh = tensor.empty() : tensor<37x5x33xf32>
  %zh = linalg.fill ins(%zero : f32) outs(%eh : tensor<37x5x33xf32>) -> tensor<37x5x33xf32>
  %ey = tensor.empty() : tensor<37x20xf32>
  %zy = linalg.fill ins(%zero : f32) outs(%ey : tensor<37x20xf32>) -> tensor<37x20xf32>
  %h = linalg.generic {indexing_maps = [#te, #td, #edf, #tef], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%g, %x, %w1 : tensor<37x5xf32>, tensor<37x20xf32>, tensor<5x20x33xf32>) outs(%zh : tensor<37x5x33xf32>) {
  ^bb0(%gv: f32, %xv: f32, %wv: f32, %out: f32):
    %routed = arith.cmpf one, %gv, %zero : f32
    %p = arith.mulf %xv, %wv : f32
    %c = arith.select %routed, %p, %zero : f32
    %r = arith.addf %out, %c : f32
    linalg.yield %r : f32
  } -> tensor<37x5x33xf32>
  %a = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%h : tensor<37x5x33xf32>) outs(%zh : tensor<37x5x33xf32>) {
  ^bb0(%hv: f32, %out: f32):
    %n = arith.negf %hv : f32
    %ex = math.exp %n : f32
    %one = arith.constant 1.0 : f32
    %den = arith.addf %one, %ex : f32
    %r = arith.divf %hv, %den : f32
    linalg.yield %r : f32
  } -> tensor<37x5x33xf32>
  %y = linalg.generic {indexing_maps = [#te2, #tef2, #efd, #td2], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%g, %a, %w2 : tensor<37x5xf32>, tensor<37x5x33xf32>, tensor<5x33x20xf32>) outs(%zy : tensor<37x20xf32>) {
  ^bb0(%gv: f32, %av: f32, %wv: f32, %out: f32):
    %ga = arith.mulf %gv, %av : f32
    %p = arith.mulf %ga, %wv : f32
    %r = arith.addf %out, %p : f32
    linalg.yield %r : f32
  } -> tensor<37x20xf32>
  return %y : tensor<37x20xf32>
}


func.func @marked_affine(%x: tensor<37x20xf32>, %g: tensor<37x5xf32>, %w1: tensor<5x20x33xf32>, %w2: tensor<5x33x20xf32>) -> tensor<37x20xf32> {
  %zero = arith.constant 0.0 : f32
  %gs = spider.assume_sparse %g : tensor<37x5xf32> to tensor<37x5xf32, #spider.sparse<microtile = [1, 1]>>
  %eh = tensor.empty() : tensor<37x5x33xf32>
  %zh = linalg.fill ins(%zero : f32) outs(%eh : tensor<37x5x33xf32>) -> tensor<37x5x33xf32>
  %ey = tensor.empty() : tensor<37x20xf32>
  %zy = linalg.fill ins(%zero : f32) outs(%ey : tensor<37x20xf32>) -> tensor<37x20xf32>
  %h = linalg.generic {indexing_maps = [#te, #td, #edf, #tef], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%gs, %x, %w1 : tensor<37x5xf32, #spider.sparse<microtile = [1, 1]>>, tensor<37x20xf32>, tensor<5x20x33xf32>) outs(%zh : tensor<37x5x33xf32>) {
  ^bb0(%gv: f32, %xv: f32, %wv: f32, %out: f32):
    %routed = arith.cmpf one, %gv, %zero : f32
    %p = arith.mulf %xv, %wv : f32
    %c = arith.select %routed, %p, %zero : f32
    %r = arith.addf %out, %c : f32
    linalg.yield %r : f32
  } -> tensor<37x5x33xf32>
  %a = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%h : tensor<37x5x33xf32>) outs(%zh : tensor<37x5x33xf32>) {
  ^bb0(%hv: f32, %out: f32):
    %half = arith.constant 0.5 : f32
    %bias = arith.constant 1.0 : f32
    %s = arith.mulf %hv, %half : f32
    %r = arith.addf %s, %bias : f32
    linalg.yield %r : f32
  } -> tensor<37x5x33xf32>
  %y = linalg.generic {indexing_maps = [#te2, #tef2, #efd, #td2], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%gs, %a, %w2 : tensor<37x5xf32, #spider.sparse<microtile = [1, 1]>>, tensor<37x5x33xf32>, tensor<5x33x20xf32>) outs(%zy : tensor<37x20xf32>) {
  ^bb0(%gv: f32, %av: f32, %wv: f32, %out: f32):
    %ga = arith.mulf %gv, %av : f32
    %p = arith.mulf %ga, %wv : f32
    %r = arith.addf %out, %p : f32
    linalg.yield %r : f32
  } -> tensor<37x20xf32>
  return %y : tensor<37x20xf32>
}


func.func @unmarked_affine(%x: tensor<37x20xf32>, %g: tensor<37x5xf32>, %w1: tensor<5x20x33xf32>, %w2: tensor<5x33x20xf32>) -> tensor<37x20xf32> {
  %zero = arith.constant 0.0 : f32
  %eh = tensor.empty() : tensor<37x5x33xf32>
  %zh = linalg.fill ins(%zero : f32) outs(%eh : tensor<37x5x33xf32>) -> tensor<37x5x33xf32>
  %ey = tensor.empty() : tensor<37x20xf32>
  %zy = linalg.fill ins(%zero : f32) outs(%ey : tensor<37x20xf32>) -> tensor<37x20xf32>
  %h = linalg.generic {indexing_maps = [#te, #td, #edf, #tef], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%g, %x, %w1 : tensor<37x5xf32>, tensor<37x20xf32>, tensor<5x20x33xf32>) outs(%zh : tensor<37x5x33xf32>) {
  ^bb0(%gv: f32, %xv: f32, %wv: f32, %out: f32):
    %routed = arith.cmpf one, %gv, %zero : f32
    %p = arith.mulf %xv, %wv : f32
    %c = arith.select %routed, %p, %zero : f32
    %r = arith.addf %out, %c : f32
    linalg.yield %r : f32
  } -> tensor<37x5x33xf32>
  %a = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%h : tensor<37x5x33xf32>) outs(%zh : tensor<37x5x33xf32>) {
  ^bb0(%hv: f32, %out: f32):
    %half = arith.constant 0.5 : f32
    %bias = arith.constant 1.0 : f32
    %s = arith.mulf %hv, %half : f32
    %r = arith.addf %s, %bias : f32
    linalg.yield %r : f32
  } -> tensor<37x5x33xf32>
  %y = linalg.generic {indexing_maps = [#te2, #tef2, #efd, #td2], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%g, %a, %w2 : tensor<37x5xf32>, tensor<37x5x33xf32>, tensor<5x33x20xf32>) outs(%zy : tensor<37x20xf32>) {
  ^bb0(%gv: f32, %av: f32, %wv: f32, %out: f32):
    %ga = arith.mulf %gv, %av : f32
    %p = arith.mulf %ga, %wv : f32
    %r = arith.addf %out, %p : f32
    linalg.yield %r : f32
  } -> tensor<37x20xf32>
  return %y : tensor<37x20xf32>
}


func.func @marked_cast(%x: tensor<37x20xf32>, %g: tensor<37x5xf32>, %w1: tensor<5x20x33xf32>, %w2: tensor<5x33x20xf32>) -> tensor<37x20xf32> {
  %zero = arith.constant 0.0 : f32
  %gs = spider.assume_sparse %g : tensor<37x5xf32> to tensor<37x5xf32, #spider.sparse<microtile = [1, 1]>>
  %eh = tensor.empty() : tensor<37x5x33xf32>
  %zh = linalg.fill ins(%zero : f32) outs(%eh : tensor<37x5x33xf32>) -> tensor<37x5x33xf32>
  %ey = tensor.empty() : tensor<37x20xf32>
  %zy = linalg.fill ins(%zero : f32) outs(%ey : tensor<37x20xf32>) -> tensor<37x20xf32>
  %h = linalg.generic {indexing_maps = [#te, #td, #edf, #tef], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%gs, %x, %w1 : tensor<37x5xf32, #spider.sparse<microtile = [1, 1]>>, tensor<37x20xf32>, tensor<5x20x33xf32>) outs(%zh : tensor<37x5x33xf32>) {
  ^bb0(%gv: f32, %xv: f32, %wv: f32, %out: f32):
    %routed = arith.cmpf one, %gv, %zero : f32
    %p = arith.mulf %xv, %wv : f32
    %c = arith.select %routed, %p, %zero : f32
    %r = arith.addf %out, %c : f32
    linalg.yield %r : f32
  } -> tensor<37x5x33xf32>
  %a = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%h : tensor<37x5x33xf32>) outs(%zh : tensor<37x5x33xf32>) {
  ^bb0(%hv: f32, %out: f32):
    %wide = arith.extf %hv : f32 to f64
    %quarter = arith.constant 0.25 : f64
    %m = arith.mulf %wide, %quarter : f64
    %r = arith.truncf %m : f64 to f32
    linalg.yield %r : f32
  } -> tensor<37x5x33xf32>
  %y = linalg.generic {indexing_maps = [#te2, #tef2, #efd, #td2], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%gs, %a, %w2 : tensor<37x5xf32, #spider.sparse<microtile = [1, 1]>>, tensor<37x5x33xf32>, tensor<5x33x20xf32>) outs(%zy : tensor<37x20xf32>) {
  ^bb0(%gv: f32, %av: f32, %wv: f32, %out: f32):
    %ga = arith.mulf %gv, %av : f32
    %p = arith.mulf %ga, %wv : f32
    %r = arith.addf %out, %p : f32
    linalg.yield %r : f32
  } -> tensor<37x20xf32>
  return %y : tensor<37x20xf32>
}


func.func @unmarked_cast(%x: tensor<37x20xf32>, %g: tensor<37x5xf32>, %w1: tensor<5x20x33xf32>, %w2: tensor<5x33x20xf32>) -> tensor<37x20xf32> {
  %zero = arith.constant 0.0 : f32
  %eh = tensor.empty() : tensor<37x5x33xf32>
  %zh = linalg.fill ins(%zero : f32) outs(%eh : tensor<37x5x33xf32>) -> tensor<37x5x33xf32>
  %ey = tensor.empty() : tensor<37x20xf32>
  %zy = linalg.fill ins(%zero : f32) outs(%ey : tensor<37x20xf32>) -> tensor<37x20xf32>
  %h = linalg.generic {indexing_maps = [#te, #td, #edf, #tef], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%g, %x, %w1 : tensor<37x5xf32>, tensor<37x20xf32>, tensor<5x20x33xf32>) outs(%zh : tensor<37x5x33xf32>) {
  ^bb0(%gv: f32, %xv: f32, %wv: f32, %out: f32):
    %routed = arith.cmpf one, %gv, %zero : f32
    %p = arith.mulf %xv, %wv : f32
    %c = arith.select %routed, %p, %zero : f32
    %r = arith.addf %out, %c : f32
    linalg.yield %r : f32
  } -> tensor<37x5x33xf32>
  %a = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%h : tensor<37x5x33xf32>) outs(%zh : tensor<37x5x33xf32>) {
  ^bb0(%hv: f32, %out: f32):
    %wide = arith.extf %hv : f32 to f64
    %quarter = arith.constant 0.25 : f64
    %m = arith.mulf %wide, %quarter : f64
    %r = arith.truncf %m : f64 to f32
    linalg.yield %r : f32
  } -> tensor<37x5x33xf32>
  %y = linalg.generic {indexing_maps = [#te2, #tef2, #efd, #td2], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%g, %a, %w2 : tensor<37x5xf32>, tensor<37x5x33xf32>, tensor<5x33x20xf32>) outs(%zy : tensor<37x20xf32>) {
  ^bb0(%gv: f32, %av: f32, %wv: f32, %out: f32):
    %ga = arith.mulf %gv, %av : f32
    %p = arith.mulf %ga, %wv : f32
    %r = arith.addf %out, %p : f32
    linalg.yield %r : f32
  } -> tensor<37x20xf32>
  return %y : tensor<37x20xf32>
}


func.func private @spider_rt_fill_random_f32(memref<*xf32>, i64, f64, i64, i64, i64, i64) attributes {llvm.emit_c_interface}
func.func private @spider_rt_check_close_f32(memref<*xf32>, memref<*xf32>, f64, f64) -> i32 attributes {llvm.emit_c_interface}

func.func @check(%got: tensor<37x20xf32>, %want: tensor<37x20xf32>, %density: f64) {
  %tol = arith.constant 1.0e-4 : f64
  %gm = bufferization.to_buffer %got read_only : tensor<37x20xf32> to memref<37x20xf32>
  %wm = bufferization.to_buffer %want read_only : tensor<37x20xf32> to memref<37x20xf32>
  %gu = memref.cast %gm : memref<37x20xf32> to memref<*xf32>
  %wu = memref.cast %wm : memref<37x20xf32> to memref<*xf32>
  %ok = func.call @spider_rt_check_close_f32(%gu, %wu, %tol, %density) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
  return
}

func.func @main() {
  %densities = arith.constant dense<[0.0, 0.01, 0.1, 0.5, 1.0]> : tensor<5xf64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant 5 : index
  %full = arith.constant 1.0 : f64
  %i1 = arith.constant 1 : i64
  %s1 = arith.constant 1 : i64
  %s2 = arith.constant 2 : i64
  %s3 = arith.constant 3 : i64
  %xm = memref.alloc() : memref<37x20xf32>
  %w1m = memref.alloc() : memref<5x20x33xf32>
  %w2m = memref.alloc() : memref<5x33x20xf32>
  %gm = memref.alloc() : memref<37x5xf32>
  %xu = memref.cast %xm : memref<37x20xf32> to memref<*xf32>
  %w1u = memref.cast %w1m : memref<5x20x33xf32> to memref<*xf32>
  %w2u = memref.cast %w2m : memref<5x33x20xf32> to memref<*xf32>
  %gu = memref.cast %gm : memref<37x5xf32> to memref<*xf32>
  func.call @spider_rt_fill_random_f32(%xu, %s1, %full, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
  func.call @spider_rt_fill_random_f32(%w1u, %s2, %full, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
  func.call @spider_rt_fill_random_f32(%w2u, %s3, %full, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
  %x = bufferization.to_tensor %xm restrict : memref<37x20xf32> to tensor<37x20xf32>
  %w1 = bufferization.to_tensor %w1m restrict : memref<5x20x33xf32> to tensor<5x20x33xf32>
  %w2 = bufferization.to_tensor %w2m restrict : memref<5x33x20xf32> to tensor<5x33x20xf32>
  scf.for %i = %c0 to %cn step %c1 {
    %density = tensor.extract %densities[%i] : tensor<5xf64>
    %seed = arith.index_cast %i : index to i64
    func.call @spider_rt_fill_random_f32(%gu, %seed, %density, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %g = bufferization.to_tensor %gm restrict : memref<37x5xf32> to tensor<37x5xf32>
    %m_relu = func.call @marked_relu(%x, %g, %w1, %w2) : (tensor<37x20xf32>, tensor<37x5xf32>, tensor<5x20x33xf32>, tensor<5x33x20xf32>) -> tensor<37x20xf32>
    %u_relu = func.call @unmarked_relu(%x, %g, %w1, %w2) : (tensor<37x20xf32>, tensor<37x5xf32>, tensor<5x20x33xf32>, tensor<5x33x20xf32>) -> tensor<37x20xf32>
    func.call @check(%m_relu, %u_relu, %density) : (tensor<37x20xf32>, tensor<37x20xf32>, f64) -> ()
    %m_silu = func.call @marked_silu(%x, %g, %w1, %w2) : (tensor<37x20xf32>, tensor<37x5xf32>, tensor<5x20x33xf32>, tensor<5x33x20xf32>) -> tensor<37x20xf32>
    %u_silu = func.call @unmarked_silu(%x, %g, %w1, %w2) : (tensor<37x20xf32>, tensor<37x5xf32>, tensor<5x20x33xf32>, tensor<5x33x20xf32>) -> tensor<37x20xf32>
    func.call @check(%m_silu, %u_silu, %density) : (tensor<37x20xf32>, tensor<37x20xf32>, f64) -> ()
    %m_affine = func.call @marked_affine(%x, %g, %w1, %w2) : (tensor<37x20xf32>, tensor<37x5xf32>, tensor<5x20x33xf32>, tensor<5x33x20xf32>) -> tensor<37x20xf32>
    %u_affine = func.call @unmarked_affine(%x, %g, %w1, %w2) : (tensor<37x20xf32>, tensor<37x5xf32>, tensor<5x20x33xf32>, tensor<5x33x20xf32>) -> tensor<37x20xf32>
    func.call @check(%m_affine, %u_affine, %density) : (tensor<37x20xf32>, tensor<37x20xf32>, f64) -> ()
    %m_cast = func.call @marked_cast(%x, %g, %w1, %w2) : (tensor<37x20xf32>, tensor<37x5xf32>, tensor<5x20x33xf32>, tensor<5x33x20xf32>) -> tensor<37x20xf32>
    %u_cast = func.call @unmarked_cast(%x, %g, %w1, %w2) : (tensor<37x20xf32>, tensor<37x5xf32>, tensor<5x20x33xf32>, tensor<5x33x20xf32>) -> tensor<37x20xf32>
    func.call @check(%m_cast, %u_cast, %density) : (tensor<37x20xf32>, tensor<37x20xf32>, f64) -> ()
  }
  return
}
