// The main job of `make demo`: a mixture-of-experts FFN (512 tokens, d_model
// 128, d_ff 256, 8 experts) routed by the dense-to-sparse gate, across a
// temperature schedule that takes routing from dense (every expert) to
// sparse (top-1). Each step runs the FFN written densely with the gate
// weights marked sparse (Spider: one fused chain per expert, no
// [tokens, experts, d_ff] tensor), and the per-expert loop a user writes
// without Spider (gather each expert's tokens, two matmuls and a ReLU,
// add the weighted rows back), compiled by the same pipeline; checks they
// agree and prints the gate density and both times (the fastest of three
// after a warm-up).
//
//   build/bin/spider-run examples/moe-dts-demo.mlir --profile

#te = affine_map<(t, e, f, d) -> (t, e)>
#td = affine_map<(t, e, f, d) -> (t, d)>
#edf = affine_map<(t, e, f, d) -> (e, d, f)>
#tef = affine_map<(t, e, f, d) -> (t, e, f)>
#id3 = affine_map<(t, e, f) -> (t, e, f)>
#te2 = affine_map<(t, d, e, f) -> (t, e)>
#tef2 = affine_map<(t, d, e, f) -> (t, e, f)>
#efd = affine_map<(t, d, e, f) -> (e, f, d)>
#td2 = affine_map<(t, d, e, f) -> (t, d)>

// The DTS gate: softmax(logits / tau), experts above 1/(2 8) kept, at
// least the top one.
func.func @gate(%logits: tensor<512x8xf32>, %tau: f32) -> tensor<512x8xf32> {
  %g = spider.dts_gate %logits tau(%tau) threshold(0.0625) min_k(1) : tensor<512x8xf32> -> tensor<512x8xf32>
  return %g : tensor<512x8xf32>
}

// The MoE FFN with the gate weights marked sparse.
func.func @moe_spider(%x: tensor<512x128xf32>, %g: tensor<512x8xf32>, %w1: tensor<8x128x256xf32>,
                %w2: tensor<8x256x128xf32>) -> tensor<512x128xf32> {
  %zero = arith.constant 0.0 : f32
  %gs = spider.assume_sparse %g : tensor<512x8xf32> to tensor<512x8xf32, #spider.sparse<microtile = [1, 1]>>
  %eh = tensor.empty() : tensor<512x8x256xf32>
  %zh = linalg.fill ins(%zero : f32) outs(%eh : tensor<512x8x256xf32>) -> tensor<512x8x256xf32>
  %ey = tensor.empty() : tensor<512x128xf32>
  %zy = linalg.fill ins(%zero : f32) outs(%ey : tensor<512x128xf32>) -> tensor<512x128xf32>
  %h = linalg.generic {indexing_maps = [#te, #td, #edf, #tef], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%gs, %x, %w1 : tensor<512x8xf32, #spider.sparse<microtile = [1, 1]>>, tensor<512x128xf32>, tensor<8x128x256xf32>) outs(%zh : tensor<512x8x256xf32>) {
  ^bb0(%gv: f32, %xv: f32, %wv: f32, %out: f32):
    %routed = arith.cmpf one, %gv, %zero : f32
    %p = arith.mulf %xv, %wv : f32
    %c = arith.select %routed, %p, %zero : f32
    %r = arith.addf %out, %c : f32
    linalg.yield %r : f32
  } -> tensor<512x8x256xf32>
  %a = linalg.generic {indexing_maps = [#id3, #id3], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%h : tensor<512x8x256xf32>) outs(%zh : tensor<512x8x256xf32>) {
  ^bb0(%hv: f32, %out: f32):
    %r = arith.maximumf %hv, %zero : f32
    linalg.yield %r : f32
  } -> tensor<512x8x256xf32>
  %y = linalg.generic {indexing_maps = [#te2, #tef2, #efd, #td2], iterator_types = ["parallel", "parallel", "reduction", "reduction"]}
      ins(%gs, %a, %w2 : tensor<512x8xf32, #spider.sparse<microtile = [1, 1]>>, tensor<512x8x256xf32>, tensor<8x256x128xf32>) outs(%zy : tensor<512x128xf32>) {
  ^bb0(%gv: f32, %av: f32, %wv: f32, %out: f32):
    %ga = arith.mulf %gv, %av : f32
    %p = arith.mulf %ga, %wv : f32
    %r = arith.addf %out, %p : f32
    linalg.yield %r : f32
  } -> tensor<512x128xf32>
  return %y : tensor<512x128xf32>
}

// The MoE FFN as a user writes it without Spider: a loop over experts that
// gathers each expert's tokens, runs the two matmuls and the ReLU on them,
// and adds the weighted rows back (PyTorch's index / index_add_ loop).
func.func @moe_loop(%x: tensor<512x128xf32>, %g: tensor<512x8xf32>, %w1: tensor<8x128x256xf32>,
                    %w2: tensor<8x256x128xf32>) -> tensor<512x128xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %ce = arith.constant 8 : index
  %ct = arith.constant 512 : index
  %zero = arith.constant 0.0 : f32
  %ey = tensor.empty() : tensor<512x128xf32>
  %zy = linalg.fill ins(%zero : f32) outs(%ey : tensor<512x128xf32>) -> tensor<512x128xf32>
  %y = scf.for %e = %c0 to %ce step %c1 iter_args(%acc = %zy) -> (tensor<512x128xf32>) {
    // How many tokens expert e takes, then which.
    %n = scf.for %t = %c0 to %ct step %c1 iter_args(%k = %c0) -> (index) {
      %gv = tensor.extract %g[%t, %e] : tensor<512x8xf32>
      %routed = arith.cmpf one, %gv, %zero : f32
      %k1 = arith.addi %k, %c1 : index
      %kn = arith.select %routed, %k1, %k : index
      scf.yield %kn : index
    }
    %ids0 = tensor.empty(%n) : tensor<?xindex>
    %xe0 = tensor.empty(%n) : tensor<?x128xf32>
    %ids, %xe, %cnt = scf.for %t = %c0 to %ct step %c1 iter_args(%ia = %ids0, %xa = %xe0, %k = %c0)
        -> (tensor<?xindex>, tensor<?x128xf32>, index) {
      %gv = tensor.extract %g[%t, %e] : tensor<512x8xf32>
      %routed = arith.cmpf one, %gv, %zero : f32
      %r:3 = scf.if %routed -> (tensor<?xindex>, tensor<?x128xf32>, index) {
        %row = tensor.extract_slice %x[%t, 0] [1, 128] [1, 1] : tensor<512x128xf32> to tensor<1x128xf32>
        %xa2 = tensor.insert_slice %row into %xa[%k, 0] [1, 128] [1, 1] : tensor<1x128xf32> into tensor<?x128xf32>
        %ia2 = tensor.insert %t into %ia[%k] : tensor<?xindex>
        %k1 = arith.addi %k, %c1 : index
        scf.yield %ia2, %xa2, %k1 : tensor<?xindex>, tensor<?x128xf32>, index
      } else {
        scf.yield %ia, %xa, %k : tensor<?xindex>, tensor<?x128xf32>, index
      }
      scf.yield %r#0, %r#1, %r#2 : tensor<?xindex>, tensor<?x128xf32>, index
    }
    %w1e = tensor.extract_slice %w1[%e, 0, 0] [1, 128, 256] [1, 1, 1] : tensor<8x128x256xf32> to tensor<128x256xf32>
    %w2e = tensor.extract_slice %w2[%e, 0, 0] [1, 256, 128] [1, 1, 1] : tensor<8x256x128xf32> to tensor<256x128xf32>
    %eh = tensor.empty(%n) : tensor<?x256xf32>
    %zh = linalg.fill ins(%zero : f32) outs(%eh : tensor<?x256xf32>) -> tensor<?x256xf32>
    %h = linalg.matmul ins(%xe, %w1e : tensor<?x128xf32>, tensor<128x256xf32>) outs(%zh : tensor<?x256xf32>) -> tensor<?x256xf32>
    %a = linalg.generic {indexing_maps = [affine_map<(t, f) -> (t, f)>], iterator_types = ["parallel", "parallel"]}
        outs(%h : tensor<?x256xf32>) {
    ^bb0(%hv: f32):
      %r = arith.maximumf %hv, %zero : f32
      linalg.yield %r : f32
    } -> tensor<?x256xf32>
    %eo = tensor.empty(%n) : tensor<?x128xf32>
    %zo = linalg.fill ins(%zero : f32) outs(%eo : tensor<?x128xf32>) -> tensor<?x128xf32>
    %o = linalg.matmul ins(%a, %w2e : tensor<?x256xf32>, tensor<256x128xf32>) outs(%zo : tensor<?x128xf32>) -> tensor<?x128xf32>
    // y[token] += g[token, e] * o[row], row by row.
    %acc2 = scf.for %i = %c0 to %n step %c1 iter_args(%ya = %acc) -> (tensor<512x128xf32>) {
      %t = tensor.extract %ids[%i] : tensor<?xindex>
      %gv = tensor.extract %g[%t, %e] : tensor<512x8xf32>
      %orow = tensor.extract_slice %o[%i, 0] [1, 128] [1, 1] : tensor<?x128xf32> to tensor<128xf32>
      %yrow = tensor.extract_slice %ya[%t, 0] [1, 128] [1, 1] : tensor<512x128xf32> to tensor<128xf32>
      %sum = linalg.generic {indexing_maps = [affine_map<(d) -> (d)>, affine_map<(d) -> (d)>], iterator_types = ["parallel"]}
          ins(%orow : tensor<128xf32>) outs(%yrow : tensor<128xf32>) {
      ^bb0(%ov: f32, %yv: f32):
        %s = arith.mulf %gv, %ov : f32
        %r = arith.addf %yv, %s : f32
        linalg.yield %r : f32
      } -> tensor<128xf32>
      %ya2 = tensor.insert_slice %sum into %ya[%t, 0] [1, 128] [1, 1] : tensor<128xf32> into tensor<512x128xf32>
      scf.yield %ya2 : tensor<512x128xf32>
    }
    scf.yield %acc2 : tensor<512x128xf32>
  }
  return %y : tensor<512x128xf32>
}

func.func private @spider_rt_fill_random_f32(memref<*xf32>, i64, f64, i64, i64, i64, i64) attributes {llvm.emit_c_interface}
func.func private @spider_rt_check_close_f32(memref<*xf32>, memref<*xf32>, f64, f64) -> i32 attributes {llvm.emit_c_interface}
func.func private @spider_rt_seconds() -> f64
func.func private @spider_rt_profile_last_density(i64) -> f64
func.func private @spider_rt_profile_last_ran_dense(i64) -> i32
func.func private @spider_rt_report_step(i64, f64, f64, i32, f64, f64)

func.func @random(%m: memref<*xf32>, %seed: i64, %scale: f32) {
  %full = arith.constant 1.0 : f64
  %i1 = arith.constant 1 : i64
  func.call @spider_rt_fill_random_f32(%m, %seed, %full, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
  return
}

// moe_spider's result and its fastest time of three, after a warm-up.
func.func @time_spider(%x: tensor<512x128xf32>, %g: tensor<512x8xf32>, %w1: tensor<8x128x256xf32>,
                  %w2: tensor<8x256x128xf32>) -> (tensor<512x128xf32>, f64) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %inf = arith.constant 1.0e30 : f64
  %warm = func.call @moe_spider(%x, %g, %w1, %w2) : (tensor<512x128xf32>, tensor<512x8xf32>, tensor<8x128x256xf32>, tensor<8x256x128xf32>) -> tensor<512x128xf32>
  %best = scf.for %i = %c0 to %c3 step %c1 iter_args(%fastest = %inf) -> (f64) {
    %t0 = func.call @spider_rt_seconds() : () -> f64
    %yi = func.call @moe_spider(%x, %g, %w1, %w2) : (tensor<512x128xf32>, tensor<512x8xf32>, tensor<8x128x256xf32>, tensor<8x256x128xf32>) -> tensor<512x128xf32>
    %t1 = func.call @spider_rt_seconds() : () -> f64
    %d = arith.subf %t1, %t0 : f64
    %b = arith.minimumf %fastest, %d : f64
    scf.yield %b : f64
  }
  // The runs compute the same; the warm-up's result is the one checked.
  return %warm, %best : tensor<512x128xf32>, f64
}

// moe_loop's result and its fastest time of three, after a warm-up.
func.func @time_loop(%x: tensor<512x128xf32>, %g: tensor<512x8xf32>, %w1: tensor<8x128x256xf32>,
                  %w2: tensor<8x256x128xf32>) -> (tensor<512x128xf32>, f64) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %inf = arith.constant 1.0e30 : f64
  %warm = func.call @moe_loop(%x, %g, %w1, %w2) : (tensor<512x128xf32>, tensor<512x8xf32>, tensor<8x128x256xf32>, tensor<8x256x128xf32>) -> tensor<512x128xf32>
  %best = scf.for %i = %c0 to %c3 step %c1 iter_args(%fastest = %inf) -> (f64) {
    %t0 = func.call @spider_rt_seconds() : () -> f64
    %yi = func.call @moe_loop(%x, %g, %w1, %w2) : (tensor<512x128xf32>, tensor<512x8xf32>, tensor<8x128x256xf32>, tensor<8x256x128xf32>) -> tensor<512x128xf32>
    %t1 = func.call @spider_rt_seconds() : () -> f64
    %d = arith.subf %t1, %t0 : f64
    %b = arith.minimumf %fastest, %d : f64
    scf.yield %b : f64
  }
  // The runs compute the same; the warm-up's result is the one checked.
  return %warm, %best : tensor<512x128xf32>, f64
}

func.func @main() {
  %taus = arith.constant dense<[8.0, 2.0, 1.0, 0.5, 0.3, 0.2, 0.1, 0.05]> : tensor<8xf32>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant 8 : index
  %id0 = arith.constant 0 : i64
  %one = arith.constant 1.0 : f32
  %tol = arith.constant 1.0e-4 : f64
  %xm = memref.alloc() : memref<512x128xf32>
  %lm = memref.alloc() : memref<512x8xf32>
  %w1m = memref.alloc() : memref<8x128x256xf32>
  %w2m = memref.alloc() : memref<8x256x128xf32>
  %xu = memref.cast %xm : memref<512x128xf32> to memref<*xf32>
  %lu = memref.cast %lm : memref<512x8xf32> to memref<*xf32>
  %w1u = memref.cast %w1m : memref<8x128x256xf32> to memref<*xf32>
  %w2u = memref.cast %w2m : memref<8x256x128xf32> to memref<*xf32>
  %s1 = arith.constant 1 : i64
  %s2 = arith.constant 2 : i64
  %s3 = arith.constant 3 : i64
  %s4 = arith.constant 4 : i64
  func.call @random(%xu, %s1, %one) : (memref<*xf32>, i64, f32) -> ()
  func.call @random(%lu, %s2, %one) : (memref<*xf32>, i64, f32) -> ()
  func.call @random(%w1u, %s3, %one) : (memref<*xf32>, i64, f32) -> ()
  func.call @random(%w2u, %s4, %one) : (memref<*xf32>, i64, f32) -> ()
  %x = bufferization.to_tensor %xm restrict : memref<512x128xf32> to tensor<512x128xf32>
  %l = bufferization.to_tensor %lm restrict : memref<512x8xf32> to tensor<512x8xf32>
  %w1 = bufferization.to_tensor %w1m restrict : memref<8x128x256xf32> to tensor<8x128x256xf32>
  %w2 = bufferization.to_tensor %w2m restrict : memref<8x256x128xf32> to tensor<8x256x128xf32>
  scf.for %i = %c0 to %cn step %c1 {
    %tau = tensor.extract %taus[%i] : tensor<8xf32>
    %g = func.call @gate(%l, %tau) : (tensor<512x8xf32>, f32) -> tensor<512x8xf32>
    // Each runs once to warm up (caches, first-touch page faults), then
    // three times; the fastest counts (the machine may be shared).
    %ys, %ds = func.call @time_spider(%x, %g, %w1, %w2) : (tensor<512x128xf32>, tensor<512x8xf32>, tensor<8x128x256xf32>, tensor<8x256x128xf32>) -> (tensor<512x128xf32>, f64)
    %yd, %dd = func.call @time_loop(%x, %g, %w1, %w2) : (tensor<512x128xf32>, tensor<512x8xf32>, tensor<8x128x256xf32>, tensor<8x256x128xf32>) -> (tensor<512x128xf32>, f64)
    %density = func.call @spider_rt_profile_last_density(%id0) : (i64) -> f64
    %dense = func.call @spider_rt_profile_last_ran_dense(%id0) : (i64) -> i32
    %step = arith.index_cast %i : index to i64
    %taud = arith.extf %tau : f32 to f64
    func.call @spider_rt_report_step(%step, %taud, %density, %dense, %ds, %dd) : (i64, f64, f64, i32, f64, f64) -> ()
    %gm = bufferization.to_buffer %ys read_only : tensor<512x128xf32> to memref<512x128xf32>
    %wm = bufferization.to_buffer %yd read_only : tensor<512x128xf32> to memref<512x128xf32>
    %gu = memref.cast %gm : memref<512x128xf32> to memref<*xf32>
    %wu = memref.cast %wm : memref<512x128xf32> to memref<*xf32>
    %ok = func.call @spider_rt_check_close_f32(%gu, %wu, %tol, %taud) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
  }
  return
}
