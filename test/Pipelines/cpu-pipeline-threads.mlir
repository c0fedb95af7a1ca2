// spider-cpu-pipeline's threads option: the n blocks of a contraction run
// on OpenMP threads (omp.parallel around a work-shared loop, no alloca
// scope left); with one thread, as loops, with no OpenMP at all.
// RUN: spider-opt %s --spider-cpu-pipeline=threads=2 | FileCheck %s
// RUN: spider-opt %s --spider-cpu-pipeline=threads=0 | FileCheck %s --check-prefix=ANY
// RUN: spider-opt %s --spider-cpu-pipeline | FileCheck %s --check-prefix=SERIAL
// RUN: not spider-opt %s --spider-cpu-pipeline=threads=-1 2>&1 | FileCheck %s --check-prefix=NEGATIVE

// CHECK-LABEL: llvm.func @compute
// CHECK:         omp.parallel num_threads
// CHECK:           omp.wsloop
// CHECK-NOT:     memref.alloca_scope
// ANY-LABEL: llvm.func @compute
// ANY:         omp.parallel {
// SERIAL-LABEL: llvm.func @compute
// SERIAL-NOT:   omp.
// NEGATIVE: '-1' value invalid for uint argument

func.func @compute(%a: tensor<100x256xf32>, %b: tensor<256x1024xf32>, %c: tensor<100x1024xf32>) -> tensor<100x1024xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<100x256xf32>, tensor<256x1024xf32>) outs(%c : tensor<100x1024xf32>) -> tensor<100x1024xf32>
  return %r : tensor<100x1024xf32>
}

// A PIT whose groups write their own rows of C: the group loop is the one
// parallel loop (the packed matmul inside blocks in order), its groups are
// handed out in chunks, and the index is built on the same threads.
// The dense fallback's blocks are parallel too. One thread: no OpenMP.
// CHECK-LABEL: llvm.func @pit
// CHECK:         %[[THREADS:.*]] = llvm.mlir.constant(2 : i64) : i64
// CHECK:         llvm.call @spider_rt_detect_f32({{.*}}, %[[THREADS]])
// CHECK:         omp.parallel num_threads
// CHECK:           omp.wsloop schedule(dynamic = %{{.*}} : i64)
// CHECK-NOT:       omp.parallel
// CHECK:           omp.terminator
// CHECK:         omp.parallel num_threads
// CHECK:           omp.wsloop schedule(dynamic = %{{.*}} : i64)
// CHECK-NOT:       omp.parallel
// CHECK:           omp.terminator
// CHECK-NOT:     omp.parallel
// CHECK:         llvm.return
// SERIAL-LABEL: llvm.func @pit
// SERIAL-NOT:   omp.
// SERIAL:       llvm.return
func.func @pit(%a: tensor<256x512xf32>, %b: tensor<512x1024xf32>, %c: tensor<256x1024xf32>) -> tensor<256x1024xf32> {
  %as = spider.assume_sparse %a : tensor<256x512xf32> to tensor<256x512xf32, #spider.sparse<microtile = [32, 1]>>
  %r = linalg.matmul ins(%as, %b : tensor<256x512xf32, #spider.sparse<microtile = [32, 1]>>, tensor<512x1024xf32>) outs(%c : tensor<256x1024xf32>) -> tensor<256x1024xf32>
  return %r : tensor<256x1024xf32>
}
