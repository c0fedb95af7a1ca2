// RUN: spider-opt %s -split-input-file -verify-diagnostics --spider-lower-pit-to-gpu

// Every spider.pit the GPU tile kernel does not implement is left for
// spider-lower-pit-to-loops with a remark that says why; one that it would
// implement but on buffers is an error.

#bt = affine_map<(m, n, k) -> (n, k)>
#a = affine_map<(m, n, k) -> (m, k)>
#c = affine_map<(m, n, k) -> (m, n)>
// A matmul with B transposed (B[n,k]) is not the kernel's matmul.
func.func @transposed_b(%a: tensor<128x512xf16>, %b: tensor<256x512xf16>, %c: tensor<128x256xf32>, %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<128x256xf32> {
  // expected-remark @below {{no GPU tile kernel for this spider.pit: its computation is not a matmul C[m,n] += A[m,k] * B[k,n]; spider-lower-pit-to-loops lowers it to loops over its groups, with a kernel per dense step}}
  %r = spider.pit ins(%a, %b : tensor<128x512xf16>, tensor<256x512xf16>) outs(%c : tensor<128x256xf32>)
         index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<128x512xf16>, %y: tensor<256x512xf16>, %z: tensor<128x256xf32>):
    %m = linalg.generic {indexing_maps = [#a, #bt, #c], iterator_types = ["parallel", "parallel", "reduction"]}
           ins(%x, %y : tensor<128x512xf16>, tensor<256x512xf16>) outs(%z : tensor<128x256xf32>) {
    ^bb1(%p: f16, %q: f16, %s: f32):
      %pq = arith.mulf %p, %q : f16
      %e = arith.extf %pq : f16 to f32
      %t = arith.addf %s, %e : f32
      linalg.yield %t : f32
    } -> tensor<128x256xf32>
    spider.yield %m : tensor<128x256xf32>
  } -> tensor<128x256xf32>
  return %r : tensor<128x256xf32>
}

// -----

#a = affine_map<(m, n, k) -> (m, k)>
#b = affine_map<(m, n, k) -> (k, n)>
#c = affine_map<(m, n, k) -> (m, n)>
// The maps of a matmul, but a max-plus product, not multiply-add.
func.func @max_plus(%a: tensor<128x512xf32>, %b: tensor<512x256xf32>, %c: tensor<128x256xf32>, %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<128x256xf32> {
  // expected-remark @below {{its computation is not a matmul C[m,n] += A[m,k] * B[k,n]}}
  %r = spider.pit ins(%a, %b : tensor<128x512xf32>, tensor<512x256xf32>) outs(%c : tensor<128x256xf32>)
         index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<128x512xf32>, %y: tensor<512x256xf32>, %z: tensor<128x256xf32>):
    %m = linalg.generic {indexing_maps = [#a, #b, #c], iterator_types = ["parallel", "parallel", "reduction"]}
           ins(%x, %y : tensor<128x512xf32>, tensor<512x256xf32>) outs(%z : tensor<128x256xf32>) {
    ^bb1(%p: f32, %q: f32, %s: f32):
      %pq = arith.addf %p, %q : f32
      %t = arith.maximumf %s, %pq : f32
      linalg.yield %t : f32
    } -> tensor<128x256xf32>
    spider.yield %m : tensor<128x256xf32>
  } -> tensor<128x256xf32>
  return %r : tensor<128x256xf32>
}

// -----

// The sparse operand is B: the kernel packs A's micro-tiles.
func.func @sparse_b(%a: tensor<128x512xf16>, %b: tensor<512x256xf16>, %c: tensor<128x256xf32>, %i: !spider.index<microtile = [1, 64], pack_dim = 0>) -> tensor<128x256xf32> {
  // expected-remark @below {{no GPU tile kernel for this spider.pit: its sparse operand is not the matmul's left operand}}
  %r = spider.pit ins(%a, %b : tensor<128x512xf16>, tensor<512x256xf16>) outs(%c : tensor<128x256xf32>)
         index(%i : !spider.index<microtile = [1, 64], pack_dim = 0>) sparse_operand = 1 pack_dim = 2 {
  ^bb0(%x: tensor<128x512xf16>, %y: tensor<512x256xf16>, %z: tensor<128x256xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<128x512xf16>, tensor<512x256xf16>) outs(%z : tensor<128x256xf32>) -> tensor<128x256xf32>
    spider.yield %m : tensor<128x256xf32>
  } -> tensor<128x256xf32>
  return %r : tensor<128x256xf32>
}

// -----

// The matmul accumulates into an input of the spider.pit, not its output.
func.func @init_is_input(%a: tensor<128x512xf16>, %b: tensor<512x256xf16>, %acc: tensor<128x256xf32>, %c: tensor<128x256xf32>, %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<128x256xf32> {
  // expected-remark @below {{no GPU tile kernel for this spider.pit: the matmul's output is not the spider.pit output}}
  %r = spider.pit ins(%a, %b, %acc : tensor<128x512xf16>, tensor<512x256xf16>, tensor<128x256xf32>) outs(%c : tensor<128x256xf32>)
         index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<128x512xf16>, %y: tensor<512x256xf16>, %w: tensor<128x256xf32>, %z: tensor<128x256xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<128x512xf16>, tensor<512x256xf16>) outs(%w : tensor<128x256xf32>) -> tensor<128x256xf32>
    spider.yield %m : tensor<128x256xf32>
  } -> tensor<128x256xf32>
  return %r : tensor<128x256xf32>
}

// -----

// The spider.pit yields its output unchanged, not the matmul's result.
func.func @yields_init(%a: tensor<128x512xf16>, %b: tensor<512x256xf16>, %c: tensor<128x256xf32>, %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<128x256xf32> {
  // expected-remark @below {{no GPU tile kernel for this spider.pit: spider.pit does not yield the matmul's result}}
  %r = spider.pit ins(%a, %b : tensor<128x512xf16>, tensor<512x256xf16>) outs(%c : tensor<128x256xf32>)
         index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<128x512xf16>, %y: tensor<512x256xf16>, %z: tensor<128x256xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<128x512xf16>, tensor<512x256xf16>) outs(%z : tensor<128x256xf32>) -> tensor<128x256xf32>
    spider.yield %z : tensor<128x256xf32>
  } -> tensor<128x256xf32>
  return %r : tensor<128x256xf32>
}

// -----

// A in f16, B in f32: the kernel stages both in one element type.
func.func @mixed_operands(%a: tensor<128x512xf16>, %b: tensor<512x256xf32>, %c: tensor<128x256xf32>, %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<128x256xf32> {
  // expected-remark @below {{no GPU tile kernel for this spider.pit: its operands are not both f16, both bf16 or both f32}}
  %r = spider.pit ins(%a, %b : tensor<128x512xf16>, tensor<512x256xf32>) outs(%c : tensor<128x256xf32>)
         index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<128x512xf16>, %y: tensor<512x256xf32>, %z: tensor<128x256xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<128x512xf16>, tensor<512x256xf32>) outs(%z : tensor<128x256xf32>) -> tensor<128x256xf32>
    spider.yield %m : tensor<128x256xf32>
  } -> tensor<128x256xf32>
  return %r : tensor<128x256xf32>
}

// -----

// f64 operands: no tensor-core or FMA kernel for them.
func.func @f64_operands(%a: tensor<128x512xf64>, %b: tensor<512x256xf64>, %c: tensor<128x256xf32>, %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<128x256xf32> {
  // expected-remark @below {{its operands are not both f16, both bf16 or both f32}}
  %r = spider.pit ins(%a, %b : tensor<128x512xf64>, tensor<512x256xf64>) outs(%c : tensor<128x256xf32>)
         index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<128x512xf64>, %y: tensor<512x256xf64>, %z: tensor<128x256xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<128x512xf64>, tensor<512x256xf64>) outs(%z : tensor<128x256xf32>) -> tensor<128x256xf32>
    spider.yield %m : tensor<128x256xf32>
  } -> tensor<128x256xf32>
  return %r : tensor<128x256xf32>
}

// -----

// An f16 result: the tensor cores accumulate in f32.
func.func @f16_result(%a: tensor<128x512xf16>, %b: tensor<512x256xf16>, %c: tensor<128x256xf16>, %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<128x256xf16> {
  // expected-remark @below {{no GPU tile kernel for this spider.pit: its result is not f32 (the tensor cores accumulate in f32)}}
  %r = spider.pit ins(%a, %b : tensor<128x512xf16>, tensor<512x256xf16>) outs(%c : tensor<128x256xf16>)
         index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<128x512xf16>, %y: tensor<512x256xf16>, %z: tensor<128x256xf16>):
    %m = linalg.matmul ins(%x, %y : tensor<128x512xf16>, tensor<512x256xf16>) outs(%z : tensor<128x256xf16>) -> tensor<128x256xf16>
    spider.yield %m : tensor<128x256xf16>
  } -> tensor<128x256xf16>
  return %r : tensor<128x256xf16>
}

// -----

// Packed along k, a block is one micro-tile of rows, which the warps split
// in slices of 16.
func.func @eight_rows(%a: tensor<128x512xf16>, %b: tensor<512x256xf16>, %c: tensor<128x256xf32>, %i: !spider.index<microtile = [8, 1], pack_dim = 1>) -> tensor<128x256xf32> {
  // expected-remark @below {{no GPU tile kernel for this spider.pit: packed along k, its micro-tile must be 16, 32 or 64 rows, not 8}}
  %r = spider.pit ins(%a, %b : tensor<128x512xf16>, tensor<512x256xf16>) outs(%c : tensor<128x256xf32>)
         index(%i : !spider.index<microtile = [8, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<128x512xf16>, %y: tensor<512x256xf16>, %z: tensor<128x256xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<128x512xf16>, tensor<512x256xf16>) outs(%z : tensor<128x256xf32>) -> tensor<128x256xf32>
    spider.yield %m : tensor<128x256xf32>
  } -> tensor<128x256xf32>
  return %r : tensor<128x256xf32>
}

// -----

// 128 rows is past what four warps of 16 rows hold.
func.func @rows_128(%a: tensor<256x512xf16>, %b: tensor<512x256xf16>, %c: tensor<256x256xf32>, %i: !spider.index<microtile = [128, 1], pack_dim = 1>) -> tensor<256x256xf32> {
  // expected-remark @below {{packed along k, its micro-tile must be 16, 32 or 64 rows, not 128}}
  %r = spider.pit ins(%a, %b : tensor<256x512xf16>, tensor<512x256xf16>) outs(%c : tensor<256x256xf32>)
         index(%i : !spider.index<microtile = [128, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<256x512xf16>, %y: tensor<512x256xf16>, %z: tensor<256x256xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<256x512xf16>, tensor<512x256xf16>) outs(%z : tensor<256x256xf32>) -> tensor<256x256xf32>
    spider.yield %m : tensor<256x256xf32>
  } -> tensor<256x256xf32>
  return %r : tensor<256x256xf32>
}

// -----

// B is a constant of the body: the kernel reads B from a host buffer, which
// a value of the body (erased with the spider.pit) cannot give.
func.func @constant_b(%a: tensor<64x64xf32>, %c: tensor<64x64xf32>, %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<64x64xf32> {
  // expected-remark @below {{no GPU tile kernel for this spider.pit: the matmul's right operand is defined in the body, not passed in ins}}
  %r = spider.pit ins(%a : tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
         index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %w = arith.constant dense<1.0> : tensor<64x64xf32>
    %m = linalg.matmul ins(%x, %w : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %m : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// -----

// A kernel-shaped matmul, but the spider.pit also takes a buffer: the pass
// lowers spider.pit on tensors only (one-shot bufferization runs after it).
func.func @buffer_operand(%a: tensor<128x512xf16>, %b: tensor<512x256xf16>, %buf: memref<16xf32>, %c: tensor<128x256xf32>, %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<128x256xf32> {
  // expected-error @below {{'spider.pit' op spider-lower-pit-to-gpu lowers spider.pit on tensors}}
  %r = spider.pit ins(%a, %b, %buf : tensor<128x512xf16>, tensor<512x256xf16>, memref<16xf32>) outs(%c : tensor<128x256xf32>)
         index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<128x512xf16>, %y: tensor<512x256xf16>, %w: memref<16xf32>, %z: tensor<128x256xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<128x512xf16>, tensor<512x256xf16>) outs(%z : tensor<128x256xf32>) -> tensor<128x256xf32>
    spider.yield %m : tensor<128x256xf32>
  } -> tensor<128x256xf32>
  return %r : tensor<128x256xf32>
}
