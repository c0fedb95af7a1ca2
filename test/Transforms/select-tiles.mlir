// RUN: spider-opt %s -split-input-file --spider-select-tiles=cpu-isa=avx512 | FileCheck %s --enable-var-scope
// RUN: spider-opt %s -split-input-file --spider-select-tiles="cpu-isa=avx512 dense-fallback=false assumed-density=0.5" | FileCheck %s --check-prefix=NOFALLBACK
// RUN: spider-opt %s -split-input-file --spider-select-tiles=cpu-isa=avx2 | FileCheck %s --check-prefix=AVX2
// RUN: not spider-opt %s --spider-select-tiles=cpu-isa=neon 2>&1 | FileCheck %s --check-prefix=BADISA

// [32, 1] micro-tiles already give the kernel 32 rows: the cover stays, the
// compute tile is the register tile over (m, n, k), dense above 0.65.
// CHECK-LABEL: func.func @full_rows
// CHECK:         spider.pit {{.*}} index(%{{.*}} : !spider.index<microtile = [32, 1], pack_dim = 1>)
// CHECK-SAME:      attributes {dense_threshold = 6.500000e-01 : f64, tile_config = #spider.tile_config<microtile = [32, 1], compute_tile = [6, 64, 4]>}
// The tile database of the ISA: 4x32 register tiles with AVX2.
// AVX2-LABEL: func.func @full_rows
// AVX2:         compute_tile = [6, 16, 4]
// BADISA: for the --cpu-isa option: Cannot find option named 'neon'
// NOFALLBACK-LABEL: func.func @full_rows
// NOFALLBACK-NOT:   dense_threshold
func.func @full_rows(%a: tensor<128x256xf32, #spider.sparse<microtile = [32, 1]>>, %b: tensor<256x64xf32>,
                     %c: tensor<128x64xf32>) -> tensor<128x64xf32> {
  %i = spider.detect %a : tensor<128x256xf32, #spider.sparse<microtile = [32, 1]>> -> !spider.index<microtile = [32, 1], pack_dim = 1>
  %r = spider.pit ins(%a, %b : tensor<128x256xf32, #spider.sparse<microtile = [32, 1]>>, tensor<256x64xf32>)
                  outs(%c : tensor<128x64xf32>) index(%i : !spider.index<microtile = [32, 1], pack_dim = 1>)
                  sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<128x256xf32, #spider.sparse<microtile = [32, 1]>>, %y: tensor<256x64xf32>, %z: tensor<128x64xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<128x256xf32, #spider.sparse<microtile = [32, 1]>>, tensor<256x64xf32>)
                       outs(%z : tensor<128x64xf32>) -> tensor<128x64xf32>
    spider.yield %m : tensor<128x64xf32>
  } -> tensor<128x64xf32>
  return %r : tensor<128x64xf32>
}

// -----

// [1, 1] micro-tiles give it single rows, at 28% of its speed. At the
// assumed density of 10%, covering c rows multiplies the work by nearly c,
// more than the kernel gains: the cover stays.
// CHECK-LABEL: func.func @single_rows
// CHECK:         spider.pit {{.*}} index(%{{.*}} : !spider.index<microtile = [1, 1], pack_dim = 1>)
// CHECK-SAME:      tile_config = #spider.tile_config<microtile = [1, 1], compute_tile = [6, 64, 4]>
// At 50%, a cover of 32 rows costs barely more work and runs at full speed;
// the index is detected anew at that cover.
// NOFALLBACK-LABEL: func.func @single_rows
// NOFALLBACK:       %[[I:.*]] = spider.detect %{{.*}} -> !spider.index<microtile = [32, 1], pack_dim = 1>
// NOFALLBACK:       spider.pit {{.*}} index(%[[I]] : !spider.index<microtile = [32, 1], pack_dim = 1>)
func.func @single_rows(%a: tensor<128x256xf32, #spider.sparse<microtile = [1, 1]>>, %b: tensor<256x64xf32>,
                       %c: tensor<128x64xf32>) -> tensor<128x64xf32> {
  %i = spider.detect %a : tensor<128x256xf32, #spider.sparse<microtile = [1, 1]>> -> !spider.index<microtile = [1, 1], pack_dim = 1>
  %r = spider.pit ins(%a, %b : tensor<128x256xf32, #spider.sparse<microtile = [1, 1]>>, tensor<256x64xf32>)
                  outs(%c : tensor<128x64xf32>) index(%i : !spider.index<microtile = [1, 1], pack_dim = 1>)
                  sparse_operand = 0 pack_dim = 2 {
  ^bb0(%x: tensor<128x256xf32, #spider.sparse<microtile = [1, 1]>>, %y: tensor<256x64xf32>, %z: tensor<128x64xf32>):
    %m = linalg.matmul ins(%x, %y : tensor<128x256xf32, #spider.sparse<microtile = [1, 1]>>, tensor<256x64xf32>)
                       outs(%z : tensor<128x64xf32>) -> tensor<128x64xf32>
    spider.yield %m : tensor<128x64xf32>
  } -> tensor<128x64xf32>
  return %r : tensor<128x64xf32>
}

// -----

// A known index (from a graph) is kept as it is; an element-wise body gets
// the vector width along its innermost loop.
#id = affine_map<(i, j) -> (i, j)>
// CHECK-LABEL: func.func @known_index_elementwise
// CHECK:         spider.pit {{.*}} index(%{{.*}} : !spider.index<microtile = [1, 1], pack_dim = 1>)
// CHECK-SAME:      tile_config = #spider.tile_config<microtile = [1, 1], compute_tile = [1, 16]>
func.func @known_index_elementwise(%a: tensor<64x64xf32, #spider.sparse<microtile = [1, 1]>>, %c: tensor<64x64xf32>,
                                   %i: !spider.index<microtile = [1, 1], pack_dim = 1>) -> tensor<64x64xf32> {
  %r = spider.pit ins(%a : tensor<64x64xf32, #spider.sparse<microtile = [1, 1]>>) outs(%c : tensor<64x64xf32>)
                  index(%i : !spider.index<microtile = [1, 1], pack_dim = 1>) sparse_operand = 0 pack_dim = 1 {
  ^bb0(%x: tensor<64x64xf32, #spider.sparse<microtile = [1, 1]>>, %z: tensor<64x64xf32>):
    %g = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
        ins(%x : tensor<64x64xf32, #spider.sparse<microtile = [1, 1]>>) outs(%z : tensor<64x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %s = arith.addf %in, %out : f32
      linalg.yield %s : f32
    } -> tensor<64x64xf32>
    spider.yield %g : tensor<64x64xf32>
  } -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}
