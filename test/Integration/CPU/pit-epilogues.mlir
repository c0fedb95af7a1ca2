// Element-wise epilogues fused into the spider.pit ops they read
// (spider-fuse-pit-epilogues): a ReLU after a marked matmul, a mean (the
// row sums of A·X and of A, two sibling PITs on one index, divided, 0 for
// an empty row) and a max aggregation (-inf for no neighbour, then 0).
// A in [3, 1] micro-tiles, 47x70 (not a multiple of the tile), densities
// 0 to 1: at 1 the dense fallback of the fused op runs (it keeps its
// PITs' dense_threshold). The oracle is the same program unmarked.
// RUN: spider-opt %s --spider-cpu-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --allow-empty
// RUN: spider-opt %s --pass-pipeline='builtin.module(spider-decompose-aggregated-ops,spider-sparsify,spider-fuse-pit-chains,spider-select-tiles,spider-fuse-pit-epilogues)' | FileCheck %s --check-prefix=FUSED
// RUN: spider-opt %s --spider-cpu-pipeline | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s
// RUN: spider-opt %s --spider-cpu-pipeline=threads=2 | mlir-runner -e main -entry-point-result=void -shared-libs=%spider_runtime_libs | FileCheck %s

// REMARK-NOT: not fused
// REMARK-NOT: lowered densely

// One spider.pit per function, its epilogue inside; the mean's sums and
// degrees never leave it.
// FUSED-LABEL: func.func @relu_mm(
// FUSED: spider.pit
// FUSED: linalg.matmul
// FUSED: arith.maximumf
// FUSED: spider.yield
// FUSED-NOT: linalg.generic
// FUSED: return
// FUSED-LABEL: func.func @mean(
// FUSED: spider.pit
// FUSED: arith.divf
// FUSED: spider.yield %{{[0-9]+}} : tensor<47x20xf32>
// FUSED-NEXT: } -> tensor<47x20xf32>
// FUSED-NEXT: return
// FUSED-LABEL: func.func @max_agg(
// FUSED: spider.pit
// FUSED: arith.maximumf
// FUSED: arith.select
// FUSED: spider.yield
// FUSED-NEXT: } -> tensor<47x20xf32>
// FUSED-NEXT: return

// CHECK: relu check 0: max relative error {{.*}} ok
// CHECK: mean check 0: max relative error {{.*}} ok
// CHECK: max check 0: max relative error {{.*}} ok
// CHECK: relu check 0.01: max relative error {{.*}} ok
// CHECK: mean check 0.01: max relative error {{.*}} ok
// CHECK: max check 0.01: max relative error {{.*}} ok
// CHECK: relu check 0.1: max relative error {{.*}} ok
// CHECK: mean check 0.1: max relative error {{.*}} ok
// CHECK: max check 0.1: max relative error {{.*}} ok
// CHECK: relu check 0.5: max relative error {{.*}} ok
// CHECK: mean check 0.5: max relative error {{.*}} ok
// CHECK: max check 0.5: max relative error {{.*}} ok
// CHECK: relu check 1: max relative error {{.*}} ok
// CHECK: mean check 1: max relative error {{.*}} ok
// CHECK: max check 1: max relative error {{.*}} ok

#S = #spider.sparse<microtile = [3, 1]>
#vu = affine_map<(v, f, u) -> (v, u)>
#uf = affine_map<(v, f, u) -> (u, f)>
#vf = affine_map<(v, f, u) -> (v, f)>
#vu2 = affine_map<(v, u) -> (v, u)>
#v2 = affine_map<(v, u) -> (v)>
#vf2 = affine_map<(v, f) -> (v, f)>
#vd = affine_map<(v, f) -> (v)>

func.func @relu_mm(%a: tensor<47x70xf32>, %x: tensor<70x20xf32>) -> tensor<47x20xf32> {
  %zero = arith.constant 0.0 : f32
  %as = spider.assume_sparse %a : tensor<47x70xf32> to tensor<47x70xf32, #S>
  %e = tensor.empty() : tensor<47x20xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<47x20xf32>) -> tensor<47x20xf32>
  %m = linalg.matmul ins(%as, %x : tensor<47x70xf32, #S>, tensor<70x20xf32>) outs(%z : tensor<47x20xf32>) -> tensor<47x20xf32>
  %r = linalg.generic {indexing_maps = [#vf2, #vf2], iterator_types = ["parallel", "parallel"]}
      ins(%m : tensor<47x20xf32>) outs(%e : tensor<47x20xf32>) {
  ^bb0(%in: f32, %out: f32):
    %y = arith.maximumf %in, %zero : f32
    linalg.yield %y : f32
  } -> tensor<47x20xf32>
  return %r : tensor<47x20xf32>
}

func.func @mean(%a: tensor<47x70xf32>, %x: tensor<70x20xf32>) -> tensor<47x20xf32> {
  %zero = arith.constant 0.0 : f32
  %as = spider.assume_sparse %a : tensor<47x70xf32> to tensor<47x70xf32, #S>
  %e = tensor.empty() : tensor<47x20xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<47x20xf32>) -> tensor<47x20xf32>
  %sum = linalg.generic {indexing_maps = [#vu, #uf, #vf], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%as, %x : tensor<47x70xf32, #S>, tensor<70x20xf32>) outs(%z : tensor<47x20xf32>) {
  ^bb0(%av: f32, %xv: f32, %out: f32):
    %p = arith.mulf %av, %xv : f32
    %s = arith.addf %out, %p : f32
    linalg.yield %s : f32
  } -> tensor<47x20xf32>
  %ed = tensor.empty() : tensor<47xf32>
  %zd = linalg.fill ins(%zero : f32) outs(%ed : tensor<47xf32>) -> tensor<47xf32>
  %deg = linalg.generic {indexing_maps = [#vu2, #v2], iterator_types = ["parallel", "reduction"]}
      ins(%as : tensor<47x70xf32, #S>) outs(%zd : tensor<47xf32>) {
  ^bb0(%av: f32, %out: f32):
    %s = arith.addf %out, %av : f32
    linalg.yield %s : f32
  } -> tensor<47xf32>
  %r = linalg.generic {indexing_maps = [#vf2, #vd, #vf2], iterator_types = ["parallel", "parallel"]}
      ins(%sum, %deg : tensor<47x20xf32>, tensor<47xf32>) outs(%e : tensor<47x20xf32>) {
  ^bb0(%s: f32, %d: f32, %out: f32):
    %has = arith.cmpf one, %d, %zero : f32
    %q = arith.divf %s, %d : f32
    %y = arith.select %has, %q, %zero : f32
    linalg.yield %y : f32
  } -> tensor<47x20xf32>
  return %r : tensor<47x20xf32>
}

func.func @max_agg(%a: tensor<47x70xf32>, %x: tensor<70x20xf32>) -> tensor<47x20xf32> {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %as = spider.assume_sparse %a : tensor<47x70xf32> to tensor<47x70xf32, #S>
  %e = tensor.empty() : tensor<47x20xf32>
  %m0 = linalg.fill ins(%ninf : f32) outs(%e : tensor<47x20xf32>) -> tensor<47x20xf32>
  %mx = linalg.generic {indexing_maps = [#vu, #uf, #vf], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%as, %x : tensor<47x70xf32, #S>, tensor<70x20xf32>) outs(%m0 : tensor<47x20xf32>) {
  ^bb0(%av: f32, %xv: f32, %out: f32):
    %edge = arith.cmpf one, %av, %zero : f32
    %msg = arith.select %edge, %xv, %ninf : f32
    %y = arith.maximumf %out, %msg : f32
    linalg.yield %y : f32
  } -> tensor<47x20xf32>
  %r = linalg.generic {indexing_maps = [#vf2, #vf2], iterator_types = ["parallel", "parallel"]}
      ins(%mx : tensor<47x20xf32>) outs(%e : tensor<47x20xf32>) {
  ^bb0(%m: f32, %out: f32):
    %none = arith.cmpf oeq, %m, %ninf : f32
    %y = arith.select %none, %zero, %m : f32
    linalg.yield %y : f32
  } -> tensor<47x20xf32>
  return %r : tensor<47x20xf32>
}

func.func @relu_mm_dense(%a: tensor<47x70xf32>, %x: tensor<70x20xf32>) -> tensor<47x20xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<47x20xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<47x20xf32>) -> tensor<47x20xf32>
  %m = linalg.matmul ins(%a, %x : tensor<47x70xf32>, tensor<70x20xf32>) outs(%z : tensor<47x20xf32>) -> tensor<47x20xf32>
  %r = linalg.generic {indexing_maps = [#vf2, #vf2], iterator_types = ["parallel", "parallel"]}
      ins(%m : tensor<47x20xf32>) outs(%e : tensor<47x20xf32>) {
  ^bb0(%in: f32, %out: f32):
    %y = arith.maximumf %in, %zero : f32
    linalg.yield %y : f32
  } -> tensor<47x20xf32>
  return %r : tensor<47x20xf32>
}

func.func @mean_dense(%a: tensor<47x70xf32>, %x: tensor<70x20xf32>) -> tensor<47x20xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<47x20xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<47x20xf32>) -> tensor<47x20xf32>
  %sum = linalg.generic {indexing_maps = [#vu, #uf, #vf], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %x : tensor<47x70xf32>, tensor<70x20xf32>) outs(%z : tensor<47x20xf32>) {
  ^bb0(%av: f32, %xv: f32, %out: f32):
    %p = arith.mulf %av, %xv : f32
    %s = arith.addf %out, %p : f32
    linalg.yield %s : f32
  } -> tensor<47x20xf32>
  %ed = tensor.empty() : tensor<47xf32>
  %zd = linalg.fill ins(%zero : f32) outs(%ed : tensor<47xf32>) -> tensor<47xf32>
  %deg = linalg.generic {indexing_maps = [#vu2, #v2], iterator_types = ["parallel", "reduction"]}
      ins(%a : tensor<47x70xf32>) outs(%zd : tensor<47xf32>) {
  ^bb0(%av: f32, %out: f32):
    %s = arith.addf %out, %av : f32
    linalg.yield %s : f32
  } -> tensor<47xf32>
  %r = linalg.generic {indexing_maps = [#vf2, #vd, #vf2], iterator_types = ["parallel", "parallel"]}
      ins(%sum, %deg : tensor<47x20xf32>, tensor<47xf32>) outs(%e : tensor<47x20xf32>) {
  ^bb0(%s: f32, %d: f32, %out: f32):
    %has = arith.cmpf one, %d, %zero : f32
    %q = arith.divf %s, %d : f32
    %y = arith.select %has, %q, %zero : f32
    linalg.yield %y : f32
  } -> tensor<47x20xf32>
  return %r : tensor<47x20xf32>
}

func.func @max_agg_dense(%a: tensor<47x70xf32>, %x: tensor<70x20xf32>) -> tensor<47x20xf32> {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<47x20xf32>
  %m0 = linalg.fill ins(%ninf : f32) outs(%e : tensor<47x20xf32>) -> tensor<47x20xf32>
  %mx = linalg.generic {indexing_maps = [#vu, #uf, #vf], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %x : tensor<47x70xf32>, tensor<70x20xf32>) outs(%m0 : tensor<47x20xf32>) {
  ^bb0(%av: f32, %xv: f32, %out: f32):
    %edge = arith.cmpf one, %av, %zero : f32
    %msg = arith.select %edge, %xv, %ninf : f32
    %y = arith.maximumf %out, %msg : f32
    linalg.yield %y : f32
  } -> tensor<47x20xf32>
  %r = linalg.generic {indexing_maps = [#vf2, #vf2], iterator_types = ["parallel", "parallel"]}
      ins(%mx : tensor<47x20xf32>) outs(%e : tensor<47x20xf32>) {
  ^bb0(%m: f32, %out: f32):
    %none = arith.cmpf oeq, %m, %ninf : f32
    %y = arith.select %none, %zero, %m : f32
    linalg.yield %y : f32
  } -> tensor<47x20xf32>
  return %r : tensor<47x20xf32>
}

func.func private @spider_rt_fill_random_f32(memref<*xf32>, i64, f64, i64, i64, i64, i64) attributes {llvm.emit_c_interface}
func.func private @spider_rt_check_close_f32(memref<*xf32>, memref<*xf32>, f64, f64) -> i32 attributes {llvm.emit_c_interface}

func.func @check(%got: tensor<47x20xf32>, %want: tensor<47x20xf32>, %density: f64) {
  %tol = arith.constant 1.0e-5 : f64
  %g = bufferization.to_buffer %got read_only : tensor<47x20xf32> to memref<47x20xf32>
  %w = bufferization.to_buffer %want read_only : tensor<47x20xf32> to memref<47x20xf32>
  %gu = memref.cast %g : memref<47x20xf32> to memref<*xf32>
  %wu = memref.cast %w : memref<47x20xf32> to memref<*xf32>
  %ok = func.call @spider_rt_check_close_f32(%gu, %wu, %tol, %density) : (memref<*xf32>, memref<*xf32>, f64, f64) -> i32
  return
}

func.func @main() {
  %densities = arith.constant dense<[0.0, 0.01, 0.1, 0.5, 1.0]> : tensor<5xf64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %cn = arith.constant 5 : index
  %full = arith.constant 1.0 : f64
  %i1 = arith.constant 1 : i64
  %i3 = arith.constant 3 : i64
  %i8 = arith.constant 8 : i64
  scf.for %i = %c0 to %cn step %c1 {
    %density = tensor.extract %densities[%i] : tensor<5xf64>
    %seed0 = arith.index_cast %i : index to i64
    %seed = arith.muli %seed0, %i8 : i64
    %s1 = arith.addi %seed, %i1 : i64
    %s2 = arith.addi %s1, %i1 : i64
    %am = memref.alloc() : memref<47x70xf32>
    %au = memref.cast %am : memref<47x70xf32> to memref<*xf32>
    func.call @spider_rt_fill_random_f32(%au, %s1, %density, %i3, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %a = bufferization.to_tensor %am restrict : memref<47x70xf32> to tensor<47x70xf32>
    %xm = memref.alloc() : memref<70x20xf32>
    %xu = memref.cast %xm : memref<70x20xf32> to memref<*xf32>
    func.call @spider_rt_fill_random_f32(%xu, %s2, %full, %i1, %i1, %i1, %i1) : (memref<*xf32>, i64, f64, i64, i64, i64, i64) -> ()
    %x = bufferization.to_tensor %xm restrict : memref<70x20xf32> to tensor<70x20xf32>

    vector.print str "relu "
    %got0 = func.call @relu_mm(%a, %x) : (tensor<47x70xf32>, tensor<70x20xf32>) -> tensor<47x20xf32>
    %want0 = func.call @relu_mm_dense(%a, %x) : (tensor<47x70xf32>, tensor<70x20xf32>) -> tensor<47x20xf32>
    func.call @check(%got0, %want0, %density) : (tensor<47x20xf32>, tensor<47x20xf32>, f64) -> ()
    vector.print str "mean "
    %got1 = func.call @mean(%a, %x) : (tensor<47x70xf32>, tensor<70x20xf32>) -> tensor<47x20xf32>
    %want1 = func.call @mean_dense(%a, %x) : (tensor<47x70xf32>, tensor<70x20xf32>) -> tensor<47x20xf32>
    func.call @check(%got1, %want1, %density) : (tensor<47x20xf32>, tensor<47x20xf32>, f64) -> ()
    vector.print str "max "
    %got2 = func.call @max_agg(%a, %x) : (tensor<47x70xf32>, tensor<70x20xf32>) -> tensor<47x20xf32>
    %want2 = func.call @max_agg_dense(%a, %x) : (tensor<47x70xf32>, tensor<70x20xf32>) -> tensor<47x20xf32>
    func.call @check(%got2, %want2, %density) : (tensor<47x20xf32>, tensor<47x20xf32>, f64) -> ()
  }
  return
}
