// RUN: spider-opt %s --pass-pipeline="builtin.module(func.func(spider-tile-and-vectorize{register-tile=4,64}))" -verify-diagnostics
// RUN: spider-opt %s --pass-pipeline="builtin.module(func.func(spider-tile-and-vectorize{cache-tile=256,512,256,1}))" -verify-diagnostics

// expected-error@+1 {{spider-tile-and-vectorize: cache-tile and register-tile take three sizes (m, n, k)}}
func.func @f() {
  return
}
