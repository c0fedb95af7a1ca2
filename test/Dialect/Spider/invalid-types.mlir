// RUN: spider-opt %s -split-input-file -verify-diagnostics

// Diagnostics of the spider attributes and types.

// expected-error@+1 {{micro-tile must not be empty}}
func.func @f(%a: tensor<4x4xf32, #spider.sparse<microtile = []>>)

// -----

// expected-error@+1 {{micro-tile size 0 at position 1 must be positive}}
func.func @f(%a: tensor<4x4xf32, #spider.sparse<microtile = [32, 0]>>)

// -----

// expected-error@+1 {{micro-tile of rank 1 does not match the rank 2 of the tensor it marks sparse}}
func.func @f(%a: tensor<4x4xf32, #spider.sparse<microtile = [32]>>)

// -----

// expected-error@+1 {{#spider.sparse marks tensors of numbers, not of 'vector<2xf32>'}}
func.func @f(%a: tensor<4xvector<2xf32>, #spider.sparse<microtile = [2]>>)

// -----

// expected-error@+1 {{compute-tile size -1 at position 0 must be positive}}
func.func @f() attributes {c = #spider.tile_config<microtile = [32, 1], compute_tile = [-1, 64, 32]>}

// -----

// expected-error@+1 {{micro-tile must not be empty}}
func.func @f() attributes {c = #spider.tile_config<microtile = [], compute_tile = [64]>}

// -----

// expected-error@+1 {{index grid must not be empty}}
func.func @f() attributes {v = #spider.index_value<grid = [], offsets = [0], positions = []>}

// -----

// expected-error@+1 {{index grid sizes must not be negative}}
func.func @f() attributes {v = #spider.index_value<grid = [2, -1], offsets = [0], positions = []>}

// -----

// expected-error@+1 {{index offsets must start at 0}}
func.func @f() attributes {v = #spider.index_value<grid = [2, 2], offsets = [1, 1, 1], positions = [0]>}

// -----

// expected-error@+1 {{index offsets decrease at group 1 (2 > 1)}}
func.func @f() attributes {v = #spider.index_value<grid = [3, 2], offsets = [0, 2, 1, 1], positions = [0]>}

// -----

// expected-error@+1 {{index offsets end at 2 but there are 3 positions}}
func.func @f() attributes {v = #spider.index_value<grid = [2, 2], offsets = [0, 1, 2], positions = [0, 1, 1]>}

// -----

// expected-error@+1 {{index micro-tile must not be empty}}
func.func @f(%i: !spider.index<microtile = [], pack_dim = 0>)

// -----

// expected-error@+1 {{index micro-tile size 0 at position 0 must be positive}}
func.func @f(%i: !spider.index<microtile = [0, 1], pack_dim = 0>)

// -----

// expected-error@+1 {{pack_dim 2 is out of range for an index of rank 2}}
func.func @f(%i: !spider.index<microtile = [32, 1], pack_dim = 2>)

// -----

// expected-error@+1 {{pack_dim -1 is out of range for an index of rank 2}}
func.func @f(%i: !spider.index<microtile = [32, 1], pack_dim = -1>)

// -----

// A pack_dim too large for int64_t gets the range message, not a parser's.
// expected-error@+1 {{pack_dim 9999999999999999999 is out of range for an index of rank 2}}
func.func @f(%i: !spider.index<microtile = [32, 1], pack_dim = 9999999999999999999>)

// -----

// expected-error@+1 {{pack_dim must be an integer: the dimension (0 to 1) along which the index lists positions}}
func.func @f(%i: !spider.index<microtile = [32, 1], pack_dim = d1>)

// -----

// The element type fails to parse: the encoding after it is not checked
// against a type that does not exist (it used to crash).
// expected-error@+1 {{expected '>' in vector type}}
func.func @f(%a: tensor<?xvector<2xf32, #spider.sparse<microtile = [2]>>)

// -----

// Compute tiles are bounded: 2^63 - 1 once ran out of memory in the
// lowering.
// expected-error@+1 {{compute-tile [8, 9223372036854775807, 128] has more than 1048576 elements (2^20), beyond any register tile or GPU block}}
func.func @f() attributes {c = #spider.tile_config<microtile = [32, 1], compute_tile = [8, 9223372036854775807, 128]>}

// -----

// The bound is on the product, which must not overflow on the way.
// expected-error@+1 {{compute-tile [4294967296, 4294967296, 1] has more than 1048576 elements (2^20)}}
func.func @f() attributes {c = #spider.tile_config<microtile = [32, 1], compute_tile = [4294967296, 4294967296, 1]>}
