// No @main: the entry comes from the RUN line below (as in upstream's
// integration tests), or from -e.
// RUN: mlir-runner -e entry -entry-point-result=void
func.func private @printMemrefI32(tensor<*xi32>)
func.func @entry() {
  %t = arith.constant dense<[4, 2]> : tensor<2xi32>
  %u = tensor.cast %t : tensor<2xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}
func.func @takes_arguments(%x: i32) {
  return
}
