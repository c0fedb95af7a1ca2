#!/usr/bin/env bash
# Tests gpu-suite/check.sh without a GPU (test/GPU/gpu-suite.test runs it):
# makes the results a perfect GPU run of BUNDLE would give (each case's
# output is its CPU run's, the sanitizers report nothing, the benchmark
# agrees with cuBLAS) and checks them, then spoils a few and checks again.
#
#   bash gpu-suite/selftest.sh BUNDLE
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bundle=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
logs=$tmp/logs
mkdir -p "$logs"
cp -r "$bundle/manifest.tsv" "$bundle/info.txt" "$bundle/expected" \
  "$bundle/checks" "$logs/"

while IFS=$'\t' read -r name exe status check prefix; do
  cp "$bundle/expected/$name.out" "$logs/$name.plain.log"
  printf '%s\tplain\t%s\t1.00\n' "$name" "$status" > "$logs/$name.plain.result"
  for tool in memcheck racecheck; do
    { cat "$bundle/expected/$name.out"
      if [ "$tool" = memcheck ]; then
        echo "========= ERROR SUMMARY: 0 errors"
      else
        echo "========= RACECHECK SUMMARY: 0 hazards displayed (0 errors, 0 warnings)"
      fi
    } > "$logs/$name.$tool.log"
    printf '%s\t%s\t%s\t9.00\n' "$name" "$tool" "$status" > "$logs/$name.$tool.result"
  done
done < "$bundle/manifest.tsv"
printf 'spider-gpu-bench\tbench\t0\t30.00\n' > "$logs/spider-gpu-bench.bench.result"
echo "cols 0.10 1.000 2.000 1.500 3.000 1.50x 3.00x 1.00e-06" \
  > "$logs/spider-gpu-bench.bench.log"
{ echo "device,n,tiles,density,spider_ms,spider_dense_ms,cublas_ms,cusparse_ms,spider_error,cusparse_error"
  echo '"NVIDIA H200",4096,"cols",0.1,1,2,1.5,3,1.000e-06,2.000e-06'
} > "$logs/gpu-bench.csv"

check() {
  tar -C "$tmp" -czf "$tmp/out/gpu-suite-logs.tar.gz" logs
  bash "$here/check.sh" "$tmp/out" && echo "check.sh: passed" ||
    echo "check.sh: failed"
}
mkdir -p "$tmp/out"
echo "== a perfect run"
check

echo "== a spoiled run"
first=$(head -n 1 "$bundle/manifest.tsv" | cut -f1)
second=$(sed -n 2p "$bundle/manifest.tsv" | cut -f1)
# A check that failed on the GPU.
sed -i '1s/ ok$/ FAILED/' "$logs/$first.plain.log"
# A check more than on the CPU: its CHECK lines pass, the CPU run's differ.
sed -i '1p' "$logs/$second.plain.log"
# memcheck errors, a racecheck timeout.
sed -i 's/ERROR SUMMARY: 0 errors/ERROR SUMMARY: 2 errors/' "$logs/$first.memcheck.log"
printf '%s\tmemcheck\t86\t9.00\n' "$first" > "$logs/$first.memcheck.result"
printf '%s\tracecheck\t124\t150.00\n' "$second" > "$logs/$second.racecheck.result"
# The benchmark off cuBLAS.
sed -i 's/1.000e-06,2.000e-06/2.000e-03,2.000e-06/' "$logs/gpu-bench.csv"
check
