// Named linalg ops whose verifiers compare their operands' shapes dimension
// by dimension (linalg.reduce, linalg.map) on a spider.from_csr matrix:
// the group loop slices them static along one axis (a micro-tile) and
// dynamic along the other (the group's box), so spider-lower-pit-to-loops
// writes them as linalg.generic first. Found by trying Spider from outside
// ("init dimensions [-9223372036854775808] doesn't match", since fixed).
// A 5x6 CSR matrix with an empty row; row sums, column sums and sums of
// squares, against values worked out by hand.
// RUN: spider-opt %s --spider-cpu-pipeline | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s
// RUN: spider-opt %s --spider-cpu-pipeline=threads=2 | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s
// RUN: spider-opt %s --spider-decompose-aggregated-ops --spider-sparsify --spider-lower-pit-to-loops | FileCheck %s --check-prefix=LOOPS

// LOOPS-LABEL: func.func @row_sums
// LOOPS-NOT: linalg.reduce
// LOOPS: scf.for
// LOOPS: linalg.generic

// Rows: [1 0 2 0 0 0], [], [0 3 0 0 0 4], [0 0 0 5 0 0], [6 0 0 0 0 7]
// CHECK: ( 3, 0, 7, 5, 13 )
// CHECK: ( 7, 3, 2, 5, 0, 11 )
// CHECK: ( 5, 0, 25, 25, 85 )

#S = #spider.sparse<microtile = [1, 1]>

func.func @csr() -> tensor<5x6xf32, #S> {
  %o = arith.constant dense<[0, 2, 2, 4, 5, 7]> : tensor<6xi64>
  %c0 = arith.constant dense<[0, 2, 1, 5, 3, 0, 5]> : tensor<7xi64>
  %v0 = arith.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]> : tensor<7xf32>
  %c = tensor.cast %c0 : tensor<7xi64> to tensor<?xi64>
  %v = tensor.cast %v0 : tensor<7xf32> to tensor<?xf32>
  %n = arith.constant 6 : index
  %a = spider.from_csr %o, %c, %v, num_columns = %n : tensor<6xi64>, tensor<?xi64>, tensor<?xf32> -> tensor<5x6xf32, #S>
  return %a : tensor<5x6xf32, #S>
}

func.func @row_sums(%a: tensor<5x6xf32, #S>) -> tensor<5xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<5xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<5xf32>) -> tensor<5xf32>
  %r = linalg.reduce ins(%a : tensor<5x6xf32, #S>) outs(%z : tensor<5xf32>) dimensions = [1]
    (%x: f32, %acc: f32) {
      %s = arith.addf %x, %acc : f32
      linalg.yield %s : f32
    }
  return %r : tensor<5xf32>
}

func.func @column_sums(%a: tensor<5x6xf32, #S>) -> tensor<6xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<6xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<6xf32>) -> tensor<6xf32>
  %r = linalg.reduce ins(%a : tensor<5x6xf32, #S>) outs(%z : tensor<6xf32>) dimensions = [0]
    (%x: f32, %acc: f32) {
      %s = arith.addf %x, %acc : f32
      linalg.yield %s : f32
    }
  return %r : tensor<6xf32>
}

func.func @row_sums_of_squares(%a: tensor<5x6xf32, #S>) -> tensor<5xf32> {
  %zero = arith.constant 0.0 : f32
  %e2 = tensor.empty() : tensor<5x6xf32>
  %sq = linalg.map ins(%a, %a : tensor<5x6xf32, #S>, tensor<5x6xf32, #S>) outs(%e2 : tensor<5x6xf32>)
    (%x: f32, %y: f32, %o: f32) {
      %p = arith.mulf %x, %y : f32
      linalg.yield %p : f32
    }
  %e = tensor.empty() : tensor<5xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<5xf32>) -> tensor<5xf32>
  %r = linalg.reduce ins(%sq : tensor<5x6xf32>) outs(%z : tensor<5xf32>) dimensions = [1]
    (%x: f32, %acc: f32) {
      %s = arith.addf %x, %acc : f32
      linalg.yield %s : f32
    }
  return %r : tensor<5xf32>
}

func.func @main() {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  %a = func.call @csr() : () -> tensor<5x6xf32, #S>
  %r = func.call @row_sums(%a) : (tensor<5x6xf32, #S>) -> tensor<5xf32>
  %rv = vector.transfer_read %r[%c0], %pad : tensor<5xf32>, vector<5xf32>
  vector.print %rv : vector<5xf32>
  %cs = func.call @column_sums(%a) : (tensor<5x6xf32, #S>) -> tensor<6xf32>
  %cv = vector.transfer_read %cs[%c0], %pad : tensor<6xf32>, vector<6xf32>
  vector.print %cv : vector<6xf32>
  %q = func.call @row_sums_of_squares(%a) : (tensor<5x6xf32, #S>) -> tensor<5xf32>
  %qv = vector.transfer_read %q[%c0], %pad : tensor<5xf32>, vector<5xf32>
  vector.print %qv : vector<5xf32>
  return
}
