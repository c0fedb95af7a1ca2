// RUN: spider-opt %s --spider-sparsify --spider-select-tiles --spider-lower-pit-to-loops -o /dev/null 2>&1 | FileCheck %s --allow-empty
// RUN: spider-opt %s --spider-sparsify --spider-select-tiles | FileCheck %s --check-prefix=TILES

// Found by the fuzzer (signed overflow in the cost model, reported by
// UBSan; since fixed): a micro-tile far past the tensor's extent is user
// input. The rows a group covers are the extent, and the cover search stops
// where sizes would overflow.
// CHECK-NOT: error
// TILES: spider.pit
// TILES-SAME: tile_config = #spider.tile_config<microtile = [9223372036854775807, 4]
#S = #spider.sparse<microtile = [9223372036854775807, 4]>
func.func @huge(%x: tensor<8x11xf32>, %o: tensor<8xf32>) -> tensor<8xf32> {
  %s = spider.assume_sparse %x : tensor<8x11xf32> to tensor<8x11xf32, #S>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>],
                       iterator_types = ["parallel", "reduction"]}
      ins(%s : tensor<8x11xf32, #S>) outs(%o : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %a = arith.addf %out, %in : f32
    linalg.yield %a : f32
  } -> tensor<8xf32>
  return %r : tensor<8xf32>
}
