#!/usr/bin/env bash
# Builds the GPU suite here, on a machine without a GPU, for a GPU machine
# that has CUDA but no LLVM/MLIR: every GPU integration test
# (test/Integration/GPU/*.test, one case per RUN line) compiled ahead of time
# for sm_90, its expected output from the same program run here on the CPU
# path, and the GPU benchmark (bench/build-gpu-bench.sh). One directory, at
# most 40 MiB; gpu-suite/run.sh runs it there, gpu-suite/check.sh checks
# the results here.
#
#   bash gpu-suite/build.sh [BUILD] [OUT]      (default build, BUILD/gpu-suite)
#   CHIP=sm_90 JOBS=2 bash gpu-suite/build.sh
#
# OUT/
#   manifest.tsv       name, executable, expected status, check file, prefix
#   bin/NAME           one executable per case (RUNPATH $ORIGIN/../lib)
#   lib/               libspider_cuda_runtime, libspider_runtime and
#                      libspider_suite_utils (the few runner utilities)
#   expected/NAME.out  stdout+stderr of the CPU run; NAME.status its status
#   checks/X.mlir      the test programs, whose CHECK lines check.sh applies
#   bench/             spider-gpu-bench and the two runtimes
#   info.txt           commit, date, chip, toolkit
set -euo pipefail
cd "$(dirname "$0")/.."
src=$(pwd)
build=$(cd "${1:-build}" && pwd)
out=${2:-$build/gpu-suite}
chip=${CHIP:-sm_90}
cuda=${CUDA_ROOT:-/usr/local/cuda}
llvm=${LLVM_PREFIX:-/usr/lib/llvm-22}
jobs=${JOBS:-2}
limit_mib=40
start=$(date +%s)

for f in "$build/bin/spider-opt" "$build/lib/libspider_runtime.so" \
         "$build/lib/libspider_cuda_runtime.so" "$cuda/bin/ptxas"; do
  [ -e "$f" ] || { echo "gpu-suite/build.sh: $f is missing" >&2; exit 1; }
done
# OUT is replaced: refuse anything that is not an earlier bundle.
if [ -e "$out" ] && [ -n "$(ls -A "$out")" ] && [ ! -f "$out/manifest.tsv" ]; then
  echo "gpu-suite/build.sh: $out exists and is not a GPU suite bundle" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out"/{bin,lib,expected,checks,obj}
out=$(cd "$out" && pwd)
obj=$out/obj

cp "$build/lib/libspider_cuda_runtime.so" "$build/lib/libspider_runtime.so" \
  "$out/lib/"
"$llvm/bin/clang++" -O2 -std=c++17 -fPIC -shared -fuse-ld=lld \
  -I "$src/runtime/include" gpu-suite/runner-utils.cpp -o "$out/lib/libspider_suite_utils.so"
"$llvm/bin/clang++" -O2 -std=c++17 -c gpu-suite/suite-main.cpp \
  -o "$obj/suite-main.o"

python3 gpu-suite/cases.py "$src" > "$obj/cases.tsv"
[ -s "$obj/cases.tsv" ] || { echo "gpu-suite/build.sh: no GPU test found" >&2; exit 1; }

# One object per program and pipeline options (cases may share one).
compile() {
  local program=$1 options=$2 key=$3
  [ "$options" = - ] && options=
  "$build/bin/spider-opt" "$src/$program" \
    --spider-gpu-pipeline="chip=$chip format=fatbin toolkit=$cuda $options" \
    -o "$obj/$key.llvm.mlir" 2> "$obj/$key.remarks"
  "$llvm/bin/mlir-translate" --mlir-to-llvmir "$obj/$key.llvm.mlir" \
    -o "$obj/$key.ll"
  "$llvm/bin/llc" -O2 -filetype=obj -relocation-model=pic "$obj/$key.ll" \
    -o "$obj/$key.o"
}

# One executable and one expected output per case.
make_case() {
  local name=$1 program=$2 options=$3 entry=$4 status=$5 prefix=$6 key=$7
  local renames=(--redefine-sym "$entry=spider_suite_entry")
  [ "$entry" != main ] && renames+=(--redefine-sym main=spider_suite_unused_main)
  "$llvm/bin/llvm-objcopy" "${renames[@]}" "$obj/$key.o" "$obj/$name.o"
  "$llvm/bin/clang++" "$obj/suite-main.o" "$obj/$name.o" -L"$out/lib" \
    -lspider_cuda_runtime -lspider_runtime -lspider_suite_utils \
    -fuse-ld=lld -Wl,-rpath,'$ORIGIN/../lib' -o "$out/bin/$name"
  # The expected output: the same program on the CPU path.
  local rc=0 cpu_options=
  [ "$options" != - ] && cpu_options="=$options"
  "$build/bin/spider-opt" "$src/$program" --spider-cpu-pipeline$cpu_options \
    2> "$obj/$name.cpu-remarks" |
    "$llvm/bin/mlir-runner" -e "$entry" -entry-point-result=void \
      -shared-libs="$build/lib/libspider_runtime.so,$llvm/lib/libmlir_runner_utils.so,$llvm/lib/libmlir_c_runner_utils.so" \
      > "$out/expected/$name.out" 2>&1 || rc=$?
  echo "$rc" > "$out/expected/$name.status"
  if [ "$rc" != "$status" ]; then
    echo "gpu-suite/build.sh: $name: the CPU run exited with $rc, the test expects $status" >&2
    return 1
  fi
  "$llvm/bin/FileCheck" "$src/$program" --check-prefix="$prefix" \
    --input-file="$out/expected/$name.out" ||
    { echo "gpu-suite/build.sh: $name: the CPU run fails its CHECK lines" >&2; return 1; }
}
export -f compile make_case
export build out obj src chip cuda llvm

cut -f2,3 "$obj/cases.tsv" | sort -u |
  awk -F'\t' '{print $1 "\t" $2 "\tp" NR}' > "$obj/programs.tsv"
# Runs FUNCTION on each line of FILE (tab-separated fields as arguments),
# JOBS at a time; fails when one fails.
for_each_line() {
  tr '\n' '\0' < "$2" | xargs -0 -P "$jobs" -n 1 bash -c \
    'set -euo pipefail; IFS=$'"'\t'"' read -r -a f <<< "$1"; '"$1"' "${f[@]}"' _
}
for_each_line compile "$obj/programs.tsv"
: > "$out/manifest.tsv"
while IFS=$'\t' read -r name program options entry status prefix; do
  key=$(awk -F'\t' -v p="$program" -v o="$options" '$1 == p && $2 == o {print $3}' "$obj/programs.tsv")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$program" "$options" "$entry" \
    "$status" "$prefix" "$key"
  check=checks/$(basename "$program")
  cp "$src/$program" "$out/$check"
  printf '%s\tbin/%s\t%s\t%s\t%s\n' "$name" "$name" "$status" "$check" \
    "$prefix" >> "$out/manifest.tsv"
done < "$obj/cases.tsv" > "$obj/jobs.tsv"
for_each_line make_case "$obj/jobs.tsv"

# The benchmark, without its intermediate files.
bash bench/build-gpu-bench.sh "$build" "$out/bench" > "$obj/bench.log"
rm -f "$out/bench/"*.ll "$out/bench/"*.o "$out/bench/"*.mlir
rm -rf "$obj"

{
  echo "commit: $(git -C "$src" rev-parse HEAD 2>/dev/null || echo unknown)$(git -C "$src" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "built: $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -n)"
  echo "chip: $chip; toolkit: $cuda ($("$cuda/bin/ptxas" --version | tail -1))"
  echo "cases: $(wc -l < "$out/manifest.tsv")"
} > "$out/info.txt"

bytes=$(du -sb "$out" | cut -f1)
mib=$(( (bytes + 1048575) / 1048576 ))
echo "built $out: $(wc -l < "$out/manifest.tsv") cases and the benchmark, $mib MiB, $(( $(date +%s) - start )) s"
if [ "$bytes" -gt $(( limit_mib * 1048576 )) ]; then
  echo "gpu-suite/build.sh: the bundle is over $limit_mib MiB" >&2
  exit 1
fi
