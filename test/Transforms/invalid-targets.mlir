// Unknown targets are reported, not silently replaced by the CPU: `target`
// is an enum option, so the option parser names the value and the option.
// RUN: not spider-opt %s --spider-select-tiles=target=tpu 2>&1 | FileCheck %s --check-prefix=TILES
// RUN: not spider-opt %s --convert-spider-to-runtime=target=tpu 2>&1 | FileCheck %s --check-prefix=RUNTIME
// RUN: spider-opt %s --spider-select-tiles=target=sm_90 | FileCheck %s --check-prefix=SM90
// The accepted spellings are listed in --help.
// RUN: spider-opt --help | FileCheck %s --check-prefix=HELP

// TILES: for the --target option: Cannot find option named 'tpu'!
// RUNTIME: for the --target option: Cannot find option named 'tpu'!
// HELP-DAG: =sm_90a
// HELP-DAG: =gpu
// SM90: compute_tile = [16, 8, 16]

func.func @f(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>, %i: !spider.index<microtile = [32, 1], pack_dim = 1>) -> tensor<64x64xf32> {
  %r = spider.pit ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>)
         index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<64x64xf32>, %y: tensor<64x64xf32>, %z: tensor<64x64xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
    spider.yield %m : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}
