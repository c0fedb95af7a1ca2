// RUN: spider-opt %s -split-input-file -verify-diagnostics

// Diagnostics of the spider operations, one per verifier message.

#S = #spider.sparse<microtile = [32, 1]>
func.func @assume_twice(%a: tensor<64x64xf32, #S>) {
  // expected-error@+1 {{source is already marked sparse}}
  %0 = spider.assume_sparse %a : tensor<64x64xf32, #S> to tensor<64x64xf32, #S>
  return
}

// -----

func.func @assume_without_encoding(%a: tensor<64x64xf32>) {
  // expected-error@+1 {{result type must carry a #spider.sparse encoding, got 'tensor<64x64xf32>'}}
  %0 = spider.assume_sparse %a : tensor<64x64xf32> to tensor<64x64xf32>
  return
}

// -----

#S = #spider.sparse<microtile = [32, 1]>
func.func @assume_reshapes(%a: tensor<64x64xf32>) {
  // expected-error@+1 {{result shape [64, 32] differs from source shape [64, 64]}}
  %0 = spider.assume_sparse %a : tensor<64x64xf32> to tensor<64x32xf32, #S>
  return
}

// -----

#S = #spider.sparse<microtile = [32, 1]>
func.func @assume_converts(%a: tensor<64x64xf32>) {
  // expected-error@+1 {{result element type 'f16' differs from source element type 'f32'}}
  %0 = spider.assume_sparse %a : tensor<64x64xf32> to tensor<64x64xf16, #S>
  return
}

// -----

#S = #spider.sparse<microtile = [1, 1]>
func.func @assume_inactive_without_index(%a: tensor<64x64xf32>) {
  // expected-error@+1 {{'inactive' needs an 'index': the value is known only outside a given index's tiles}}
  %0 = spider.assume_sparse %a {inactive = 0xFF800000 : f32} : tensor<64x64xf32> to tensor<64x64xf32, #S>
  return
}

// -----

#S = #spider.sparse<microtile = [1, 1]>
func.func @assume_inactive_type(%a: tensor<64x64xf32>, %i: !spider.index<microtile = [1, 1], pack_dim = 1>) {
  // expected-error@+1 {{'inactive' must be a 'f32' constant, like the elements, got 1 : i32}}
  %0 = spider.assume_sparse %a index(%i : !spider.index<microtile = [1, 1], pack_dim = 1>) {inactive = 1 : i32} : tensor<64x64xf32> to tensor<64x64xf32, #S>
  return
}

// -----

func.func @detect_rank(%a: tensor<4x4x4xf32>) {
  // expected-error@+1 {{index of rank 2 cannot describe the input of rank 3}}
  %0 = spider.detect %a : tensor<4x4x4xf32> -> !spider.index<microtile = [1, 1], pack_dim = 0>
  return
}

// -----

#S = #spider.sparse<microtile = [32, 1]>
func.func @detect_cover(%a: tensor<64x64xf32, #S>) {
  // expected-error@+1 {{index micro-tile [16, 1] does not cover the micro-tile [32, 1] of the input: size 16 at dimension 0 is not a multiple of 32}}
  %0 = spider.detect %a : tensor<64x64xf32, #S> -> !spider.index<microtile = [16, 1], pack_dim = 1>
  return
}

// -----

func.func @route_ids_rank(%ids: tensor<4x2x2xi32>) {
  // expected-error@+1 {{routing ids must have rank 1 (one expert per token) or 2 (k experts per token), not 3}}
  %0 = spider.route %ids to 4 experts : tensor<4x2x2xi32> -> !spider.index<microtile = [1, 1], pack_dim = 0>
  return
}

// -----

func.func @route_ids_float(%ids: tensor<4xf32>) {
  // expected-error@+1 {{operand #0 must be ranked tensor or memref of signless integer or index values, but got 'tensor<4xf32>'}}
  %0 = spider.route %ids to 4 experts : tensor<4xf32> -> !spider.index<microtile = [1, 1], pack_dim = 0>
  return
}

// -----

func.func @route_no_experts(%ids: tensor<4xi32>) {
  // expected-error@+1 {{attribute 'num_experts' failed to satisfy constraint: 64-bit signless integer attribute whose value is positive}}
  %0 = spider.route %ids to 0 experts : tensor<4xi32> -> !spider.index<microtile = [1, 1], pack_dim = 0>
  return
}

// -----

func.func @route_index_rank(%ids: tensor<4xi32>) {
  // expected-error@+1 {{routing index must have rank 2 ([tokens, experts]), not 3}}
  %0 = spider.route %ids to 4 experts : tensor<4xi32> -> !spider.index<microtile = [1, 1, 1], pack_dim = 0>
  return
}

// -----

func.func @route_pack(%ids: tensor<4xi32>) {
  // expected-error@+1 {{routing index must be packed along the tokens (pack_dim = 0)}}
  %0 = spider.route %ids to 4 experts : tensor<4xi32> -> !spider.index<microtile = [1, 1], pack_dim = 1>
  return
}

// -----

func.func @route_tile(%ids: tensor<4xi32>) {
  // expected-error@+1 {{routing index micro-tile must be [token_block, 1], not [1, 2]}}
  %0 = spider.route %ids to 4 experts : tensor<4xi32> -> !spider.index<microtile = [1, 2], pack_dim = 0>
  return
}

// -----

func.func @csr_offsets_rank(%o: tensor<2x2xindex>, %c: tensor<?xindex>, %n: index) {
  // expected-error@+1 {{row offsets must be a 1-D tensor, not rank 2}}
  %0 = spider.index_from_csr %o, %c, num_columns = %n : tensor<2x2xindex>, tensor<?xindex> -> !spider.index<microtile = [1, 1], pack_dim = 1>
  return
}

// -----

func.func @csr_columns_rank(%o: tensor<5xindex>, %c: tensor<2x2xindex>, %n: index) {
  // expected-error@+1 {{columns must be a 1-D tensor, not rank 2}}
  %0 = spider.index_from_csr %o, %c, num_columns = %n : tensor<5xindex>, tensor<2x2xindex> -> !spider.index<microtile = [1, 1], pack_dim = 1>
  return
}

// -----

func.func @csr_no_offsets(%o: tensor<0xindex>, %c: tensor<?xindex>, %n: index) {
  // expected-error@+1 {{row offsets must have at least one entry (one more than there are rows)}}
  %0 = spider.index_from_csr %o, %c, num_columns = %n : tensor<0xindex>, tensor<?xindex> -> !spider.index<microtile = [1, 1], pack_dim = 1>
  return
}

// -----

func.func @csr_index_rank(%o: tensor<5xindex>, %c: tensor<?xindex>, %n: index) {
  // expected-error@+1 {{CSR index must have rank 2 ([rows, columns]), not 1}}
  %0 = spider.index_from_csr %o, %c, num_columns = %n : tensor<5xindex>, tensor<?xindex> -> !spider.index<microtile = [1], pack_dim = 0>
  return
}

// -----

func.func @csr_pack(%o: tensor<5xindex>, %c: tensor<?xindex>, %n: index) {
  // expected-error@+1 {{CSR index must be packed along the columns (pack_dim = 1)}}
  %0 = spider.index_from_csr %o, %c, num_columns = %n : tensor<5xindex>, tensor<?xindex> -> !spider.index<microtile = [1, 1], pack_dim = 0>
  return
}

// -----

func.func @constant_rank() {
  // expected-error@+1 {{index value grid [2, 4, 1] has rank 3 but the index type has rank 2}}
  %0 = spider.index_constant <grid = [2, 4, 1], offsets = [0, 0, 0, 0, 0, 0, 0, 0, 0], positions = []> : !spider.index<microtile = [1, 1], pack_dim = 1>
  return
}

// -----

func.func @constant_position() {
  // expected-error@+1 {{index value does not fit its type: position 4 (entry 2) is outside [0, 4) along the pack dimension}}
  %0 = spider.index_constant <grid = [2, 4], offsets = [0, 1, 3], positions = [1, 0, 4]> : !spider.index<microtile = [1, 1], pack_dim = 1>
  return
}

// -----

func.func @constant_groups() {
  // expected-error@+1 {{index value does not fit its type: expected 5 offsets (one more than the 4 groups of grid [2, 4]), got 3}}
  %0 = spider.index_constant <grid = [2, 4], offsets = [0, 1, 3], positions = [1, 0, 1]> : !spider.index<microtile = [1, 1], pack_dim = 0>
  return
}

// -----

func.func @constant_group_overflow() {
  // expected-error@+1 {{index value does not fit its type: group 0 lists more positions than the 2 tiles along the pack dimension}}
  %0 = spider.index_constant <grid = [1, 2], offsets = [0, 3], positions = [0, 1, 0]> : !spider.index<microtile = [1, 1], pack_dim = 1>
  return
}

// -----

!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @gather_rank(%a: tensor<64xf32>, %i: !I) {
  // expected-error@+1 {{index of rank 2 cannot describe the source of rank 1}}
  %0 = spider.gather %a[%i] : tensor<64xf32>, !I -> tensor<?x32x1xf32>
  return
}

// -----

!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @gather_list_rank(%a: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{tile list must have rank 3 ([num_active, microtile...]), not 2}}
  %0 = spider.gather %a[%i] : tensor<64x64xf32>, !I -> tensor<?x32xf32>
  return
}

// -----

!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @gather_list_shape(%a: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{tile list shape [?, 1, 32] does not end in the index micro-tile [32, 1]}}
  %0 = spider.gather %a[%i] : tensor<64x64xf32>, !I -> tensor<?x1x32xf32>
  return
}

// -----

!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @gather_element(%a: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{tile list element type 'f16' differs from 'f32'}}
  %0 = spider.gather %a[%i] : tensor<64x64xf32>, !I -> tensor<?x32x1xf16>
  return
}

// -----

#S = #spider.sparse<microtile = [32, 1]>
!I = !spider.index<microtile = [1, 1], pack_dim = 1>
func.func @gather_cover(%a: tensor<64x64xf32, #S>, %i: !I) {
  // expected-error@+1 {{index micro-tile [1, 1] does not cover the micro-tile [32, 1] of the source: size 1 at dimension 0 is not a multiple of 32}}
  %0 = spider.gather %a[%i] : tensor<64x64xf32, #S>, !I -> tensor<?x1x1xf32>
  return
}

// -----

!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @scatter_rank(%t: tensor<?x32x1xf32>, %d: tensor<64xf32>, %i: !I) {
  // expected-error@+1 {{index of rank 2 cannot describe the destination of rank 1}}
  %0 = spider.scatter %t into %d[%i] combiner(add) : tensor<?x32x1xf32>, !I -> tensor<64xf32>
  return
}

// -----

!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @scatter_shape(%t: tensor<?x16x1xf32>, %d: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{tile list shape [?, 16, 1] does not end in the index micro-tile [32, 1]}}
  %0 = spider.scatter %t into %d[%i] combiner(none) : tensor<?x16x1xf32>, !I -> tensor<64x64xf32>
  return
}

// -----

!I = !spider.index<microtile = [32, 1], pack_dim = 1>
func.func @scatter_combiner(%t: tensor<?x32x1xf32>, %d: tensor<64x64xf32>, %i: !I) {
  // expected-error@+1 {{expected string or keyword containing one of the following enum values for attribute 'combiner' [none, add, max, min]}}
  %0 = spider.scatter %t into %d[%i] combiner(mul) : tensor<?x32x1xf32>, !I -> tensor<64x64xf32>
  return
}

// -----

func.func @dts_rank(%l: tensor<4x8x2xf32>, %t: f32) {
  // expected-error@+1 {{logits must be [tokens, experts] (rank 2), not rank 3}}
  %0 = spider.dts_gate %l tau(%t) threshold(0.1) min_k(1) : tensor<4x8x2xf32> -> tensor<4x8x2xf32>
  return
}

// -----

func.func @dts_threshold(%l: tensor<4x8xf32>, %t: f32) {
  // expected-error@+1 {{threshold 1.5 must lie in [0, 1]}}
  %0 = spider.dts_gate %l tau(%t) threshold(1.5) min_k(1) : tensor<4x8xf32> -> tensor<4x8xf32>
  return
}

// -----

func.func @dts_min_k(%l: tensor<4x8xf32>, %t: f32) {
  // expected-error@+1 {{min_k 9 exceeds the number of experts (8)}}
  %0 = spider.dts_gate %l tau(%t) threshold(0.1) min_k(9) : tensor<4x8xf32> -> tensor<4x8xf32>
  return
}

// -----

func.func @dts_min_k_zero(%l: tensor<4x8xf32>, %t: f32) {
  // expected-error@+1 {{attribute 'min_k' failed to satisfy constraint: 64-bit signless integer attribute whose value is positive}}
  %0 = spider.dts_gate %l tau(%t) threshold(0.1) min_k(0) : tensor<4x8xf32> -> tensor<4x8xf32>
  return
}

// -----

func.func @dts_integer(%l: tensor<4x8xi32>, %t: i32) {
  // expected-error@+1 {{'logits' must be ranked tensor of floating-point values, but got 'tensor<4x8xi32>'}}
  %0 = spider.dts_gate %l tau(%t) threshold(0.1) min_k(1) : tensor<4x8xi32> -> tensor<4x8xi32>
  return
}

// -----

func.func @constant_order() {
  // expected-error@+1 {{index value does not fit its type: positions of group 0 are not strictly ascending (3 then 1)}}
  %0 = spider.index_constant <grid = [2, 4], offsets = [0, 2, 2], positions = [3, 1]> : !spider.index<microtile = [1, 1], pack_dim = 1>
  return
}

// -----

func.func @assume_index_cover(%a: tensor<64x64xf32>, %i: !spider.index<microtile = [1, 1], pack_dim = 1>) {
  // expected-error@+1 {{index micro-tile [1, 1] does not cover the micro-tile [32, 1] of the result: size 1 at dimension 0 is not a multiple of 32}}
  %0 = spider.assume_sparse %a index(%i : !spider.index<microtile = [1, 1], pack_dim = 1>) : tensor<64x64xf32> to tensor<64x64xf32, #spider.sparse<microtile = [32, 1]>>
  return
}

// -----

// A grid whose group count overflows int64_t (it used to report "expected
// -9223372036854775808 offsets").
func.func @constant_grid_overflow() {
  // expected-error@+1 {{index value does not fit its type: grid [9223372036854775807, 4] has more groups than an index can count (2^63 - 1)}}
  %0 = spider.index_constant <grid = [9223372036854775807, 4], offsets = [0], positions = []> : !spider.index<microtile = [32, 1], pack_dim = 1>
  return
}

// -----

func.func @constant_grid_overflow_product() {
  // expected-error@+1 {{index value does not fit its type: grid [4294967296, 4294967296, 2] has more groups than an index can count (2^63 - 1)}}
  %0 = spider.index_constant <grid = [4294967296, 4294967296, 2], offsets = [0], positions = []> : !spider.index<microtile = [1, 1, 1], pack_dim = 2>
  return
}

// -----

// spider.compute_tile is input like any attribute: checked where it stands.
func.func @compute_tile_huge(%a: tensor<8x16xf32>, %b: tensor<16x8xf32>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  // expected-error@+1 {{'spider.compute_tile' [8, 2147483648, 128] has more than 1048576 elements (2^20), beyond any register tile or GPU block}}
  %r = linalg.matmul {spider.compute_tile = array<i64: 8, 2147483648, 128>} ins(%a, %b : tensor<8x16xf32>, tensor<16x8xf32>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}

// -----

func.func @compute_tile_zero(%a: tensor<8x16xf32>, %b: tensor<16x8xf32>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  // expected-error@+1 {{'spider.compute_tile' size 0 at position 1 must be positive}}
  %r = linalg.matmul {spider.compute_tile = array<i64: 8, 0, 128>} ins(%a, %b : tensor<8x16xf32>, tensor<16x8xf32>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}

// -----

func.func @compute_tile_count(%a: tensor<8x16xf32>, %b: tensor<16x8xf32>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  // expected-error@+1 {{'spider.compute_tile' has 2 sizes but 'linalg.matmul' has 3 loops}}
  %r = linalg.matmul {spider.compute_tile = array<i64: 8, 8>} ins(%a, %b : tensor<8x16xf32>, tensor<16x8xf32>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}

// -----

func.func @compute_tile_kind(%a: tensor<8x16xf32>, %b: tensor<16x8xf32>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  // expected-error@+1 {{'spider.compute_tile' must be an array<i64: ...> of tile sizes, one per loop}}
  %r = linalg.matmul {spider.compute_tile = [8, 8, 8]} ins(%a, %b : tensor<8x16xf32>, tensor<16x8xf32>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}

// -----

// expected-error@+1 {{'spider.compute_tile' sets the compute tile of a linalg op, not of 'func.func'}}
func.func @compute_tile_owner() attributes {spider.compute_tile = array<i64: 8>} {
  return
}
