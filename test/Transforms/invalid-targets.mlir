// Unknown targets are reported, not silently replaced by the CPU.
// RUN: not spider-opt %s --spider-select-tiles=target=tpu 2>&1 | FileCheck %s --check-prefix=TILES
// RUN: not spider-opt %s --convert-spider-to-runtime=target=tpu 2>&1 | FileCheck %s --check-prefix=RUNTIME
// RUN: spider-opt %s --spider-select-tiles=target=sm_90 | FileCheck %s --check-prefix=SM90

// TILES: error: spider-select-tiles: no tile database for target 'tpu'; use cpu, gpu or an sm_ architecture
// RUNTIME: error: convert-spider-to-runtime: target must be cpu or gpu, not 'tpu'
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
