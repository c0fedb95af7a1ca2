// RUN: spider-opt %s -split-input-file -verify-diagnostics

// Diagnostics of spider.pit: its operands, attributes and body.

!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @sparse_operand_range(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{sparse_operand 2 is out of range for 2 inputs}}
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
                  index(%i : !I) sparse_operand = 2 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %m : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return
}

// -----

!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @sparse_scalar(%s: f32, %c: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{sparse operand #0 must be a ranked tensor, not 'f32'}}
  %r = spider.pit ins(%s : f32) outs(%c : tensor<64x64xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 0 {
  ^bb0(%x: f32, %z: tensor<64x64xf32>):
    %m = linalg.fill ins(%x : f32) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %m : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return
}

// -----

!I = !spider.index<microtile = [32, 1, 1], pack_dim = 1>
func.func @index_rank(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{index of rank 3 cannot describe the sparse operand of rank 2}}
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %m : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return
}

// -----

!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @result_type(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{result #0 has type 'tensor<64x64xf16>' but its output has type 'tensor<64x64xf32>'}}
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %m : tensor<64x64xf32>
  } -> tensor<64x64xf16>
  return
}

// -----

!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @tile_config(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{tile_config micro-tile [32, 32] differs from the index micro-tile [32, 1]}}
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 2
                  attributes {tile_config = #spider.tile_config<microtile = [32, 32], compute_tile = [64, 64, 64]>} {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %m : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return
}

// -----

!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @body_arguments(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{body must have one argument per input and output (3), got 2}}
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>):
    spider.yield %y : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return
}

// -----

!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @body_argument_type(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{body argument #1 has type 'tensor<64x32xf32>' but its operand has type 'tensor<64x64xf32>'}}
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x32xf32>, %z: tensor<64x64xf32>):
    spider.yield %z : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return
}

// -----

!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @yield_types(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{body yields 0 values whose types differ from the results}}
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    spider.yield
  } -> tensor<64x64xf32>
  return
}

// -----

!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @no_computation(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{body must hold a computation before spider.yield}}
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    spider.yield %z : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return
}

// -----

!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @pack_dim_range(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{pack_dim 3 is out of range for 'linalg.matmul' with 3 loops}}
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 3 {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %m : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return
}

// -----

!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @unused_sparse(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{the computation does not use the sparse operand}}
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %m = linalg.matmul ins(%y, %y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %m : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return
}

// -----

// One block argument read by both operands (A·A): the index describes one
// of them, so each needs its own block argument.
!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @sparse_read_twice(%a: tensor<64x64xf32>, %c: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{the sparse operand is read by operands #0 and #1 of the computation; give each its own block argument (only one of them is the sparse operand)}}
  %r = spider.pit ins(%a : tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %m = linalg.matmul ins(%x, %x : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %m : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return
}

// -----

// The index packs A's columns (k), but pack_dim names m.
!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @pack_axis_mismatch(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{the sparse operand's dimension 1 (the index pack_dim) is indexed by 'd2', not by loop dimension d0}}
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 0 {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %m : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return
}

// -----

// A running difference is not permutation invariant along its reduction.
!I = !spider.index<microtile = [1, 1], pack_dim = 1>
#id = affine_map<(i, j) -> (i, j)>
#row = affine_map<(i, j) -> (i)>
func.func @not_invariant(%a: tensor<8x8xf32>, %c: tensor<8xf32>, %i: !I) {
  // expected-error@+1 {{the computation is not permutation invariant along pack_dim d1: d1 reduces result #0 is not combined with a commutative, associative operation}}
  %r = spider.pit ins(%a : tensor<8x8xf32>) outs(%c : tensor<8xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 1 {
  ^bb0(%x: tensor<8x8xf32>, %z: tensor<8xf32>):
    %g = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]}
        ins(%x : tensor<8x8xf32>) outs(%z : tensor<8xf32>) {
    ^bb0(%in: f32, %acc: f32):
      %d = arith.subf %acc, %in : f32
      linalg.yield %d : f32
    } -> tensor<8xf32>
    spider.yield %g : tensor<8xf32>
  } -> tensor<8xf32>
  return
}

// -----

!I = !spider.index<microtile = [1, 1], pack_dim = 0>
func.func @not_an_interface(%a: tensor<8x8xf32>, %c: tensor<8x8xf32>, %i: !I) {
  // expected-error@+1 {{the computation 'tensor.insert_slice' does not implement PermutationInvariantOpInterface}}
  %r = spider.pit ins(%a : tensor<8x8xf32>) outs(%c : tensor<8x8xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 0 {
  ^bb0(%x: tensor<8x8xf32>, %z: tensor<8x8xf32>):
    %s = tensor.insert_slice %x into %z[0, 0] [8, 8] [1, 1] : tensor<8x8xf32> into tensor<8x8xf32>
    spider.yield %s : tensor<8x8xf32>
  } -> tensor<8x8xf32>
  return
}

// -----

func.func @yield_outside() {
  // expected-error@+1 {{'spider.yield' op expects parent op 'spider.pit'}}
  spider.yield
}

// -----

!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @two_computations(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{the init of chained computation #1 must be a spider.pit output or built in the body (tensor.empty, or linalg.fill of a scalar into one)}}
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    %n = linalg.matmul ins(%x, %y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%m : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %n : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return
}

// -----

!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @dense_threshold(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{dense_threshold must lie in [0, 1]}}
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 2 attributes {dense_threshold = 1.5 : f64} {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %m : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return
}

// -----

!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @compute_tile_loops(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{tile_config compute tile [4, 64] has 2 sizes but 'linalg.matmul' has 3 loops}}
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 2
                  attributes {tile_config = #spider.tile_config<microtile = [32, 1], compute_tile = [4, 64]>} {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %m : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return
}

// -----

// Upstream builds the body of a named op at an unknown location; inside a
// spider.pit, an error there points at the named op (it used to point at
// <unknown>:0).
!I = !spider.index<microtile = [4, 1], pack_dim = 1>
func.func @body_location(%a: tensor<8x8xf16>, %c: tensor<8x8xf32>, %i: !I) -> tensor<8x8xf32> {
  %r = spider.pit ins(%a : tensor<8x8xf16>) outs(%c : tensor<8x8xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 1 {
  ^bb0(%x: tensor<8x8xf16>, %z: tensor<8x8xf32>):
    // expected-error@+1 {{'linalg.yield' op type of yield operand 1 ('f16') doesn't match the element type of the enclosing linalg.generic op ('f32')}}
    %m = linalg.exp ins(%x : tensor<8x8xf16>) outs(%z : tensor<8x8xf32>) -> tensor<8x8xf32>
    spider.yield %m : tensor<8x8xf32>
  } -> tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}

// -----

// A chain yields only what a computation that reads the sparse operand
// computes: the ReLU's result is not one.
#id = affine_map<(i, j) -> (i, j)>
!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @chain_yields_elementwise(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{a chain yields results of computations that read the sparse operand, or a result that is constant outside its active micro-tiles, only}}
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    %e = tensor.empty() : tensor<64x64xf32>
    %n = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%m : tensor<64x64xf32>) outs(%e : tensor<64x64xf32>) {
    ^bb0(%p: f32, %q: f32):
      %zero = arith.constant 0.0 : f32
      %s = arith.maximumf %p, %zero : f32
      linalg.yield %s : f32
    } -> tensor<64x64xf32>
    spider.yield %n : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return
}

// -----

// Every result of a chained computation is used or yielded.
!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @chain_unused_result(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{chained computation 'linalg.matmul' has a result that is neither used nor yielded}}
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %e = tensor.empty() : tensor<64x64xf32>
    %m = linalg.matmul ins(%x, %y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
    %n = linalg.matmul ins(%x, %y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %n : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return
}

// -----

// A chained computation reads the sparse operand once.
!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @chain_reads_sparse_twice(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{chained computation #1 reads the sparse operand 2 times; give each read its own block argument}}
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %e = tensor.empty() : tensor<64x64xf32>
    %m = linalg.matmul ins(%x, %y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
    %n = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
        ins(%x, %x, %m : tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) {
    ^bb0(%p: f32, %q: f32, %s: f32, %o: f32):
      %t = arith.mulf %p, %q : f32
      %u = arith.addf %t, %s : f32
      linalg.yield %u : f32
    } -> tensor<64x64xf32>
    spider.yield %n : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return
}

// -----

// A chained computation is a linalg op.
!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @chain_not_linalg(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{chained computation #1 ('tensor.cast') must be a linalg op on tensors}}
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
                  index(%i : !I) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    %n = tensor.cast %m : tensor<64x64xf32> to tensor<64x64xf32>
    spider.yield %n : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return
}
