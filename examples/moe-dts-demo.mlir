// The main job of `make demo`: a mixture-of-experts FFN (512 tokens, d_model
// 128, d_ff 256, 8 experts) routed by the dense-to-sparse gate, across a
// temperature schedule that takes routing from dense (every expert) to
// sparse (top-1). Each step runs the FFN with the gate weights marked
// sparse and the same FFN unmarked, checks they agree, and prints the gate
// density, the path Spider chose at run time (dense or PIT) and both times.
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

// The MoE FFN, unmarked: every expert computes every token.
func.func @moe_unmarked(%x: tensor<512x128xf32>, %g: tensor<512x8xf32>, %w1: tensor<8x128x256xf32>,
                %w2: tensor<8x256x128xf32>) -> tensor<512x128xf32> {
  %zero = arith.constant 0.0 : f32
  %eh = tensor.empty() : tensor<512x8x256xf32>
  %zh = linalg.fill ins(%zero : f32) outs(%eh : tensor<512x8x256xf32>) -> tensor<512x8x256xf32>
  %ey = tensor.empty() : tensor<512x128xf32>
  %zy = linalg.fill ins(%zero : f32) outs(%ey : tensor<512x128xf32>) -> tensor<512x128xf32>
  %h = linalg.generic {indexing_maps = [#te, #td, #edf, #tef], iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%g, %x, %w1 : tensor<512x8xf32>, tensor<512x128xf32>, tensor<8x128x256xf32>) outs(%zh : tensor<512x8x256xf32>) {
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
      ins(%g, %a, %w2 : tensor<512x8xf32>, tensor<512x8x256xf32>, tensor<8x256x128xf32>) outs(%zy : tensor<512x128xf32>) {
  ^bb0(%gv: f32, %av: f32, %wv: f32, %out: f32):
    %ga = arith.mulf %gv, %av : f32
    %p = arith.mulf %ga, %wv : f32
    %r = arith.addf %out, %p : f32
    linalg.yield %r : f32
  } -> tensor<512x128xf32>
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
    %t0 = func.call @spider_rt_seconds() : () -> f64
    %ys = func.call @moe_spider(%x, %g, %w1, %w2) : (tensor<512x128xf32>, tensor<512x8xf32>, tensor<8x128x256xf32>, tensor<8x256x128xf32>) -> tensor<512x128xf32>
    %t1 = func.call @spider_rt_seconds() : () -> f64
    %yd = func.call @moe_unmarked(%x, %g, %w1, %w2) : (tensor<512x128xf32>, tensor<512x8xf32>, tensor<8x128x256xf32>, tensor<8x256x128xf32>) -> tensor<512x128xf32>
    %t2 = func.call @spider_rt_seconds() : () -> f64
    %ds = arith.subf %t1, %t0 : f64
    %dd = arith.subf %t2, %t1 : f64
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
