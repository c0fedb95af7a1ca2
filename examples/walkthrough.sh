#!/usr/bin/env bash
# The walk-through of `make walkthrough`: Spider's dialect and its permutation-
# invariance analysis on examples/sparse-matmul.mlir.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
opt="$build/bin/spider-opt"
example=examples/sparse-matmul.mlir

section() { printf '\n\033[1m== %s ==\033[0m\n' "$1"; }

section "1. The program, as a user writes it ($example)"
grep -v '^//' "$example" | sed '/^$/N;/^\n$/D'

section "2. The analysis: spider.pi_dims on every linalg op (--spider-test-permutation-invariance)"
"$opt" "$example" --spider-test-permutation-invariance |
  grep -E 'func.func|linalg\.|spider\.' | grep -v 'linalg.yield'

section "3. Why some dimensions do not qualify (--spider-test-permutation-invariance=explain)"
"$opt" "$example" --spider-test-permutation-invariance=explain -o /dev/null 2>&1 |
  grep remark | sed 's/^[^:]*:\([0-9]*\):[0-9]*: remark: /  line \1: /'

section "4. A static weight pattern: its index folds at compile time (--canonicalize)"
"$opt" "$example" --canonicalize | sed -n '/func.func @static_weight/,/^  }/p'

section "5. spider-sparsify: marked ops become spider.detect + spider.pit (remarks say why not)"
"$opt" "$example" --spider-sparsify 2>&1 | sed -n '/func.func @sparse_matmul/,/^  }/p;/remark/p'

section "6. Verifiers name the problem in the user's terms"
printf '%s\n' \
  '#S = #spider.sparse<microtile = [32, 1]>' \
  'func.func @f(%a: tensor<64x64xf32, #S>) -> !spider.index<microtile = [16, 1], pack_dim = 1> {' \
  '  %i = spider.detect %a : tensor<64x64xf32, #S> -> !spider.index<microtile = [16, 1], pack_dim = 1>' \
  '  return %i : !spider.index<microtile = [16, 1], pack_dim = 1>' \
  '}' > "$build/demo-invalid.mlir"
"$opt" "$build/demo-invalid.mlir" 2>&1 | head -n 3 || true

printf '\nNext: tile selection and the CPU and GPU pipelines lower spider.pit\n'
printf '(issues [2/3] and [3/3]).\n'
