// Bad run-time input stops the program with a message that names the op and
// the problem, and a non-zero exit: never a silently wrong result.
// RUN: not spider-run %s -e bad_route 2>&1 | FileCheck %s --check-prefix=ROUTE
// RUN: not spider-run %s -e bad_csr 2>&1 | FileCheck %s --check-prefix=CSR
// RUN: not spider-run %s -e short_csr 2>&1 | FileCheck %s --check-prefix=SHORT
// RUN: not spider-run %s -e unsorted_from_csr 2>&1 | FileCheck %s --check-prefix=UNSORTED
// RUN: spider-run %s -e good 2>&1 | FileCheck %s --check-prefix=GOOD

// ROUTE: spider: error: spider.route: expert id 7 of token 2 is out of range [0, 4)
// CSR: spider: error: spider.index_from_csr: row offsets decrease at row 1 (3 > 2)
// SHORT: spider: error: spider.index_from_csr: row offsets end at 3 but there are 4 column entries
// UNSORTED: spider: error: spider.from_csr: the columns of row 0 do not strictly increase (2 then 1): values are read in index order, so each row's columns must be sorted and unique
// GOOD: 3

func.func private @ids() -> tensor<4xi32> {
  %ids = arith.constant dense<[0, 3, 7, 1]> : tensor<4xi32>
  return %ids : tensor<4xi32>
}

func.func @bad_route() {
  // Through a call, so that the ids are not a constant at compile time.
  %ids = func.call @ids() : () -> tensor<4xi32>
  %i = spider.route %ids to 4 experts : tensor<4xi32> -> !spider.index<microtile = [1, 1], pack_dim = 0>
  %n = spider.index_nonzeros %i : !spider.index<microtile = [1, 1], pack_dim = 0>
  vector.print %n : index
  return
}

func.func private @offsets(%which: i1) -> tensor<4xindex> {
  %bad = arith.constant dense<[0, 3, 2, 4]> : tensor<4xindex>
  %short = arith.constant dense<[0, 1, 2, 3]> : tensor<4xindex>
  %r = arith.select %which, %bad, %short : tensor<4xindex>
  return %r : tensor<4xindex>
}

func.func private @columns() -> tensor<4xindex> {
  %c = arith.constant dense<[0, 1, 2, 1]> : tensor<4xindex>
  return %c : tensor<4xindex>
}

func.func @csr(%which: i1) {
  %o = func.call @offsets(%which) : (i1) -> tensor<4xindex>
  %c = func.call @columns() : () -> tensor<4xindex>
  %n = arith.constant 3 : index
  %i = spider.index_from_csr %o, %c, num_columns = %n : tensor<4xindex>, tensor<4xindex> -> !spider.index<microtile = [1, 1], pack_dim = 1>
  %nz = spider.index_nonzeros %i : !spider.index<microtile = [1, 1], pack_dim = 1>
  vector.print %nz : index
  return
}

func.func @bad_csr() {
  %true = arith.constant true
  func.call @csr(%true) : (i1) -> ()
  return
}

func.func @short_csr() {
  %false = arith.constant false
  func.call @csr(%false) : (i1) -> ()
  return
}

func.func private @good_ids() -> tensor<3xi32> {
  %ids = arith.constant dense<[0, 3, 2]> : tensor<3xi32>
  return %ids : tensor<3xi32>
}

func.func @good() {
  %ids = func.call @good_ids() : () -> tensor<3xi32>
  %i = spider.route %ids to 4 experts : tensor<3xi32> -> !spider.index<microtile = [1, 1], pack_dim = 0>
  %n = spider.index_nonzeros %i : !spider.index<microtile = [1, 1], pack_dim = 0>
  vector.print %n : index
  return
}

// spider.from_csr reads values in index order: a row whose columns are not
// sorted would pair values with the wrong columns, so it is an error.
func.func private @unsorted_columns() -> tensor<3xindex> {
  %c = arith.constant dense<[2, 1, 0]> : tensor<3xindex>
  return %c : tensor<3xindex>
}

func.func @unsorted_from_csr() {
  %o = arith.constant dense<[0, 2, 3]> : tensor<3xindex>
  %c = func.call @unsorted_columns() : () -> tensor<3xindex>
  %v = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %x = arith.constant dense<1.0> : tensor<3x2xf32>
  %n = arith.constant 3 : index
  %a = spider.from_csr %o, %c, %v, num_columns = %n : tensor<3xindex>, tensor<3xindex>, tensor<3xf32> -> tensor<2x3xf32, #spider.sparse<microtile = [1, 1]>>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x2xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<2x2xf32>) -> tensor<2x2xf32>
  %y = linalg.matmul ins(%a, %x : tensor<2x3xf32, #spider.sparse<microtile = [1, 1]>>, tensor<3x2xf32>) outs(%z : tensor<2x2xf32>) -> tensor<2x2xf32>
  %c0 = arith.constant 0 : index
  %s = tensor.extract %y[%c0, %c0] : tensor<2x2xf32>
  %si = arith.fptosi %s : f32 to i64
  %sx = arith.index_cast %si : i64 to index
  vector.print %sx : index
  return
}
