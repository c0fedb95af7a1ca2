// assumed-density is a fraction of active micro-tiles: anything outside
// [0, 1], NaN included, is an error naming the option (the cover factors it
// chooses from would mean nothing), on the pass and through the pipelines.
// RUN: not spider-opt %s --spider-select-tiles=assumed-density=-1 2>&1 | FileCheck %s -DVALUE=-1
// RUN: not spider-opt %s --spider-select-tiles=assumed-density=5 2>&1 | FileCheck %s -DVALUE=5
// RUN: not spider-opt %s --spider-select-tiles=assumed-density=nan 2>&1 | FileCheck %s -DVALUE=nan
// RUN: not spider-opt %s --spider-cpu-pipeline=assumed-density=1.5 2>&1 | FileCheck %s -DVALUE=1.5
// RUN: not spider-opt %s --spider-gpu-pipeline=assumed-density=-0.5 2>&1 | FileCheck %s -DVALUE=-0.5
// RUN: spider-opt %s --spider-select-tiles=assumed-density=0 | FileCheck %s --check-prefix=OK
// RUN: spider-opt %s --spider-select-tiles=assumed-density=1 | FileCheck %s --check-prefix=OK

// CHECK: error: spider-select-tiles: assumed-density [[VALUE]] must lie in [0, 1] (the fraction of active micro-tiles)
// OK: func.func @f
func.func @f() {
  return
}
