// RUN: spider-opt %s -split-input-file --convert-spider-to-runtime -verify-diagnostics

// Every reason convert-spider-to-runtime fails. An unknown `target` is an
// error of the option's parser, before the pass runs
// (test/Transforms/invalid-targets.mlir). Not reachable, so not tested: the
// pass also fails (with no diagnostic) when folding spider.index_arrays of
// constant indices does not converge, which its one folding pattern, erasing
// the op it matches, cannot cause.

func.func @escapes(%a: tensor<8x8xf32>) -> !spider.index<microtile = [1, 1], pack_dim = 1> {
  // expected-error@+1 {{convert-spider-to-runtime cannot lower this index: it is used by 'func.return'; indices may only feed spider.pit (and spider.index_arrays, spider.index_nonzeros)}}
  %i = spider.detect %a : tensor<8x8xf32> -> !spider.index<microtile = [1, 1], pack_dim = 1>
  // expected-note@+1 {{used here}}
  return %i : !spider.index<microtile = [1, 1], pack_dim = 1>
}

// -----

func.func private @sink(tensor<?xindex>)

func.func @other_block(%a: tensor<8x8xf32>, %flag: i1) {
  // expected-error@+1 {{convert-spider-to-runtime needs an index to be used in the block that builds it}}
  %i = spider.detect %a : tensor<8x8xf32> -> !spider.index<microtile = [1, 1], pack_dim = 1>
  cf.cond_br %flag, ^use, ^done
^use:
  %o, %p = spider.index_arrays %i : !spider.index<microtile = [1, 1], pack_dim = 1>
  func.call @sink(%p) : (tensor<?xindex>) -> ()
  cf.br ^done
^done:
  return
}

// -----

func.func @rank5(%a: tensor<2x2x2x2x2xf32>) -> tensor<?xindex> {
  // expected-error@+1 {{convert-spider-to-runtime detects indices of tensors of rank 1 to 4}}
  %i = spider.detect %a : tensor<2x2x2x2x2xf32> -> !spider.index<microtile = [1, 1, 1, 1, 1], pack_dim = 1>
  %o, %p = spider.index_arrays %i : !spider.index<microtile = [1, 1, 1, 1, 1], pack_dim = 1>
  return %p : tensor<?xindex>
}

// -----

func.func @constant_elsewhere() -> !spider.index<microtile = [1, 1], pack_dim = 1> {
  // expected-error@+1 {{convert-spider-to-runtime reads constant indices only through spider.index_arrays}}
  %i = spider.index_constant <grid = [2, 4], offsets = [0, 1, 1], positions = [2]> : !spider.index<microtile = [1, 1], pack_dim = 1>
  return %i : !spider.index<microtile = [1, 1], pack_dim = 1>
}

// -----

func.func @f16_buffer(%a: memref<8x8xf16>) -> index {
  // expected-error@+1 {{convert-spider-to-runtime reads buffers of f32, f64, i32 or i64 here, not 'memref<8x8xf16>'; cast before bufferization}}
  %i = spider.detect %a : memref<8x8xf16> -> !spider.index<microtile = [1, 1], pack_dim = 1>
  %n = spider.index_nonzeros %i : !spider.index<microtile = [1, 1], pack_dim = 1>
  return %n : index
}

// -----

// spider.route and spider.index_from_csr read their buffers as i64.
func.func @i32_route_buffer(%ids: memref<16xi32>) -> index {
  // expected-error@+1 {{convert-spider-to-runtime reads buffers of i64 here, not 'memref<16xi32>'; cast before bufferization}}
  %i = spider.route %ids to 4 experts : memref<16xi32> -> !spider.index<microtile = [1, 1], pack_dim = 0>
  %n = spider.index_nonzeros %i : !spider.index<microtile = [1, 1], pack_dim = 0>
  return %n : index
}

// -----

func.func @index_csr_buffer(%o: memref<9xi64>, %c: memref<?xindex>, %n: index) -> index {
  // expected-error@+1 {{convert-spider-to-runtime reads buffers of i64 here, not 'memref<?xindex>'; cast before bufferization}}
  %i = spider.index_from_csr %o, %c, num_columns = %n : memref<9xi64>, memref<?xindex> -> !spider.index<microtile = [1, 1], pack_dim = 1>
  %k = spider.index_nonzeros %i : !spider.index<microtile = [1, 1], pack_dim = 1>
  return %k : index
}

// -----

// An index that arrives as a function argument: nothing in the module
// builds it (this used to fail later, in bufferization, with "op was not
// bufferized").
// expected-note@+1 {{the argument's owner}}
func.func @index_argument(%i: !spider.index<microtile = [1, 1], pack_dim = 1>) -> index {
  // expected-error@+1 {{convert-spider-to-runtime cannot lower this: its index is argument #0 of 'func.func'; build the index (spider.detect, spider.route, spider.index_from_csr, spider.index_constant) in the function that uses it}}
  %n = spider.index_nonzeros %i : !spider.index<microtile = [1, 1], pack_dim = 1>
  return %n : index
}

// -----

// A spider.pit left in the module: it is lowered first, into what reads
// the index.
func.func @pit_not_lowered(%a: tensor<32x64xf32>, %b: tensor<64x16xf32>, %o: tensor<32x16xf32>) -> tensor<32x16xf32> {
  // expected-error@+1 {{convert-spider-to-runtime cannot lower this index: it is used by a spider.pit that is not lowered yet (run spider-lower-pit-to-loops or spider-lower-pit-to-gpu first)}}
  %i = spider.detect %a : tensor<32x64xf32> -> !spider.index<microtile = [1, 4], pack_dim = 0>
  // expected-note@+1 {{used here}}
  %p = spider.pit ins(%a, %b : tensor<32x64xf32>, tensor<64x16xf32>) outs(%o : tensor<32x16xf32>)
         index(%i : !spider.index<microtile = [1, 4], pack_dim = 0>) sparse_operand = 0 pack_dim = 0 {
  ^bb0(%x: tensor<32x64xf32>, %y: tensor<64x16xf32>, %z: tensor<32x16xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<32x64xf32>, tensor<64x16xf32>) outs(%z : tensor<32x16xf32>) -> tensor<32x16xf32>
    spider.yield %m : tensor<32x16xf32>
  } -> tensor<32x16xf32>
  return %p : tensor<32x16xf32>
}
