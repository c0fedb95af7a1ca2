// RUN: spider-opt %s -split-input-file -verify-diagnostics --spider-lower-pit-to-loops

// Every reason spider-lower-pit-to-loops fails on a spider.pit (an error) or
// lowers it densely instead of through PIT (a remark);
// lower-pit-to-loops-profile-invalid.mlir covers the profile's need for a
// module.
//
// Not reachable, so not tested: "lowered densely: the computation does not
// use the sparse operand". The spider.pit verifier rejects a linalg
// computation that does not read the sparse operand's block argument as an
// operand ("the computation does not use the sparse operand"), and a
// computation that is no linalg op is declined earlier, for that reason.

// An input on buffers (the verifier allows inputs of any type).
func.func @buffer_input(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %buf: memref<64xf32>, %c: tensor<64x64xf32>,
                        %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<64x64xf32> {
  // expected-error@+1 {{spider-lower-pit-to-loops lowers spider.pit on tensors}}
  %r = spider.pit ins(%a, %b, %buf : tensor<64x64xf32>, tensor<64x64xf32>, memref<64xf32>) outs(%c : tensor<64x64xf32>)
         index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %q: memref<64xf32>, %z: tensor<64x64xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %m : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// -----

// The computation writes into an input, not into the spider.pit's output.
#id = affine_map<(i, j) -> (i, j)>
func.func @outputs_elsewhere(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>,
                             %i: !spider.index<microtile = [1, 8], pack_dim = 0>) -> tensor<64x64xf32> {
  // expected-remark@+1 {{lowered densely: the computation's outputs are not the spider.pit outputs}}
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
         index(%i : !spider.index<microtile = [1, 8], pack_dim = 0>) sparse_operand = 0 pack_dim = 0 {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %g = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%x : tensor<64x64xf32>) outs(%y : tensor<64x64xf32>) {
    ^bb0(%p: f32, %q: f32):
      %s = arith.addf %p, %q : f32
      linalg.yield %s : f32
    } -> tensor<64x64xf32>
    spider.yield %g : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// -----

// The body yields its output block argument, not the matmul.
func.func @yields_elsewhere(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>,
                            %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<64x64xf32> {
  // expected-remark@+1 {{lowered densely: spider.pit does not yield the computation's results}}
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
         index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %z : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// -----

// The diagonal: the sparse operand's two axes are both d0.
#diag = affine_map<(i, j) -> (i, i)>
#col = affine_map<(i, j) -> (j)>
#id = affine_map<(i, j) -> (i, j)>
func.func @dimension_twice(%a: tensor<16x16xf32>, %v: tensor<8xf32>, %c: tensor<16x8xf32>,
                           %i: !spider.index<microtile = [1, 4], pack_dim = 1>) -> tensor<16x8xf32> {
  // expected-remark@+1 {{lowered densely: the sparse operand indexes one loop dimension twice}}
  %r = spider.pit ins(%a, %v : tensor<16x16xf32>, tensor<8xf32>) outs(%c : tensor<16x8xf32>)
         index(%i : !spider.index<microtile = [1, 4], pack_dim = 1>) sparse_operand = 0 pack_dim = 0 {
  ^bb0(%x: tensor<16x16xf32>, %y: tensor<8xf32>, %z: tensor<16x8xf32>):
    %g = linalg.generic {indexing_maps = [#diag, #col, #id], iterator_types = ["parallel", "parallel"]}
        ins(%x, %y : tensor<16x16xf32>, tensor<8xf32>) outs(%z : tensor<16x8xf32>) {
    ^bb0(%p: f32, %q: f32, %o: f32):
      %m = arith.mulf %p, %q : f32
      linalg.yield %m : f32
    } -> tensor<16x8xf32>
    spider.yield %g : tensor<16x8xf32>
  } -> tensor<16x8xf32>
  return %r : tensor<16x8xf32>
}

// -----

// Packed along the channels (d2) and boxed along the output positions (d0),
// with a second input that reads d0 floordiv 2: its slice per group is not
// a shifted window.
#x = affine_map<(o, w, c) -> (o, c)>
#halved = affine_map<(o, w, c) -> (o floordiv 2, c)>
#weight = affine_map<(o, w, c) -> (w)>
#out = affine_map<(o, w, c) -> (o)>
func.func @compound_box(%x: tensor<8x8xf32>, %s: tensor<4x8xf32>, %k: tensor<3xf32>, %y: tensor<8xf32>,
                        %i: !spider.index<microtile = [2, 1], pack_dim = 1>) -> tensor<8xf32> {
  // expected-remark@+1 {{lowered densely: a box dimension appears in the compound expression 'd0 floordiv 2', which is not a sum of loop dimensions with non-negative coefficients}}
  %r = spider.pit ins(%x, %s, %k : tensor<8x8xf32>, tensor<4x8xf32>, tensor<3xf32>) outs(%y : tensor<8xf32>)
                  index(%i : !spider.index<microtile = [2, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%a: tensor<8x8xf32>, %b: tensor<4x8xf32>, %w: tensor<3xf32>, %z: tensor<8xf32>):
    %g = linalg.generic {indexing_maps = [#x, #halved, #weight, #out], iterator_types = ["parallel", "reduction", "reduction"]}
        ins(%a, %b, %w : tensor<8x8xf32>, tensor<4x8xf32>, tensor<3xf32>) outs(%z : tensor<8xf32>) {
    ^bb0(%p: f32, %q: f32, %t: f32, %acc: f32):
      %m = arith.mulf %p, %q : f32
      %n = arith.mulf %m, %t : f32
      %s2 = arith.addf %acc, %n : f32
      linalg.yield %s2 : f32
    } -> tensor<8xf32>
    spider.yield %g : tensor<8xf32>
  } -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// -----

// A window over the sparse operand itself (a 1-D convolution whose input is
// sparse in [2, 1] micro-tiles, packed along the channels): a group of the
// index is a band of input rows, which no box of output positions and taps
// reads. An index micro-tile spanning all 10 rows would do.
#in = affine_map<(o, w, c) -> (o + w, c)>
#filter = affine_map<(o, w, c) -> (w, c)>
#out = affine_map<(o, w, c) -> (o)>
func.func @window_on_sparse(%x: tensor<10x8xf32>, %f: tensor<3x8xf32>, %y: tensor<8xf32>,
                            %i: !spider.index<microtile = [2, 1], pack_dim = 1>) -> tensor<8xf32> {
  // expected-remark@+1 {{lowered densely: the sparse operand's axis 0 is indexed by the compound expression 'd0 + d1' and the index micro-tile does not span it}}
  %r = spider.pit ins(%x, %f : tensor<10x8xf32>, tensor<3x8xf32>) outs(%y : tensor<8xf32>)
                  index(%i : !spider.index<microtile = [2, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%a: tensor<10x8xf32>, %b: tensor<3x8xf32>, %z: tensor<8xf32>):
    %g = linalg.generic {indexing_maps = [#in, #filter, #out], iterator_types = ["parallel", "reduction", "reduction"]}
        ins(%a, %b : tensor<10x8xf32>, tensor<3x8xf32>) outs(%z : tensor<8xf32>) {
    ^bb0(%p: f32, %q: f32, %acc: f32):
      %m = arith.mulf %p, %q : f32
      %s = arith.addf %acc, %m : f32
      linalg.yield %s : f32
    } -> tensor<8xf32>
    spider.yield %g : tensor<8xf32>
  } -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// -----

// A diagonal read of the pack dimension (d[c, c], which the permutation
// invariance allows): SRead gathers one axis per operand.
#v = affine_map<(o, c) -> (c)>
#diag = affine_map<(o, c) -> (c, c)>
#o = affine_map<(o, c) -> (o)>
#oc = affine_map<(o, c) -> (o, c)>
func.func @pack_dim_twice(%v: tensor<8xf32>, %d: tensor<8x8xf32>, %x: tensor<4x8xf32>, %y: tensor<4xf32>,
                          %i: !spider.index<microtile = [2], pack_dim = 0>) -> tensor<4xf32> {
  // expected-remark@+1 {{lowered densely: operand #1 reads the pack dimension d1 on two axes}}
  %r = spider.pit ins(%v, %d, %x : tensor<8xf32>, tensor<8x8xf32>, tensor<4x8xf32>) outs(%y : tensor<4xf32>)
                  index(%i : !spider.index<microtile = [2], pack_dim = 0>) sparse_operand = 0 pack_dim = 1 {
  ^bb0(%a: tensor<8xf32>, %b: tensor<8x8xf32>, %c: tensor<4x8xf32>, %z: tensor<4xf32>):
    %g = linalg.generic {indexing_maps = [#v, #diag, #oc, #o], iterator_types = ["parallel", "reduction"]}
        ins(%a, %b, %c : tensor<8xf32>, tensor<8x8xf32>, tensor<4x8xf32>) outs(%z : tensor<4xf32>) {
    ^bb0(%p: f32, %q: f32, %t: f32, %acc: f32):
      %m = arith.mulf %p, %q : f32
      %n = arith.mulf %m, %t : f32
      %s = arith.addf %acc, %n : f32
      linalg.yield %s : f32
    } -> tensor<4xf32>
    spider.yield %g : tensor<4xf32>
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

// A spider.pit whose computation is another spider.pit (the verifier allows
// it: spider.pit is itself permutation invariant along its computation's
// invariant dims). The inner one is lowered first, into loops; what is left
// in the outer one is no linalg op.
func.func @nested_pit(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>,
                      %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<64x64xf32> {
  // expected-remark@+1 {{lowered densely: the computation is not a linalg op}}
  %r = spider.pit ins(%a, %b, %i : tensor<64x64xf32>, tensor<64x64xf32>, !spider.index<microtile = [32, 1], pack_dim = 1>)
         outs(%c : tensor<64x64xf32>)
         index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %j: !spider.index<microtile = [32, 1], pack_dim = 1>, %z: tensor<64x64xf32>):
    %inner = spider.pit ins(%x, %y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>)
        index(%j : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
    ^bb0(%p: tensor<64x64xf32>, %q: tensor<64x64xf32>, %o: tensor<64x64xf32>):
      %m = linalg.matmul ins(%p, %q : tensor<64x64xf32>, tensor<64x64xf32>) outs(%o : tensor<64x64xf32>) -> tensor<64x64xf32>
      spider.yield %m : tensor<64x64xf32>
    } -> tensor<64x64xf32>
    spider.yield %inner : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// -----

// An operand with a dimension of size 0: no work to skip and no group to
// slice (its slices would start out of bounds, which the verifier rejects).
func.func @empty_depth(%a: tensor<64x0xf32>, %b: tensor<0x64xf32>, %c: tensor<64x64xf32>,
                       %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<64x64xf32> {
  // expected-remark@+1 {{lowered densely: an operand has a dimension of size 0}}
  %r = spider.pit ins(%a, %b : tensor<64x0xf32>, tensor<0x64xf32>) outs(%c : tensor<64x64xf32>)
         index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x0xf32>, %y: tensor<0x64xf32>, %z: tensor<64x64xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<64x0xf32>, tensor<0x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %m : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}
