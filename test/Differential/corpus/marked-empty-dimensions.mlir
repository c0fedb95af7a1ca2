// Marked matmuls over a dimension of size 0 (no depth, no rows, no
// columns) and an unmarked one, on C filled with 1.5: each leaves C as it
// is. Found by trying Spider from outside (since fixed): spider-lower-pit-to-loops
// sliced groups out of an empty dimension (invalid IR), and
// spider-tile-and-vectorize crashed in upstream's tiling on an op with a
// loop of no iterations.
// RUN: %spider_diff_corpus %s

func.func private @printMemrefF32(tensor<*xf32>) attributes {llvm.emit_c_interface}

func.func @main() {
  %i0 = arith.constant 0 : index
  %i1 = arith.constant 1 : index
  %v = arith.constant 1.5 : f32
  %w = arith.constant 0.25 : f32
  // No depth: A is 5x0, marked in [8, 1] micro-tiles.
  %a0_e = tensor.empty() : tensor<5x0xf32>
  %a0 = linalg.fill ins(%w : f32) outs(%a0_e : tensor<5x0xf32>) -> tensor<5x0xf32>
  %b0_e = tensor.empty() : tensor<0x7xf32>
  %b0 = linalg.fill ins(%w : f32) outs(%b0_e : tensor<0x7xf32>) -> tensor<0x7xf32>
  %c0_e = tensor.empty() : tensor<5x7xf32>
  %c0 = linalg.fill ins(%v : f32) outs(%c0_e : tensor<5x7xf32>) -> tensor<5x7xf32>
  %a0s = spider.assume_sparse %a0 : tensor<5x0xf32> to tensor<5x0xf32, #spider.sparse<microtile = [8, 1]>>
  %r0 = linalg.matmul ins(%a0s, %b0 : tensor<5x0xf32, #spider.sparse<microtile = [8, 1]>>, tensor<0x7xf32>) outs(%c0 : tensor<5x7xf32>) -> tensor<5x7xf32>
  // No rows: A is 0x6, marked in [1, 4].
  %a1_e = tensor.empty() : tensor<0x6xf32>
  %a1 = linalg.fill ins(%w : f32) outs(%a1_e : tensor<0x6xf32>) -> tensor<0x6xf32>
  %b1_e = tensor.empty() : tensor<6x7xf32>
  %b1 = linalg.fill ins(%w : f32) outs(%b1_e : tensor<6x7xf32>) -> tensor<6x7xf32>
  %c1_e = tensor.empty() : tensor<0x7xf32>
  %c1 = linalg.fill ins(%v : f32) outs(%c1_e : tensor<0x7xf32>) -> tensor<0x7xf32>
  %a1s = spider.assume_sparse %a1 : tensor<0x6xf32> to tensor<0x6xf32, #spider.sparse<microtile = [1, 4]>>
  %r1 = linalg.matmul ins(%a1s, %b1 : tensor<0x6xf32, #spider.sparse<microtile = [1, 4]>>, tensor<6x7xf32>) outs(%c1 : tensor<0x7xf32>) -> tensor<0x7xf32>
  // No columns, unmarked: A 5x6, B 6x0.
  %a2_e = tensor.empty() : tensor<5x6xf32>
  %a2 = linalg.fill ins(%w : f32) outs(%a2_e : tensor<5x6xf32>) -> tensor<5x6xf32>
  %b2_e = tensor.empty() : tensor<6x0xf32>
  %b2 = linalg.fill ins(%w : f32) outs(%b2_e : tensor<6x0xf32>) -> tensor<6x0xf32>
  %c2_e = tensor.empty() : tensor<5x0xf32>
  %c2 = linalg.fill ins(%v : f32) outs(%c2_e : tensor<5x0xf32>) -> tensor<5x0xf32>
  %r2 = linalg.matmul ins(%a2, %b2 : tensor<5x6xf32>, tensor<6x0xf32>) outs(%c2 : tensor<5x0xf32>) -> tensor<5x0xf32>
  // And a marked operand that is not empty beside it, so that something is
  // computed: C + A B with A 5x6 in [1, 2].
  %a3s = spider.assume_sparse %a2 : tensor<5x6xf32> to tensor<5x6xf32, #spider.sparse<microtile = [1, 2]>>
  %r3 = linalg.matmul ins(%a3s, %b1 : tensor<5x6xf32, #spider.sparse<microtile = [1, 2]>>, tensor<6x7xf32>) outs(%c0 : tensor<5x7xf32>) -> tensor<5x7xf32>
  %r0_u = tensor.cast %r0 : tensor<5x7xf32> to tensor<*xf32>
  call @printMemrefF32(%r0_u) : (tensor<*xf32>) -> ()
  // The empty results are computed but not printed: printMemref prints an
  // element of an empty memref, whatever lies there.
  %n1 = tensor.dim %r1, %i0 : tensor<0x7xf32>
  %n2 = tensor.dim %r2, %i1 : tensor<5x0xf32>
  vector.print %n1 : index
  vector.print %n2 : index
  %r3_u = tensor.cast %r3 : tensor<5x7xf32> to tensor<*xf32>
  call @printMemrefF32(%r3_u) : (tensor<*xf32>) -> ()
  return
}
