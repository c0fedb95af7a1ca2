// A GNN layer in SAGA-NN form on a weighted graph given as CSR, values
// included, with no dense adjacency: spider.from_csr makes the adjacency a
// packed sparse value (one [1, 1] micro-tile per edge, read in place), and
// sum, mean and max aggregation run through PIT over the source vertices.
// The oracle is the same layer on the dense weighted adjacency, unmarked;
// densities are edges over vertices^2, 50 vertices (no tile multiple).
// RUN: spider-opt %s --spider-cpu-pipeline | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s
// RUN: spider-opt %s --spider-decompose-aggregated-ops --spider-sparsify --spider-lower-pit-to-loops --spider-densify-packed-values | FileCheck %s --check-prefix=PACKED

// The marked layer builds no 50x50 tensor: the adjacency is its values.
// PACKED-LABEL: func.func @sparse(
// PACKED-NOT:     tensor<50x50xf32>
// PACKED:         spider.index_from_csr {{.*}} {sorted_columns}
// PACKED-NOT:     tensor<50x50xf32>
// PACKED:         return
// CHECK: check 0: max relative error {{.*}} ok
// CHECK: check 0: max relative error {{.*}} ok
// CHECK: check 0: max relative error {{.*}} ok
// CHECK: check 0.01: max relative error {{.*}} ok
// CHECK: check 0.01: max relative error {{.*}} ok
// CHECK: check 0.01: max relative error {{.*}} ok
// CHECK: check 0.1: max relative error {{.*}} ok
// CHECK: check 0.1: max relative error {{.*}} ok
// CHECK: check 0.1: max relative error {{.*}} ok
// CHECK: check 0.5: max relative error {{.*}} ok
// CHECK: check 0.5: max relative error {{.*}} ok
// CHECK: check 0.5: max relative error {{.*}} ok
// CHECK: check 1: max relative error {{.*}} ok
// CHECK: check 1: max relative error {{.*}} ok
// CHECK: check 1: max relative error {{.*}} ok
// CHECK-NOT: FAILED

#vu = affine_map<(v, f, u) -> (v, u)>
#uf = affine_map<(v, f, u) -> (u, f)>
#vf = affine_map<(v, f, u) -> (v, f)>
#vu2 = affine_map<(v, u) -> (v, u)>
#v2 = affine_map<(v, u) -> (v)>
#vf2 = affine_map<(v, f) -> (v, f)>
#vh = affine_map<(v, h) -> (v, h)>

func.func @apply_vertex(%agg: tensor<50x12xf32>, %w: tensor<12x8xf32>, %init: tensor<50x8xf32>) -> tensor<50x8xf32> {
  %zero = arith.constant 0.0 : f32
  %y = linalg.matmul ins(%agg, %w : tensor<50x12xf32>, tensor<12x8xf32>) outs(%init : tensor<50x8xf32>) -> tensor<50x8xf32>
  %r = linalg.generic {indexing_maps = [#vh], iterator_types = ["parallel", "parallel"]} outs(%y : tensor<50x8xf32>) {
  ^bb0(%out: f32):
    %m = arith.maximumf %out, %zero : f32
    linalg.yield %m : f32
  } -> tensor<50x8xf32>
  return %r : tensor<50x8xf32>
}

func.func @adjacency(%o: tensor<51xi64>, %c: tensor<?xi64>, %vals: tensor<?xf32>) -> tensor<50x50xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cv = arith.constant 50 : index
  %e = tensor.empty() : tensor<50x50xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<50x50xf32>) -> tensor<50x50xf32>
  %a = scf.for %r = %c0 to %cv step %c1 iter_args(%acc = %z) -> (tensor<50x50xf32>) {
    %r1 = arith.addi %r, %c1 : index
    %s64 = tensor.extract %o[%r] : tensor<51xi64>
    %e64 = tensor.extract %o[%r1] : tensor<51xi64>
    %s = arith.index_cast %s64 : i64 to index
    %en = arith.index_cast %e64 : i64 to index
    %row = scf.for %p = %s to %en step %c1 iter_args(%acc2 = %acc) -> (tensor<50x50xf32>) {
      %col64 = tensor.extract %c[%p] : tensor<?xi64>
      %col = arith.index_cast %col64 : i64 to index
      %val = tensor.extract %vals[%p] : tensor<?xf32>
      %ins = tensor.insert %val into %acc2[%r, %col] : tensor<50x50xf32>
      scf.yield %ins : tensor<50x50xf32>
    }
    scf.yield %row : tensor<50x50xf32>
  }
  return %a : tensor<50x50xf32>
}

func.func @sparse(%o: tensor<51xi64>, %c: tensor<?xi64>, %vals: tensor<?xf32>, %x: tensor<50x12xf32>, %w: tensor<12x8xf32>) -> (tensor<50x8xf32>, tensor<50x8xf32>, tensor<50x8xf32>) {
  %n = arith.constant 50 : index
  %as = spider.from_csr %o, %c, %vals, num_columns = %n : tensor<51xi64>, tensor<?xi64>, tensor<?xf32> -> tensor<50x50xf32, #spider.sparse<microtile = [1, 1]>>
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %e2 = tensor.empty() : tensor<50x12xf32>
  %e1 = tensor.empty() : tensor<50xf32>
  %eo = tensor.empty() : tensor<50x8xf32>
  %z2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<50x12xf32>) -> tensor<50x12xf32>
  %z1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<50xf32>) -> tensor<50xf32>
  %zo = linalg.fill ins(%zero : f32) outs(%eo : tensor<50x8xf32>) -> tensor<50x8xf32>
  %m2 = linalg.fill ins(%ninf : f32) outs(%e2 : tensor<50x12xf32>) -> tensor<50x12xf32>
  // Scatter + ApplyEdge + Gather(sum): S[v, f] = sum_u A[v, u] * X[u, f].
  %sum = linalg.generic {indexing_maps = [#vu, #uf, #vf], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%as, %x : tensor<50x50xf32, #spider.sparse<microtile = [1, 1]>>, tensor<50x12xf32>) outs(%z2 : tensor<50x12xf32>) {
  ^bb0(%a: f32, %xv: f32, %out: f32):
    %m = arith.mulf %a, %xv : f32
    %r = arith.addf %out, %m : f32
    linalg.yield %r : f32
  } -> tensor<50x12xf32>
  // In-degrees, for the mean.
  %deg = linalg.generic {indexing_maps = [#vu2, #v2], iterator_types = ["parallel", "reduction"]}
      ins(%as : tensor<50x50xf32, #spider.sparse<microtile = [1, 1]>>) outs(%z1 : tensor<50xf32>) {
  ^bb0(%a: f32, %out: f32):
    %r = arith.addf %out, %a : f32
    linalg.yield %r : f32
  } -> tensor<50xf32>
  %mean = linalg.generic {indexing_maps = [#vf2, #v2, #vf2], iterator_types = ["parallel", "parallel"]}
      ins(%sum, %deg : tensor<50x12xf32>, tensor<50xf32>) outs(%e2 : tensor<50x12xf32>) {
  ^bb0(%s: f32, %d: f32, %out: f32):
    %has = arith.cmpf ogt, %d, %zero : f32
    %q = arith.divf %s, %d : f32
    %r = arith.select %has, %q, %zero : f32
    linalg.yield %r : f32
  } -> tensor<50x12xf32>
  // Gather(max) over neighbours; no neighbour gives 0.
  %mx = linalg.generic {indexing_maps = [#vu, #uf, #vf], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%as, %x : tensor<50x50xf32, #spider.sparse<microtile = [1, 1]>>, tensor<50x12xf32>) outs(%m2 : tensor<50x12xf32>) {
  ^bb0(%a: f32, %xv: f32, %out: f32):
    %edge = arith.cmpf one, %a, %zero : f32
    %msg = arith.select %edge, %xv, %ninf : f32
    %r = arith.maximumf %out, %msg : f32
    linalg.yield %r : f32
  } -> tensor<50x12xf32>
  %max = linalg.generic {indexing_maps = [#vf2, #vf2], iterator_types = ["parallel", "parallel"]}
      ins(%mx : tensor<50x12xf32>) outs(%e2 : tensor<50x12xf32>) {
  ^bb0(%m: f32, %out: f32):
    %none = arith.cmpf oeq, %m, %ninf : f32
    %r = arith.select %none, %zero, %m : f32
    linalg.yield %r : f32
  } -> tensor<50x12xf32>
  // ApplyVertex: relu(aggregate W).
  %ys = func.call @apply_vertex(%sum, %w, %zo) : (tensor<50x12xf32>, tensor<12x8xf32>, tensor<50x8xf32>) -> tensor<50x8xf32>
  %ym = func.call @apply_vertex(%mean, %w, %zo) : (tensor<50x12xf32>, tensor<12x8xf32>, tensor<50x8xf32>) -> tensor<50x8xf32>
  %yx = func.call @apply_vertex(%max, %w, %zo) : (tensor<50x12xf32>, tensor<12x8xf32>, tensor<50x8xf32>) -> tensor<50x8xf32>
  return %ys, %ym, %yx : tensor<50x8xf32>, tensor<50x8xf32>, tensor<50x8xf32>
}

func.func @dense(%o: tensor<51xi64>, %c: tensor<?xi64>, %vals: tensor<?xf32>, %x: tensor<50x12xf32>, %w: tensor<12x8xf32>) -> (tensor<50x8xf32>, tensor<50x8xf32>, tensor<50x8xf32>) {
  %adj = func.call @adjacency(%o, %c, %vals) : (tensor<51xi64>, tensor<?xi64>, tensor<?xf32>) -> tensor<50x50xf32>
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %e2 = tensor.empty() : tensor<50x12xf32>
  %e1 = tensor.empty() : tensor<50xf32>
  %eo = tensor.empty() : tensor<50x8xf32>
  %z2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<50x12xf32>) -> tensor<50x12xf32>
  %z1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<50xf32>) -> tensor<50xf32>
  %zo = linalg.fill ins(%zero : f32) outs(%eo : tensor<50x8xf32>) -> tensor<50x8xf32>
  %m2 = linalg.fill ins(%ninf : f32) outs(%e2 : tensor<50x12xf32>) -> tensor<50x12xf32>
  // Scatter + ApplyEdge + Gather(sum): S[v, f] = sum_u A[v, u] * X[u, f].
  %sum = linalg.generic {indexing_maps = [#vu, #uf, #vf], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%adj, %x : tensor<50x50xf32>, tensor<50x12xf32>) outs(%z2 : tensor<50x12xf32>) {
  ^bb0(%a: f32, %xv: f32, %out: f32):
    %m = arith.mulf %a, %xv : f32
    %r = arith.addf %out, %m : f32
    linalg.yield %r : f32
  } -> tensor<50x12xf32>
  // In-degrees, for the mean.
  %deg = linalg.generic {indexing_maps = [#vu2, #v2], iterator_types = ["parallel", "reduction"]}
      ins(%adj : tensor<50x50xf32>) outs(%z1 : tensor<50xf32>) {
  ^bb0(%a: f32, %out: f32):
    %r = arith.addf %out, %a : f32
    linalg.yield %r : f32
  } -> tensor<50xf32>
  %mean = linalg.generic {indexing_maps = [#vf2, #v2, #vf2], iterator_types = ["parallel", "parallel"]}
      ins(%sum, %deg : tensor<50x12xf32>, tensor<50xf32>) outs(%e2 : tensor<50x12xf32>) {
  ^bb0(%s: f32, %d: f32, %out: f32):
    %has = arith.cmpf ogt, %d, %zero : f32
    %q = arith.divf %s, %d : f32
    %r = arith.select %has, %q, %zero : f32
    linalg.yield %r : f32
  } -> tensor<50x12xf32>
  // Gather(max) over neighbours; no neighbour gives 0.
  %mx = linalg.generic {indexing_maps = [#vu, #uf, #vf], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%adj, %x : tensor<50x50xf32>, tensor<50x12xf32>) outs(%m2 : tensor<50x12xf32>) {
  ^bb0(%a: f32, %xv: f32, %out: f32):
    %edge = arith.cmpf one, %a, %zero : f32
    %msg = arith.select %edge, %xv, %ninf : f32
    %r = arith.maximumf %out, %msg : f32
    linalg.yield %r : f32
  } -> tensor<50x12xf32>
  %max = linalg.generic {indexing_maps = [#vf2, #vf2], iterator_types = ["parallel", "parallel"]}
      ins(%mx : tensor<50x12xf32>) outs(%e2 : tensor<50x12xf32>) {
  ^bb0(%m: f32, %out: f32):
    %none = arith.cmpf oeq, %m, %ninf : f32
    %r = arith.select %none, %zero, %m : f32
    linalg.yield %r : f32
  } -> tensor<50x12xf32>
  // ApplyVertex: relu(aggregate W).
  %ys = func.call @apply_vertex(%sum, %w, %zo) : (tensor<50x12xf32>, tensor<12x8xf32>, tensor<50x8xf32>) -> tensor<50x8xf32>
  %ym = func.call @apply_vertex(%mean, %w, %zo) : (tensor<50x12xf32>, tensor<12x8xf32>, tensor<50x8xf32>) -> tensor<50x8xf32>
  %yx = func.call @apply_vertex(%max, %w, %zo) : (tensor<50x12xf32>, tensor<12x8xf32>, tensor<50x8xf32>) -> tensor<50x8xf32>
  return %ys, %ym, %yx : tensor<50x8xf32>, tensor<50x8xf32>, tensor<50x8xf32>
}

func.func private @spider_rt_fill_random_f32(memref<*xf32>, i64, f64, i64, i64, i64, i64) attributes {llvm.emit_c_interface}
func.func private @spider_rt_fill_rmat_csr(memref<51xi64>, memref<?xi64>, i64) attributes {llvm.emit_c_interface}
func.func private @spider_rt_check_close_f32(memref<*xf32>, memref<*xf32>, f64, f64) -> i32 attributes {llvm.emit_c_interface}

func.func @check(%got: tensor<50x8xf32>, %want: tensor<50x8xf32>, %label: f64) {
  %tol = arith.constant 1.0e-5 : f64
  %gm = bufferization.to_buffer %got read_only : tensor<50x8xf32> to memref<50x8xf32>
  %wm = bufferization.to_buffer %want read_only : tensor<50x8xf32> to memref<50x8xf32>
  %gu = memref.cast %gm : memref<50x8xf32> to memref<*xf32>
  %wu = memref.cast %wm : memref<50x8xf32> to memref<*xf32>
  %ok = func.call @spider_rt_check_close_f32(%gu, %wu, %tol, %label) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
  return
}

func.func @positive(%v: tensor<?xf32>) -> tensor<?xf32> {
  %half = arith.constant 0.5 : f32
  %r = linalg.generic {indexing_maps = [affine_map<(e) -> (e)>], iterator_types = ["parallel"]} outs(%v : tensor<?xf32>) {
  ^bb0(%x: f32):
    %a = math.absf %x : f32
    %p = arith.addf %a, %half : f32
    linalg.yield %p : f32
  } -> tensor<?xf32>
  return %r : tensor<?xf32>
}

func.func @main() {
  %densities = arith.constant dense<[0.0, 0.01, 0.1, 0.5, 1.0]> : tensor<5xf64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c5 = arith.constant 5 : index
  %i1 = arith.constant 1 : i64
  %full = arith.constant 1.0 : f64
  %cells = arith.constant 2500.0 : f64
  scf.for %i = %c0 to %c5 step %c1 {
    %density = tensor.extract %densities[%i] : tensor<5xf64>
    %seed = arith.index_cast %i : index to i64
    %ef = arith.mulf %density, %cells : f64
    %e64 = arith.fptosi %ef : f64 to i64
    %edges = arith.index_cast %e64 : i64 to index
    %om = memref.alloc() : memref<51xi64>
    %cm = memref.alloc(%edges) : memref<?xi64>
    func.call @spider_rt_fill_rmat_csr(%om, %cm, %seed) : (memref<51xi64>, memref<?xi64>, i64) -> ()
    %o = bufferization.to_tensor %om restrict : memref<51xi64> to tensor<51xi64>
    %c = bufferization.to_tensor %cm restrict : memref<?xi64> to tensor<?xi64>
    %xm = memref.alloc() : memref<50x12xf32>
    %wm = memref.alloc() : memref<12x8xf32>
    %xu = memref.cast %xm : memref<50x12xf32> to memref<*xf32>
    %wu = memref.cast %wm : memref<12x8xf32> to memref<*xf32>
    func.call @spider_rt_fill_random_f32(%xu, %seed, %full, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %seed2 = arith.addi %seed, %i1 : i64
    func.call @spider_rt_fill_random_f32(%wu, %seed2, %full, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %x = bufferization.to_tensor %xm restrict : memref<50x12xf32> to tensor<50x12xf32>
    %w = bufferization.to_tensor %wm restrict : memref<12x8xf32> to tensor<12x8xf32>
    // Edge weights in [0.5, 1.5]: positive, so that weighted degrees stay
    // away from zero.
    %vm = memref.alloc(%edges) : memref<?xf32>
    %vu = memref.cast %vm : memref<?xf32> to memref<*xf32>
    %seed3 = arith.addi %seed2, %i1 : i64
    func.call @spider_rt_fill_random_f32(%vu, %seed3, %full, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %raw = bufferization.to_tensor %vm restrict : memref<?xf32> to tensor<?xf32>
    %vals = func.call @positive(%raw) : (tensor<?xf32>) -> tensor<?xf32>
    %g0, %g1, %g2 = func.call @sparse(%o, %c, %vals, %x, %w) : (tensor<51xi64>, tensor<?xi64>, tensor<?xf32>, tensor<50x12xf32>, tensor<12x8xf32>) -> (tensor<50x8xf32>, tensor<50x8xf32>, tensor<50x8xf32>)
    %w0, %w1, %w2 = func.call @dense(%o, %c, %vals, %x, %w) : (tensor<51xi64>, tensor<?xi64>, tensor<?xf32>, tensor<50x12xf32>, tensor<12x8xf32>) -> (tensor<50x8xf32>, tensor<50x8xf32>, tensor<50x8xf32>)
    func.call @check(%g0, %w0, %density) : (tensor<50x8xf32>, tensor<50x8xf32>, f64) -> ()
    func.call @check(%g1, %w1, %density) : (tensor<50x8xf32>, tensor<50x8xf32>, f64) -> ()
    func.call @check(%g2, %w2, %density) : (tensor<50x8xf32>, tensor<50x8xf32>, f64) -> ()
  }
  return
}
