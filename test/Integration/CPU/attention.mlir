// Dynamic sparse attention with a sliding-window plus random-global mask:
// SDDMM, masked softmax and SpMM, the mask and the probabilities marked
// sparse in [1, 8] micro-tiles. Densities set the share of global key
// tokens (0: the window alone, 1: full attention). The oracle is the same
// program unmarked.
// RUN: spider-opt %s --spider-cpu-pipeline | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s
// RUN: spider-opt %s --spider-sparsify | FileCheck %s --check-prefix=PIT

// PIT-LABEL: func.func @sparse
// PIT-COUNT-4: spider.pit

// CHECK: check 0: max relative error {{.*}} ok
// CHECK: check 0.01: max relative error {{.*}} ok
// CHECK: check 0.1: max relative error {{.*}} ok
// CHECK: check 0.5: max relative error {{.*}} ok
// CHECK: check 1: max relative error {{.*}} ok
// CHECK-NOT: FAILED

#ij = affine_map<(i, j, d) -> (i, j)>
#id = affine_map<(i, j, d) -> (i, d)>
#jd = affine_map<(i, j, d) -> (j, d)>
#ij2 = affine_map<(i, j) -> (i, j)>
#i2 = affine_map<(i, j) -> (i)>
#j2 = affine_map<(i, j) -> (j)>

// 1 where |i - j| <= 3 or key j is global, 0 elsewhere.
func.func @mask(%global: tensor<45xf32>) -> tensor<45x45xf32> {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %w = arith.constant 3 : index
  %e = tensor.empty() : tensor<45x45xf32>
  %m = linalg.generic {indexing_maps = [#j2, #ij2], iterator_types = ["parallel", "parallel"]}
      ins(%global : tensor<45xf32>) outs(%e : tensor<45x45xf32>) {
  ^bb0(%g: f32, %out: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %d1 = arith.subi %i, %j : index
    %d2 = arith.subi %j, %i : index
    %d = arith.maxsi %d1, %d2 : index
    %near = arith.cmpi sle, %d, %w : index
    %isg = arith.cmpf one, %g, %zero : f32
    %on = arith.ori %near, %isg : i1
    %r = arith.select %on, %one, %zero : f32
    linalg.yield %r : f32
  } -> tensor<45x45xf32>
  return %m : tensor<45x45xf32>
}

func.func @sparse(%q: tensor<45x16xf32>, %k: tensor<45x16xf32>, %v: tensor<45x16xf32>,
                %global: tensor<45xf32>) -> tensor<45x16xf32> {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %m = func.call @mask(%global) : (tensor<45xf32>) -> tensor<45x45xf32>
  %ms = spider.assume_sparse %m : tensor<45x45xf32> to tensor<45x45xf32, #spider.sparse<microtile = [1, 8]>>
  %e2 = tensor.empty() : tensor<45x45xf32>
  %z2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<45x45xf32>) -> tensor<45x45xf32>
  %e1 = tensor.empty() : tensor<45xf32>
  %z1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<45xf32>) -> tensor<45xf32>
  %n1 = linalg.fill ins(%ninf : f32) outs(%e1 : tensor<45xf32>) -> tensor<45xf32>
  %eo = tensor.empty() : tensor<45x16xf32>
  %zo = linalg.fill ins(%zero : f32) outs(%eo : tensor<45x16xf32>) -> tensor<45x16xf32>
  // SDDMM: scores where the mask allows.
  %s = linalg.generic {indexing_maps = [#ij, #id, #jd, #ij], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%ms, %q, %k : tensor<45x45xf32, #spider.sparse<microtile = [1, 8]>>, tensor<45x16xf32>, tensor<45x16xf32>) outs(%z2 : tensor<45x45xf32>) {
  ^bb0(%mv: f32, %qv: f32, %kv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %p = arith.mulf %qv, %kv : f32
    %c = arith.select %on, %p, %zero : f32
    %r = arith.addf %out, %c : f32
    linalg.yield %r : f32
  } -> tensor<45x45xf32>
  // Masked softmax: row max, exponentials, row sum, normalization.
  %max = linalg.generic {indexing_maps = [#ij2, #ij2, #i2], iterator_types = ["parallel", "reduction"]}
      ins(%ms, %s : tensor<45x45xf32, #spider.sparse<microtile = [1, 8]>>, tensor<45x45xf32>) outs(%n1 : tensor<45xf32>) {
  ^bb0(%mv: f32, %sv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %c = arith.select %on, %sv, %ninf : f32
    %r = arith.maximumf %out, %c : f32
    linalg.yield %r : f32
  } -> tensor<45xf32>
  %p = linalg.generic {indexing_maps = [#ij2, #ij2, #i2, #ij2], iterator_types = ["parallel", "parallel"]}
      ins(%ms, %s, %max : tensor<45x45xf32, #spider.sparse<microtile = [1, 8]>>, tensor<45x45xf32>, tensor<45xf32>) outs(%z2 : tensor<45x45xf32>) {
  ^bb0(%mv: f32, %sv: f32, %mx: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %d = arith.subf %sv, %mx : f32
    %e = math.exp %d : f32
    %r = arith.select %on, %e, %zero : f32
    linalg.yield %r : f32
  } -> tensor<45x45xf32>
  %sum = linalg.generic {indexing_maps = [#ij2, #i2], iterator_types = ["parallel", "reduction"]}
      ins(%p : tensor<45x45xf32>) outs(%z1 : tensor<45xf32>) {
  ^bb0(%pv: f32, %out: f32):
    %r = arith.addf %out, %pv : f32
    linalg.yield %r : f32
  } -> tensor<45xf32>
  %pn = linalg.generic {indexing_maps = [#ij2, #i2, #ij2], iterator_types = ["parallel", "parallel"]}
      ins(%p, %sum : tensor<45x45xf32>, tensor<45xf32>) outs(%z2 : tensor<45x45xf32>) {
  ^bb0(%pv: f32, %sv: f32, %out: f32):
    %r = arith.divf %pv, %sv : f32
    linalg.yield %r : f32
  } -> tensor<45x45xf32>
  %pns = spider.assume_sparse %pn : tensor<45x45xf32> to tensor<45x45xf32, #spider.sparse<microtile = [1, 8]>>
  // SpMM: probabilities times values.
  %o = linalg.matmul ins(%pns, %v : tensor<45x45xf32, #spider.sparse<microtile = [1, 8]>>, tensor<45x16xf32>) outs(%zo : tensor<45x16xf32>) -> tensor<45x16xf32>
  return %o : tensor<45x16xf32>
}

func.func @dense(%q: tensor<45x16xf32>, %k: tensor<45x16xf32>, %v: tensor<45x16xf32>,
                %global: tensor<45xf32>) -> tensor<45x16xf32> {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %m = func.call @mask(%global) : (tensor<45xf32>) -> tensor<45x45xf32>
  %e2 = tensor.empty() : tensor<45x45xf32>
  %z2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<45x45xf32>) -> tensor<45x45xf32>
  %e1 = tensor.empty() : tensor<45xf32>
  %z1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<45xf32>) -> tensor<45xf32>
  %n1 = linalg.fill ins(%ninf : f32) outs(%e1 : tensor<45xf32>) -> tensor<45xf32>
  %eo = tensor.empty() : tensor<45x16xf32>
  %zo = linalg.fill ins(%zero : f32) outs(%eo : tensor<45x16xf32>) -> tensor<45x16xf32>
  // SDDMM: scores where the mask allows.
  %s = linalg.generic {indexing_maps = [#ij, #id, #jd, #ij], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%m, %q, %k : tensor<45x45xf32>, tensor<45x16xf32>, tensor<45x16xf32>) outs(%z2 : tensor<45x45xf32>) {
  ^bb0(%mv: f32, %qv: f32, %kv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %p = arith.mulf %qv, %kv : f32
    %c = arith.select %on, %p, %zero : f32
    %r = arith.addf %out, %c : f32
    linalg.yield %r : f32
  } -> tensor<45x45xf32>
  // Masked softmax: row max, exponentials, row sum, normalization.
  %max = linalg.generic {indexing_maps = [#ij2, #ij2, #i2], iterator_types = ["parallel", "reduction"]}
      ins(%m, %s : tensor<45x45xf32>, tensor<45x45xf32>) outs(%n1 : tensor<45xf32>) {
  ^bb0(%mv: f32, %sv: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %c = arith.select %on, %sv, %ninf : f32
    %r = arith.maximumf %out, %c : f32
    linalg.yield %r : f32
  } -> tensor<45xf32>
  %p = linalg.generic {indexing_maps = [#ij2, #ij2, #i2, #ij2], iterator_types = ["parallel", "parallel"]}
      ins(%m, %s, %max : tensor<45x45xf32>, tensor<45x45xf32>, tensor<45xf32>) outs(%z2 : tensor<45x45xf32>) {
  ^bb0(%mv: f32, %sv: f32, %mx: f32, %out: f32):
    %on = arith.cmpf one, %mv, %zero : f32
    %d = arith.subf %sv, %mx : f32
    %e = math.exp %d : f32
    %r = arith.select %on, %e, %zero : f32
    linalg.yield %r : f32
  } -> tensor<45x45xf32>
  %sum = linalg.generic {indexing_maps = [#ij2, #i2], iterator_types = ["parallel", "reduction"]}
      ins(%p : tensor<45x45xf32>) outs(%z1 : tensor<45xf32>) {
  ^bb0(%pv: f32, %out: f32):
    %r = arith.addf %out, %pv : f32
    linalg.yield %r : f32
  } -> tensor<45xf32>
  %pn = linalg.generic {indexing_maps = [#ij2, #i2, #ij2], iterator_types = ["parallel", "parallel"]}
      ins(%p, %sum : tensor<45x45xf32>, tensor<45xf32>) outs(%z2 : tensor<45x45xf32>) {
  ^bb0(%pv: f32, %sv: f32, %out: f32):
    %r = arith.divf %pv, %sv : f32
    linalg.yield %r : f32
  } -> tensor<45x45xf32>
  // SpMM: probabilities times values.
  %o = linalg.matmul ins(%pn, %v : tensor<45x45xf32>, tensor<45x16xf32>) outs(%zo : tensor<45x16xf32>) -> tensor<45x16xf32>
  return %o : tensor<45x16xf32>
}

func.func private @spider_rt_fill_random_f32(memref<*xf32>, i64, f64, i64, i64, i64, i64) attributes {llvm.emit_c_interface}
func.func private @spider_rt_check_close_f32(memref<*xf32>, memref<*xf32>, f64, f64) -> i32 attributes {llvm.emit_c_interface}

func.func @main() {
  %densities = arith.constant dense<[0.0, 0.01, 0.1, 0.5, 1.0]> : tensor<5xf64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant 5 : index
  %full = arith.constant 1.0 : f64
  %tol = arith.constant 1.0e-5 : f64
  scf.for %i = %c0 to %cn step %c1 {
    %density = tensor.extract %densities[%i] : tensor<5xf64>
    %seed = arith.index_cast %i : index to i64
    %c16i = arith.constant 16 : i64
    %seed16 = arith.muli %seed, %c16i : i64
    %qm = memref.alloc() : memref<45x16xf32>
    %qu = memref.cast %qm : memref<45x16xf32> to memref<*xf32>
    %qt0 = arith.constant 1 : i64
    %qt1 = arith.constant 1 : i64
    %qt2 = arith.constant 1 : i64
    %qt3 = arith.constant 1 : i64
    %qk = arith.constant 1 : i64
    %qsd = arith.addi %seed16, %qk : i64
    func.call @spider_rt_fill_random_f32(%qu, %qsd, %full, %qt0, %qt1, %qt2, %qt3) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %q = bufferization.to_tensor %qm restrict : memref<45x16xf32> to tensor<45x16xf32>
    %km = memref.alloc() : memref<45x16xf32>
    %ku = memref.cast %km : memref<45x16xf32> to memref<*xf32>
    %kt0 = arith.constant 1 : i64
    %kt1 = arith.constant 1 : i64
    %kt2 = arith.constant 1 : i64
    %kt3 = arith.constant 1 : i64
    %kk = arith.constant 2 : i64
    %ksd = arith.addi %seed16, %kk : i64
    func.call @spider_rt_fill_random_f32(%ku, %ksd, %full, %kt0, %kt1, %kt2, %kt3) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %k = bufferization.to_tensor %km restrict : memref<45x16xf32> to tensor<45x16xf32>
    %vm = memref.alloc() : memref<45x16xf32>
    %vu = memref.cast %vm : memref<45x16xf32> to memref<*xf32>
    %vt0 = arith.constant 1 : i64
    %vt1 = arith.constant 1 : i64
    %vt2 = arith.constant 1 : i64
    %vt3 = arith.constant 1 : i64
    %vk = arith.constant 3 : i64
    %vsd = arith.addi %seed16, %vk : i64
    func.call @spider_rt_fill_random_f32(%vu, %vsd, %full, %vt0, %vt1, %vt2, %vt3) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %v = bufferization.to_tensor %vm restrict : memref<45x16xf32> to tensor<45x16xf32>
    %gm = memref.alloc() : memref<45xf32>
    %gu = memref.cast %gm : memref<45xf32> to memref<*xf32>
    %gt0 = arith.constant 1 : i64
    %gt1 = arith.constant 1 : i64
    %gt2 = arith.constant 1 : i64
    %gt3 = arith.constant 1 : i64
    %gk = arith.constant 4 : i64
    %gsd = arith.addi %seed16, %gk : i64
    func.call @spider_rt_fill_random_f32(%gu, %gsd, %density, %gt0, %gt1, %gt2, %gt3) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %g = bufferization.to_tensor %gm restrict : memref<45xf32> to tensor<45xf32>
    %got0 = func.call @sparse(%q, %k, %v, %g) : (tensor<45x16xf32>, tensor<45x16xf32>, tensor<45x16xf32>, tensor<45xf32>) -> (tensor<45x16xf32>)
    %want0 = func.call @dense(%q, %k, %v, %g) : (tensor<45x16xf32>, tensor<45x16xf32>, tensor<45x16xf32>, tensor<45xf32>) -> (tensor<45x16xf32>)
    %gm0 = bufferization.to_buffer %got0 read_only : tensor<45x16xf32> to memref<45x16xf32>
    %wm0 = bufferization.to_buffer %want0 read_only : tensor<45x16xf32> to memref<45x16xf32>
    %gu0 = memref.cast %gm0 : memref<45x16xf32> to memref<*xf32>
    %wu0 = memref.cast %wm0 : memref<45x16xf32> to memref<*xf32>
    %ok0 = func.call @spider_rt_check_close_f32(%gu0, %wu0, %tol, %density) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
  }
  return
}
