// Not a program.
func.func @main( {
