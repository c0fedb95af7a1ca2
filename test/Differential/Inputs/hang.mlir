// A program that never ends: the checker stops it after --timeout seconds.
func.func private @usleep(i32) -> i32
func.func @main() {
  %true = arith.constant true
  %us = arith.constant 1000 : i32
  scf.while : () -> () {
    scf.condition(%true)
  } do {
    %r = func.call @usleep(%us) : (i32) -> i32
    scf.yield
  }
  return
}
