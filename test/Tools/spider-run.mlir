// spider-run compiles with spider-cpu-pipeline and runs in process.
// RUN: spider-run %s | FileCheck %s
// RUN: spider-run %s --profile | FileCheck %s --check-prefix=PROFILE
// Code for another ISA than the host's (AVX2 and SSE run on any x86-64
// machine this project uses): the same answer.
// RUN: spider-run %s --cpu-isa=avx2 --profile | FileCheck %s --check-prefix=AVX2
// RUN: spider-run %s --cpu-isa=sse | FileCheck %s
// RUN: not spider-run %s --cpu-isa=avx1 2>&1 | FileCheck %s --check-prefix=BADISA
// A tile database measured on the host, by option and by environment
// (for AVX2 code, which every machine of the project runs).
// RUN: spider-run %s --cpu-isa=avx2 --tile-database=%S/../Transforms/Inputs/tile-db-avx2.txt | FileCheck %s
// RUN: env SPIDER_TILE_DB=%S/../Transforms/Inputs/tile-db-avx2.txt spider-run %s --cpu-isa=avx2 | FileCheck %s
// RUN: not spider-run %s --cpu-isa=sse --tile-database=%S/../Transforms/Inputs/tile-db-avx2.txt 2>&1 | FileCheck %s --check-prefix=DBISA
// Threads: the option, the environment variable, a bad value.
// RUN: spider-run %s --cpu-threads=2 | FileCheck %s
// RUN: env SPIDER_NUM_THREADS=2 spider-run %s | FileCheck %s
// RUN: env SPIDER_NUM_THREADS=two not spider-run %s 2>&1 | FileCheck %s --check-prefix=BADTHREADS
// RUN: env SPIDER_NUM_THREADS=5000 not spider-run %s 2>&1 | FileCheck %s --check-prefix=BADTHREADS5000
// RUN: not spider-run %s --target=tpu 2>&1 | FileCheck %s --check-prefix=TARGET
// RUN: not spider-run %s -e nowhere 2>&1 | FileCheck %s --check-prefix=ENTRY
// RUN: not spider-run %s -e compute 2>&1 | FileCheck %s --check-prefix=SIGNATURE

// CHECK: check 0.25: max relative error 0 ok
// PROFILE: check 0.25: max relative error 0 ok
// PROFILE: spider profile: per spider.pit
// PROFILE: 0   linalg.matmul at spider-run.mlir:{{[0-9]+}}:{{[0-9]+}} 1 {{.*}} pit
// PROFILE: index construction: 1 calls
// PROFILE: cpu-isa: {{avx512|avx2|sse}} (host), host CPU {{.+}}, LLVM model {{skylake-avx512|haswell|generic}}
// AVX2: check 0.25: max relative error 0 ok
// AVX2: cpu-isa: avx2, host CPU {{.+}}, LLVM model haswell{{$}}
// BADISA: Cannot find option named 'avx1'
// DBISA: tile database '{{.*}}tile-db-avx2.txt' was measured for avx2, and the code is compiled for sse
// BADTHREADS: spider-run: error: SPIDER_NUM_THREADS=two is not a thread count (a number from 0, every core, to 4096)
// BADTHREADS5000: spider-run: error: SPIDER_NUM_THREADS=5000 is not a thread count
// TARGET: spider-run: error: --target=tpu is not a target: use cpu or gpu
// ENTRY: spider-run: error: no function @nowhere to run (choose one with -e)
// SIGNATURE: spider-run: error: @compute must take no arguments and return nothing

#S = #spider.sparse<microtile = [8, 1]>

func.func @compute(%a: tensor<64x64xf32>, %b: tensor<64x32xf32>, %c: tensor<64x32xf32>, %sparse: i1) -> tensor<64x32xf32> {
  %r = scf.if %sparse -> tensor<64x32xf32> {
    %as = spider.assume_sparse %a : tensor<64x64xf32> to tensor<64x64xf32, #S>
    %m = linalg.matmul ins(%as, %b : tensor<64x64xf32, #S>, tensor<64x32xf32>) outs(%c : tensor<64x32xf32>) -> tensor<64x32xf32>
    scf.yield %m : tensor<64x32xf32>
  } else {
    %m = linalg.matmul ins(%a, %b : tensor<64x64xf32>, tensor<64x32xf32>) outs(%c : tensor<64x32xf32>) -> tensor<64x32xf32>
    scf.yield %m : tensor<64x32xf32>
  }
  return %r : tensor<64x32xf32>
}

func.func private @spider_rt_fill_random_f32(memref<*xf32>, i64, f64, i64, i64, i64, i64) attributes {llvm.emit_c_interface}
func.func private @spider_rt_check_close_f32(memref<*xf32>, memref<*xf32>, f64, f64) -> i32 attributes {llvm.emit_c_interface}

func.func @main() {
  %density = arith.constant 0.25 : f64
  %full = arith.constant 1.0 : f64
  %tol = arith.constant 1.0e-5 : f64
  %i1 = arith.constant 1 : i64
  %i8 = arith.constant 8 : i64
  %am = memref.alloc() : memref<64x64xf32>
  %bm = memref.alloc() : memref<64x32xf32>
  %cm = memref.alloc() : memref<64x32xf32>
  %au = memref.cast %am : memref<64x64xf32> to memref<*xf32>
  %bu = memref.cast %bm : memref<64x32xf32> to memref<*xf32>
  %cu = memref.cast %cm : memref<64x32xf32> to memref<*xf32>
  func.call @spider_rt_fill_random_f32(%au, %i1, %density, %i8, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
  func.call @spider_rt_fill_random_f32(%bu, %i8, %full, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
  func.call @spider_rt_fill_random_f32(%cu, %i8, %full, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
  %a = bufferization.to_tensor %am restrict : memref<64x64xf32> to tensor<64x64xf32>
  %b = bufferization.to_tensor %bm restrict : memref<64x32xf32> to tensor<64x32xf32>
  %c = bufferization.to_tensor %cm restrict : memref<64x32xf32> to tensor<64x32xf32>
  %true = arith.constant true
  %false = arith.constant false
  %got = func.call @compute(%a, %b, %c, %true) : (tensor<64x64xf32>, tensor<64x32xf32>, tensor<64x32xf32>, i1) -> tensor<64x32xf32>
  %want = func.call @compute(%a, %b, %c, %false) : (tensor<64x64xf32>, tensor<64x32xf32>, tensor<64x32xf32>, i1) -> tensor<64x32xf32>
  %gm = bufferization.to_buffer %got read_only : tensor<64x32xf32> to memref<64x32xf32>
  %wm = bufferization.to_buffer %want read_only : tensor<64x32xf32> to memref<64x32xf32>
  %gu = memref.cast %gm : memref<64x32xf32> to memref<*xf32>
  %wu = memref.cast %wm : memref<64x32xf32> to memref<*xf32>
  %ok = func.call @spider_rt_check_close_f32(%gu, %wu, %tol, %density) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
  return
}
