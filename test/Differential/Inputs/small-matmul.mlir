// A small unmarked matmul for mark-each: two inputs, each of rank 2.
func.func private @printMemrefF32(tensor<*xf32>)
func.func @main() {
  %a = arith.constant dense<[[1.0, 2.0, 0.0, 0.0, 3.0], [0.0, 0.0, 0.0, 0.0, 0.0], [4.0, 0.0, 5.0, 6.0, 0.0]]> : tensor<3x5xf32>
  %b = arith.constant dense<[[1.0, 0.5], [0.0, 2.0], [1.5, 0.0], [0.0, 0.0], [2.5, -1.0]]> : tensor<5x2xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3x2xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<3x2xf32>) -> tensor<3x2xf32>
  %r = linalg.matmul ins(%a, %b : tensor<3x5xf32>, tensor<5x2xf32>) outs(%c : tensor<3x2xf32>) -> tensor<3x2xf32>
  %u = tensor.cast %r : tensor<3x2xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
