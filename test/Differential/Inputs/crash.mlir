// A program that aborts: the checker reports it and goes on.
func.func private @abort()
func.func @main() {
  call @abort() : () -> ()
  return
}
