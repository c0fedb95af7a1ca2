// RUN: spider-opt %s -split-input-file -verify-diagnostics --spider-select-tiles

// Every reason spider-select-tiles leaves a spider.pit without a tile
// configuration, each with its remark.
//
// An unknown `target` is an error of the option's parser (it lists the
// targets it accepts), before the pass runs: invalid-targets.mlir.

// A spider.pit whose computation is another spider.pit (which the verifier
// allows: spider.pit is permutation invariant along its computation's
// invariant dims). The inner spider.pit gets its tiles; the outer one has no
// linalg op to choose them for.
func.func @nested_pit(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>,
                      %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<64x64xf32> {
  // expected-remark@+1 {{no tile config chosen: the computation 'spider.pit' is not a linalg op}}
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
