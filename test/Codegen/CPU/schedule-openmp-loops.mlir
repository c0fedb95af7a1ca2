// RUN: spider-opt %s --split-input-file --pass-pipeline="builtin.module(func.func(spider-schedule-openmp-loops))" | FileCheck %s

// A work-shared loop without a schedule hands out its iterations in
// chunks of max(1, iterations / 256); a loop with a schedule keeps it.
// CHECK-LABEL: func.func @schedules
// CHECK-SAME:    (%[[N:[^:]*]]: index
// CHECK:         omp.parallel
// CHECK:           %[[EXTENT:.*]] = arith.subi %[[N]], %{{.*}} : index
// CHECK:           %[[COUNT:.*]] = arith.ceildivsi %[[EXTENT]], %{{.*}} : index
// CHECK:           %[[POSITIVE:.*]] = arith.maxsi %[[COUNT]], %{{.*}} : index
// CHECK:           %[[TOTAL:.*]] = arith.index_cast %[[POSITIVE]] : index to i64
// CHECK:           %[[HANDOUTS:.*]] = arith.constant 256 : i64
// CHECK:           %[[ONE:.*]] = arith.constant 1 : i64
// CHECK:           %[[PER:.*]] = arith.divsi %[[TOTAL]], %[[HANDOUTS]] : i64
// CHECK:           %[[CHUNK:.*]] = arith.maxsi %[[PER]], %[[ONE]] : i64
// CHECK:           omp.wsloop schedule(dynamic = %[[CHUNK]] : i64) {
// CHECK:           omp.wsloop schedule(static) {
func.func @schedules(%n: index, %m: memref<?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %f = arith.constant 1.0 : f32
  omp.parallel {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%c0) to (%n) step (%c1) {
        memref.store %f, %m[%i] : memref<?xf32>
        omp.yield
      }
    }
    omp.wsloop schedule(static) {
      omp.loop_nest (%i) : index = (%c0) to (%n) step (%c1) {
        memref.store %f, %m[%i] : memref<?xf32>
        omp.yield
      }
    }
    omp.terminator
  }
  return
}
