// Dynamic sparse attention, masked softmax written out, with the mask
// given as CSR (spider.from_csr: no 45x45 tensor): SDDMM of the allowed
// scores, row maxima, exponentials, row sums, the unnormalized SpMM with
// the exponentials and a normalization. The mask is the only mark; the
// scores and exponentials are zero outside its micro-tiles, so the SpMM
// reads them as sparse with its index, and spider-fuse-pit-chains makes the
// five one spider.pit: per query row, the allowed keys are gathered once
// and the scores, softmax and output run on the packed row. Densities are
// allowed pairs over 45^2 (R-MAT), 45 tokens (no tile multiple), head 16;
// the oracle is the same program on the dense mask, unmarked.
// RUN: spider-opt %s --spider-cpu-pipeline | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s
// RUN: spider-run %s --cpu-threads=2 | FileCheck %s
// RUN: spider-opt %s --spider-cpu-pipeline=cpu-isa=avx2 | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s
// RUN: spider-opt %s --spider-cpu-pipeline=vectorize=false | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s
// RUN: spider-opt %s --spider-decompose-aggregated-ops --spider-sparsify --spider-fuse-pit-chains --spider-lower-pit-to-loops --spider-densify-packed-values --canonicalize | FileCheck %s --check-prefix=PACKED

// One spider.pit for the whole attention, and no 45x45 tensor once lowered.
// PACKED-LABEL: func.func @sparse(
// PACKED-NOT:     tensor<45x45xf32>
// PACKED-NOT:     spider.pit
// PACKED-NOT:     tensor<45x45xf32>
// PACKED:         return
// PACKED-LABEL: func.func @sparse_masked_fill(
// PACKED-NOT:     tensor<45x45xf32>
// PACKED-NOT:     spider.pit
// PACKED-NOT:     tensor<45x45xf32>
// PACKED:         return

// CHECK: check 0: max relative error {{.*}} ok
// CHECK: check 0: max relative error {{.*}} ok
// CHECK: check 0.01: max relative error {{.*}} ok
// CHECK: check 0.01: max relative error {{.*}} ok
// CHECK: check 0.1: max relative error {{.*}} ok
// CHECK: check 0.1: max relative error {{.*}} ok
// CHECK: check 0.5: max relative error {{.*}} ok
// CHECK: check 0.5: max relative error {{.*}} ok
// CHECK: check 1: max relative error {{.*}} ok
// CHECK: check 1: max relative error {{.*}} ok
// CHECK-NOT: FAILED

#ij = affine_map<(i, j, d) -> (i, j)>
#id = affine_map<(i, j, d) -> (i, d)>
#jd = affine_map<(i, j, d) -> (j, d)>
#ij2 = affine_map<(i, j) -> (i, j)>
#i2 = affine_map<(i, j) -> (i)>
#id2 = affine_map<(i, d) -> (i, d)>

func.func @adjacency(%o: tensor<46xi64>, %c: tensor<?xi64>, %vals: tensor<?xf32>) -> tensor<45x45xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cv = arith.constant 45 : index
  %e = tensor.empty() : tensor<45x45xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<45x45xf32>) -> tensor<45x45xf32>
  %a = scf.for %r = %c0 to %cv step %c1 iter_args(%acc = %z) -> (tensor<45x45xf32>) {
    %r1 = arith.addi %r, %c1 : index
    %s64 = tensor.extract %o[%r] : tensor<46xi64>
    %e64 = tensor.extract %o[%r1] : tensor<46xi64>
    %s = arith.index_cast %s64 : i64 to index
    %en = arith.index_cast %e64 : i64 to index
    %row = scf.for %p = %s to %en step %c1 iter_args(%acc2 = %acc) -> (tensor<45x45xf32>) {
      %col64 = tensor.extract %c[%p] : tensor<?xi64>
      %col = arith.index_cast %col64 : i64 to index
      %val = tensor.extract %vals[%p] : tensor<?xf32>
      %ins = tensor.insert %val into %acc2[%r, %col] : tensor<45x45xf32>
      scf.yield %ins : tensor<45x45xf32>
    }
    scf.yield %row : tensor<45x45xf32>
  }
  return %a : tensor<45x45xf32>
}

func.func @sparse(%o: tensor<46xi64>, %c: tensor<?xi64>, %vals: tensor<?xf32>, %q: tensor<45x16xf32>, %k: tensor<45x16xf32>, %v: tensor<45x16xf32>) -> tensor<45x16xf32> {
  %n = arith.constant 45 : index
  %ms = spider.from_csr %o, %c, %vals, num_columns = %n : tensor<46xi64>, tensor<?xi64>, tensor<?xf32> -> tensor<45x45xf32, #spider.sparse<microtile = [1, 1]>>
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %e2 = tensor.empty() : tensor<45x45xf32>
  %z2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<45x45xf32>) -> tensor<45x45xf32>
  %e1 = tensor.empty() : tensor<45xf32>
  %z1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<45xf32>) -> tensor<45xf32>
  %n1 = linalg.fill ins(%ninf : f32) outs(%e1 : tensor<45xf32>) -> tensor<45xf32>
  %eo = tensor.empty() : tensor<45x16xf32>
  %zo = linalg.fill ins(%zero : f32) outs(%eo : tensor<45x16xf32>) -> tensor<45x16xf32>
  // Scores where the mask allows (SDDMM).
  %s = linalg.generic {indexing_maps = [#ij, #id, #jd, #ij], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%ms, %q, %k : tensor<45x45xf32, #spider.sparse<microtile = [1, 1]>>, tensor<45x16xf32>, tensor<45x16xf32>) outs(%z2 : tensor<45x45xf32>) {
  ^bb0(%mv: f32, %qv: f32, %kv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %p = arith.mulf %qv, %kv : f32
    %cs = arith.select %on, %p, %zero : f32
    %r = arith.addf %out, %cs : f32
    linalg.yield %r : f32
  } -> tensor<45x45xf32>
  // Row maxima over the allowed keys.
  %max = linalg.generic {indexing_maps = [#ij2, #ij2, #i2], iterator_types = ["parallel", "reduction"]}
      ins(%ms, %s : tensor<45x45xf32, #spider.sparse<microtile = [1, 1]>>, tensor<45x45xf32>) outs(%n1 : tensor<45xf32>) {
  ^bb0(%mv: f32, %sv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %cs = arith.select %on, %sv, %ninf : f32
    %r = arith.maximumf %out, %cs : f32
    linalg.yield %r : f32
  } -> tensor<45xf32>
  // Exponentials of the allowed scores.
  %p = linalg.generic {indexing_maps = [#ij2, #ij2, #i2, #ij2], iterator_types = ["parallel", "parallel"]}
      ins(%ms, %s, %max : tensor<45x45xf32, #spider.sparse<microtile = [1, 1]>>, tensor<45x45xf32>, tensor<45xf32>) outs(%z2 : tensor<45x45xf32>) {
  ^bb0(%mv: f32, %sv: f32, %mx: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %d = arith.subf %sv, %mx : f32
    %e = math.exp %d : f32
    %r = arith.select %on, %e, %zero : f32
    linalg.yield %r : f32
  } -> tensor<45x45xf32>
  // Row sums.
  %sum = linalg.generic {indexing_maps = [#ij2, #ij2, #i2], iterator_types = ["parallel", "reduction"]}
      ins(%ms, %p : tensor<45x45xf32, #spider.sparse<microtile = [1, 1]>>, tensor<45x45xf32>) outs(%z1 : tensor<45xf32>) {
  ^bb0(%mv: f32, %pv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %cs = arith.select %on, %pv, %zero : f32
    %r = arith.addf %out, %cs : f32
    linalg.yield %r : f32
  } -> tensor<45xf32>
  // Unnormalized output (SpMM).
  %ou = linalg.generic {indexing_maps = [#ij, #jd, #id], iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%p, %v : tensor<45x45xf32>, tensor<45x16xf32>) outs(%zo : tensor<45x16xf32>) {
  ^bb0(%pv: f32, %vv: f32, %out: f32):
    %m = arith.mulf %pv, %vv : f32
    %r = arith.addf %out, %m : f32
    linalg.yield %r : f32
  } -> tensor<45x16xf32>
  // Normalized; a query with no allowed key gets 0.
  %res = linalg.generic {indexing_maps = [#id2, #i2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%ou, %sum : tensor<45x16xf32>, tensor<45xf32>) outs(%eo : tensor<45x16xf32>) {
  ^bb0(%ov: f32, %lv: f32, %out: f32):
    %has = arith.cmpf ogt, %lv, %zero : f32
    %x = arith.divf %ov, %lv : f32
    %r = arith.select %has, %x, %zero : f32
    linalg.yield %r : f32
  } -> tensor<45x16xf32>
  return %res : tensor<45x16xf32>
}

// The same attention with the mask applied as masked_fill(-inf) would:
// the masked scores are -inf outside the mask's micro-tiles (a fill of
// -inf, kept where the mask is off), and the maxima, exponentials, sums
// and product read them unmarked. spider-sparsify marks the masked scores
// constant (-inf) outside the index, the maxima skip them (max(x, -inf) is
// x), the exponentials are 0 there (exp(-inf - m)), and the rest follows.
func.func @sparse_masked_fill(%o: tensor<46xi64>, %c: tensor<?xi64>, %vals: tensor<?xf32>, %q: tensor<45x16xf32>, %k: tensor<45x16xf32>, %v: tensor<45x16xf32>) -> tensor<45x16xf32> {
  %n = arith.constant 45 : index
  %ms = spider.from_csr %o, %c, %vals, num_columns = %n : tensor<46xi64>, tensor<?xi64>, tensor<?xf32> -> tensor<45x45xf32, #spider.sparse<microtile = [1, 1]>>
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %e2 = tensor.empty() : tensor<45x45xf32>
  %z2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<45x45xf32>) -> tensor<45x45xf32>
  %n2 = linalg.fill ins(%ninf : f32) outs(%e2 : tensor<45x45xf32>) -> tensor<45x45xf32>
  %e1 = tensor.empty() : tensor<45xf32>
  %z1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<45xf32>) -> tensor<45xf32>
  %n1 = linalg.fill ins(%ninf : f32) outs(%e1 : tensor<45xf32>) -> tensor<45xf32>
  %eo = tensor.empty() : tensor<45x16xf32>
  %zo = linalg.fill ins(%zero : f32) outs(%eo : tensor<45x16xf32>) -> tensor<45x16xf32>
  %s = linalg.generic {indexing_maps = [#ij, #id, #jd, #ij], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%ms, %q, %k : tensor<45x45xf32, #spider.sparse<microtile = [1, 1]>>, tensor<45x16xf32>, tensor<45x16xf32>) outs(%z2 : tensor<45x45xf32>) {
  ^bb0(%mv: f32, %qv: f32, %kv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %p = arith.mulf %qv, %kv : f32
    %cs = arith.select %on, %p, %zero : f32
    %r = arith.addf %out, %cs : f32
    linalg.yield %r : f32
  } -> tensor<45x45xf32>
  // masked_fill(~mask, -inf).
  %sm = linalg.generic {indexing_maps = [#ij2, #ij2, #ij2], iterator_types = ["parallel", "parallel"]}
      ins(%ms, %s : tensor<45x45xf32, #spider.sparse<microtile = [1, 1]>>, tensor<45x45xf32>) outs(%n2 : tensor<45x45xf32>) {
  ^bb0(%mv: f32, %sv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %r = arith.select %on, %sv, %ninf : f32
    linalg.yield %r : f32
  } -> tensor<45x45xf32>
  // softmax, unmarked: maxima, exponentials (into an empty tensor), sums.
  %max = linalg.generic {indexing_maps = [#ij2, #i2], iterator_types = ["parallel", "reduction"]}
      ins(%sm : tensor<45x45xf32>) outs(%n1 : tensor<45xf32>) {
  ^bb0(%sv: f32, %out: f32):
    %r = arith.maximumf %out, %sv : f32
    linalg.yield %r : f32
  } -> tensor<45xf32>
  %p = linalg.generic {indexing_maps = [#ij2, #i2, #ij2], iterator_types = ["parallel", "parallel"]}
      ins(%sm, %max : tensor<45x45xf32>, tensor<45xf32>) outs(%e2 : tensor<45x45xf32>) {
  ^bb0(%sv: f32, %mx: f32, %out: f32):
    %d = arith.subf %sv, %mx : f32
    %r = math.exp %d : f32
    linalg.yield %r : f32
  } -> tensor<45x45xf32>
  %sum = linalg.generic {indexing_maps = [#ij2, #i2], iterator_types = ["parallel", "reduction"]}
      ins(%p : tensor<45x45xf32>) outs(%z1 : tensor<45xf32>) {
  ^bb0(%pv: f32, %out: f32):
    %r = arith.addf %out, %pv : f32
    linalg.yield %r : f32
  } -> tensor<45xf32>
  %ou = linalg.generic {indexing_maps = [#ij, #jd, #id], iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%p, %v : tensor<45x45xf32>, tensor<45x16xf32>) outs(%zo : tensor<45x16xf32>) {
  ^bb0(%pv: f32, %vv: f32, %out: f32):
    %pm = arith.mulf %pv, %vv : f32
    %r = arith.addf %out, %pm : f32
    linalg.yield %r : f32
  } -> tensor<45x16xf32>
  %res = linalg.generic {indexing_maps = [#id2, #i2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%ou, %sum : tensor<45x16xf32>, tensor<45xf32>) outs(%eo : tensor<45x16xf32>) {
  ^bb0(%ov: f32, %lv: f32, %out: f32):
    %has = arith.cmpf ogt, %lv, %zero : f32
    %x = arith.divf %ov, %lv : f32
    %r = arith.select %has, %x, %zero : f32
    linalg.yield %r : f32
  } -> tensor<45x16xf32>
  return %res : tensor<45x16xf32>
}

func.func @dense(%o: tensor<46xi64>, %c: tensor<?xi64>, %vals: tensor<?xf32>, %q: tensor<45x16xf32>, %k: tensor<45x16xf32>, %v: tensor<45x16xf32>) -> tensor<45x16xf32> {
  %ms = func.call @adjacency(%o, %c, %vals) : (tensor<46xi64>, tensor<?xi64>, tensor<?xf32>) -> tensor<45x45xf32>
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %e2 = tensor.empty() : tensor<45x45xf32>
  %z2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<45x45xf32>) -> tensor<45x45xf32>
  %e1 = tensor.empty() : tensor<45xf32>
  %z1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<45xf32>) -> tensor<45xf32>
  %n1 = linalg.fill ins(%ninf : f32) outs(%e1 : tensor<45xf32>) -> tensor<45xf32>
  %eo = tensor.empty() : tensor<45x16xf32>
  %zo = linalg.fill ins(%zero : f32) outs(%eo : tensor<45x16xf32>) -> tensor<45x16xf32>
  // Scores where the mask allows (SDDMM).
  %s = linalg.generic {indexing_maps = [#ij, #id, #jd, #ij], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%ms, %q, %k : tensor<45x45xf32>, tensor<45x16xf32>, tensor<45x16xf32>) outs(%z2 : tensor<45x45xf32>) {
  ^bb0(%mv: f32, %qv: f32, %kv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %p = arith.mulf %qv, %kv : f32
    %cs = arith.select %on, %p, %zero : f32
    %r = arith.addf %out, %cs : f32
    linalg.yield %r : f32
  } -> tensor<45x45xf32>
  // Row maxima over the allowed keys.
  %max = linalg.generic {indexing_maps = [#ij2, #ij2, #i2], iterator_types = ["parallel", "reduction"]}
      ins(%ms, %s : tensor<45x45xf32>, tensor<45x45xf32>) outs(%n1 : tensor<45xf32>) {
  ^bb0(%mv: f32, %sv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %cs = arith.select %on, %sv, %ninf : f32
    %r = arith.maximumf %out, %cs : f32
    linalg.yield %r : f32
  } -> tensor<45xf32>
  // Exponentials of the allowed scores.
  %p = linalg.generic {indexing_maps = [#ij2, #ij2, #i2, #ij2], iterator_types = ["parallel", "parallel"]}
      ins(%ms, %s, %max : tensor<45x45xf32>, tensor<45x45xf32>, tensor<45xf32>) outs(%z2 : tensor<45x45xf32>) {
  ^bb0(%mv: f32, %sv: f32, %mx: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %d = arith.subf %sv, %mx : f32
    %e = math.exp %d : f32
    %r = arith.select %on, %e, %zero : f32
    linalg.yield %r : f32
  } -> tensor<45x45xf32>
  // Row sums.
  %sum = linalg.generic {indexing_maps = [#ij2, #ij2, #i2], iterator_types = ["parallel", "reduction"]}
      ins(%ms, %p : tensor<45x45xf32>, tensor<45x45xf32>) outs(%z1 : tensor<45xf32>) {
  ^bb0(%mv: f32, %pv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %cs = arith.select %on, %pv, %zero : f32
    %r = arith.addf %out, %cs : f32
    linalg.yield %r : f32
  } -> tensor<45xf32>
  // Unnormalized output (SpMM).
  %ou = linalg.generic {indexing_maps = [#ij, #jd, #id], iterator_types = ["parallel", "reduction", "parallel"]}
      ins(%p, %v : tensor<45x45xf32>, tensor<45x16xf32>) outs(%zo : tensor<45x16xf32>) {
  ^bb0(%pv: f32, %vv: f32, %out: f32):
    %m = arith.mulf %pv, %vv : f32
    %r = arith.addf %out, %m : f32
    linalg.yield %r : f32
  } -> tensor<45x16xf32>
  // Normalized; a query with no allowed key gets 0.
  %res = linalg.generic {indexing_maps = [#id2, #i2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%ou, %sum : tensor<45x16xf32>, tensor<45xf32>) outs(%eo : tensor<45x16xf32>) {
  ^bb0(%ov: f32, %lv: f32, %out: f32):
    %has = arith.cmpf ogt, %lv, %zero : f32
    %x = arith.divf %ov, %lv : f32
    %r = arith.select %has, %x, %zero : f32
    linalg.yield %r : f32
  } -> tensor<45x16xf32>
  return %res : tensor<45x16xf32>
}

func.func private @spider_rt_fill_random_f32(memref<*xf32>, i64, f64, i64, i64, i64, i64) attributes {llvm.emit_c_interface}
func.func private @spider_rt_fill_rmat_csr(memref<46xi64>, memref<?xi64>, i64) attributes {llvm.emit_c_interface}
func.func private @spider_rt_check_close_f32(memref<*xf32>, memref<*xf32>, f64, f64) -> i32 attributes {llvm.emit_c_interface}

func.func @check(%got: tensor<45x16xf32>, %want: tensor<45x16xf32>, %label: f64) {
  %tol = arith.constant 1.0e-5 : f64
  %gm = bufferization.to_buffer %got read_only : tensor<45x16xf32> to memref<45x16xf32>
  %wm = bufferization.to_buffer %want read_only : tensor<45x16xf32> to memref<45x16xf32>
  %gu = memref.cast %gm : memref<45x16xf32> to memref<*xf32>
  %wu = memref.cast %wm : memref<45x16xf32> to memref<*xf32>
  %ok = func.call @spider_rt_check_close_f32(%gu, %wu, %tol, %label) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
  return
}

func.func @random(%seed: i64) -> tensor<45x16xf32> {
  %i1 = arith.constant 1 : i64
  %full = arith.constant 1.0 : f64
  %m = memref.alloc() : memref<45x16xf32>
  %u = memref.cast %m : memref<45x16xf32> to memref<*xf32>
  func.call @spider_rt_fill_random_f32(%u, %seed, %full, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
  %t = bufferization.to_tensor %m restrict : memref<45x16xf32> to tensor<45x16xf32>
  return %t : tensor<45x16xf32>
}

func.func @main() {
  %densities = arith.constant dense<[0.0, 0.01, 0.1, 0.5, 1.0]> : tensor<5xf64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c5 = arith.constant 5 : index
  %i1 = arith.constant 1 : i64
  %i2 = arith.constant 2 : i64
  %i3 = arith.constant 3 : i64
  %full = arith.constant 1.0 : f64
  %cells = arith.constant 2025.0 : f64
  scf.for %i = %c0 to %c5 step %c1 {
    %density = tensor.extract %densities[%i] : tensor<5xf64>
    %seed = arith.index_cast %i : index to i64
    %ef = arith.mulf %density, %cells : f64
    %e64 = arith.fptosi %ef : f64 to i64
    %edges = arith.index_cast %e64 : i64 to index
    %om = memref.alloc() : memref<46xi64>
    %cm = memref.alloc(%edges) : memref<?xi64>
    func.call @spider_rt_fill_rmat_csr(%om, %cm, %seed) : (memref<46xi64>, memref<?xi64>, i64) -> ()
    %o = bufferization.to_tensor %om restrict : memref<46xi64> to tensor<46xi64>
    %c = bufferization.to_tensor %cm restrict : memref<?xi64> to tensor<?xi64>
    // Mask values: any non-zero allows the pair.
    %one = arith.constant 1.0 : f32
    %ve = tensor.empty(%edges) : tensor<?xf32>
    %vals = linalg.fill ins(%one : f32) outs(%ve : tensor<?xf32>) -> tensor<?xf32>
    %s1 = arith.addi %seed, %i1 : i64
    %s2 = arith.addi %seed, %i2 : i64
    %s3 = arith.addi %seed, %i3 : i64
    %q = func.call @random(%s1) : (i64) -> tensor<45x16xf32>
    %k = func.call @random(%s2) : (i64) -> tensor<45x16xf32>
    %v = func.call @random(%s3) : (i64) -> tensor<45x16xf32>
    %got = func.call @sparse(%o, %c, %vals, %q, %k, %v) : (tensor<46xi64>, tensor<?xi64>, tensor<?xf32>, tensor<45x16xf32>, tensor<45x16xf32>, tensor<45x16xf32>) -> tensor<45x16xf32>
    %want = func.call @dense(%o, %c, %vals, %q, %k, %v) : (tensor<46xi64>, tensor<?xi64>, tensor<?xf32>, tensor<45x16xf32>, tensor<45x16xf32>, tensor<45x16xf32>) -> tensor<45x16xf32>
    func.call @check(%got, %want, %density) : (tensor<45x16xf32>, tensor<45x16xf32>, f64) -> ()
    %got2 = func.call @sparse_masked_fill(%o, %c, %vals, %q, %k, %v) : (tensor<46xi64>, tensor<?xi64>, tensor<?xf32>, tensor<45x16xf32>, tensor<45x16xf32>, tensor<45x16xf32>) -> tensor<45x16xf32>
    func.call @check(%got2, %want, %density) : (tensor<45x16xf32>, tensor<45x16xf32>, f64) -> ()
  }
  return
}
