// spider-select-tiles with a tile database measured on the host
// (bench/spider-tune.sh writes it): its threshold and efficiency table
// replace the built-in ones of the ISA; a file for another ISA, or a
// malformed one, is an error that names the file and the line.
// RUN: spider-opt %s --spider-select-tiles="cpu-isa=avx512 tile-database=%S/Inputs/tile-db-avx512.txt" | FileCheck %s
// RUN: spider-opt %s --spider-select-tiles="cpu-isa=avx2 tile-database=%S/Inputs/tile-db-avx2.txt" | FileCheck %s --check-prefix=AVX2
// RUN: not spider-opt %s --spider-select-tiles="cpu-isa=avx2 tile-database=%S/Inputs/tile-db-avx512.txt" 2>&1 | FileCheck %s --check-prefix=ISA
// RUN: not spider-opt %s --spider-select-tiles="tile-database=%t.missing" 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not spider-opt %s --spider-select-tiles="target=gpu tile-database=%S/Inputs/tile-db-avx2.txt" 2>&1 | FileCheck %s --check-prefix=GPU
// RUN: printf 'isa avx2\nefficiency 1:0.5\ndense_threshold 1.5\n' > %t.threshold
// RUN: not spider-opt %s --spider-select-tiles="cpu-isa=avx2 tile-database=%t.threshold" 2>&1 | FileCheck %s --check-prefix=THRESHOLD
// RUN: printf 'isa avx2\nefficiency 8:0.5 4:0.9\ndense_threshold 0.5\n' > %t.order
// RUN: not spider-opt %s --spider-select-tiles="cpu-isa=avx2 tile-database=%t.order" 2>&1 | FileCheck %s --check-prefix=ORDER
// RUN: printf 'isa avx2\nefficiency 1:2.0\ndense_threshold 0.5\n' > %t.pair
// RUN: not spider-opt %s --spider-select-tiles="cpu-isa=avx2 tile-database=%t.pair" 2>&1 | FileCheck %s --check-prefix=PAIR
// RUN: printf 'isa avx2\n\nregister_tile 4 32 4\n' > %t.unknown
// RUN: not spider-opt %s --spider-select-tiles="cpu-isa=avx2 tile-database=%t.unknown" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: printf 'isa host\n' > %t.host
// RUN: not spider-opt %s --spider-select-tiles="cpu-isa=avx2 tile-database=%t.host" 2>&1 | FileCheck %s --check-prefix=HOST
// RUN: printf '# nothing\nisa avx2\n' > %t.incomplete
// RUN: not spider-opt %s --spider-select-tiles="cpu-isa=avx2 tile-database=%t.incomplete" 2>&1 | FileCheck %s --check-prefix=INCOMPLETE

// CHECK-LABEL: func.func @full_rows
// CHECK:         dense_threshold = 8.000000e-01 : f64
// AVX2-LABEL: func.func @full_rows
// AVX2:         dense_threshold = 3.000000e-01 : f64{{.*}}compute_tile = [6, 16, 4]
// ISA: error: spider-select-tiles: tile database '{{.*}}tile-db-avx512.txt' was measured for avx512, and the code is compiled for avx2
// MISSING: error: spider-select-tiles: tile database '{{.*}}.missing' cannot be read: {{.*}}
// GPU: error: spider-select-tiles: a tile database file is for target=cpu; the GPU has its built-in one
// THRESHOLD: error: spider-select-tiles: tile database '{{.*}}.threshold', line 3: 'dense_threshold' takes a density in [0, 1]
// ORDER: error: spider-select-tiles: tile database '{{.*}}.order', line 2: 'efficiency' rows must ascend
// PAIR: error: spider-select-tiles: tile database '{{.*}}.pair', line 2: '1:2.0' is not rows:efficiency with rows >= 1 and an efficiency in (0, 1]
// UNKNOWN: error: spider-select-tiles: tile database '{{.*}}.unknown', line 3: unknown entry 'register_tile' (isa, threads, efficiency, dense_threshold)
// HOST: error: spider-select-tiles: tile database '{{.*}}.host', line 1: 'isa' takes one of avx512, avx2, sse
// INCOMPLETE: error: spider-select-tiles: tile database '{{.*}}.incomplete': needs 'isa', 'efficiency' and 'dense_threshold'
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
