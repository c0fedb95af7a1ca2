// RUN: spider-opt %s --no-implicit-module -verify-diagnostics --spider-lower-pit-to-loops=profile

// The profile names its records in an attribute of the enclosing module: a
// spider.pit outside any module (here the top-level op is the function) is
// an error.

func.func @no_module(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>,
                     %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<64x64xf32> {
  // expected-error@+1 {{profiling needs spider.pit inside a module}}
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
         index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %m : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}
