// A function whose name holds a '.', as upstream's test functions do
// (@tensor.generate): its launch is outlined into a kernel named after it.
func.func @my.func(%a: tensor<64xf32>) -> tensor<64xf32> {
  %e = tensor.empty() : tensor<64xf32>
  %r = linalg.exp ins(%a : tensor<64xf32>) outs(%e : tensor<64xf32>) -> tensor<64xf32>
  return %r : tensor<64xf32>
}
