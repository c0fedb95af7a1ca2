// RUN: spider-opt %s -split-input-file -verify-diagnostics

!I = !spider.index<microtile = [2, 1], pack_dim = 1>
func.func @microtile_differs(%t: tensor<?x2x1xf32>, %i: !I) {
  // expected-error@+1 {{result micro-tile [1, 1] differs from the index micro-tile [2, 1]}}
  %a = spider.from_tiles %t index(%i : !I) : tensor<?x2x1xf32> -> tensor<4x4xf32, #spider.sparse<microtile = [1, 1]>>
  return
}

// -----

!I = !spider.index<microtile = [1, 1], pack_dim = 1>
func.func @sizes_count(%t: tensor<?x1x1xf32>, %i: !I, %n: index) {
  // expected-error@+1 {{expected 2 sizes, one per dynamic dimension of the result, got 1}}
  %a = spider.from_tiles %t index(%i : !I) sizes(%n) : tensor<?x1x1xf32> -> tensor<?x?xf32, #spider.sparse<microtile = [1, 1]>>
  return
}

// -----

!I = !spider.index<microtile = [1, 1], pack_dim = 1>
func.func @tile_shape(%t: tensor<?x1x2xf32>, %i: !I) {
  // expected-error@+1 {{tile list shape [?, 1, 2] does not end in the index micro-tile [1, 1]}}
  %a = spider.from_tiles %t index(%i : !I) : tensor<?x1x2xf32> -> tensor<4x4xf32, #spider.sparse<microtile = [1, 1]>>
  return
}

// -----

!I = !spider.index<microtile = [1, 1, 1], pack_dim = 1>
func.func @index_rank(%t: tensor<?x1x1x1xf32>, %i: !I) {
  // expected-error@+1 {{index of rank 3 cannot describe the result of rank 2}}
  %a = spider.from_tiles %t index(%i : !I) : tensor<?x1x1x1xf32> -> tensor<4x4xf32, #spider.sparse<microtile = [1, 1]>>
  return
}

// -----

func.func @csr_rank(%o: tensor<5xi64>, %c: tensor<?xi64>, %v: tensor<?xf32>, %n: index) {
  // expected-error@+1 {{result must be a matrix, not of rank 3}}
  %a = spider.from_csr %o, %c, %v, num_columns = %n : tensor<5xi64>, tensor<?xi64>, tensor<?xf32> -> tensor<4x4x4xf32, #spider.sparse<microtile = [1, 1, 1]>>
  return
}

// -----

func.func @csr_microtile(%o: tensor<5xi64>, %c: tensor<?xi64>, %v: tensor<?xf32>, %n: index) {
  // expected-error@+1 {{a marked result carries #spider.sparse<microtile = [1, 1]> (one micro-tile per CSR entry)}}
  %a = spider.from_csr %o, %c, %v, num_columns = %n : tensor<5xi64>, tensor<?xi64>, tensor<?xf32> -> tensor<4x4xf32, #spider.sparse<microtile = [2, 1]>>
  return
}

// -----

func.func @csr_arrays(%o: tensor<5xi64>, %c: tensor<?x2xi64>, %v: tensor<?xf32>, %n: index) {
  // expected-error@+1 {{row offsets, columns and values must be 1-D}}
  %a = spider.from_csr %o, %c, %v, num_columns = %n : tensor<5xi64>, tensor<?x2xi64>, tensor<?xf32> -> tensor<4x4xf32, #spider.sparse<microtile = [1, 1]>>
  return
}

// -----

func.func @csr_element_type(%o: tensor<5xi64>, %c: tensor<?xi64>, %v: tensor<?xf16>, %n: index) {
  // expected-error@+1 {{values of type 'f16' cannot fill a 'f32' matrix}}
  %a = spider.from_csr %o, %c, %v, num_columns = %n : tensor<5xi64>, tensor<?xi64>, tensor<?xf16> -> tensor<4x4xf32, #spider.sparse<microtile = [1, 1]>>
  return
}

// -----

func.func @csr_offsets(%o: tensor<4xi64>, %c: tensor<?xi64>, %v: tensor<?xf32>, %n: index) {
  // expected-error@+1 {{a 4-row matrix takes 5 row offsets, not 4}}
  %a = spider.from_csr %o, %c, %v, num_columns = %n : tensor<4xi64>, tensor<?xi64>, tensor<?xf32> -> tensor<4x4xf32, #spider.sparse<microtile = [1, 1]>>
  return
}

// -----

func.func @csr_entries(%o: tensor<5xi64>, %c: tensor<6xi64>, %v: tensor<7xf32>, %n: index) {
  // expected-error@+1 {{6 columns but 7 values}}
  %a = spider.from_csr %o, %c, %v, num_columns = %n : tensor<5xi64>, tensor<6xi64>, tensor<7xf32> -> tensor<4x4xf32, #spider.sparse<microtile = [1, 1]>>
  return
}
