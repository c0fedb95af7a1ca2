#!/usr/bin/env bash
# Spider under AddressSanitizer and UndefinedBehaviorSanitizer
# (cmake/SpiderSanitize.cmake, docs/reliability.md).
#
#   bash scripts/check-sanitize.sh all       # make check-sanitize
#   bash scripts/check-sanitize.sh runtime   # make check-sanitize-runtime
#
# all: every Spider target instrumented (runtime, compiler libraries,
#   tools, plugin, C API, unit tests) and the whole lit suite.
# runtime: only the runtimes and the unit tests instrumented; test/Unit and
#   test/Integration/CPU run on them, compiled by the uninstrumented
#   spider-opt and spider-run of BUILD (which must be built), so that the
#   compiler need not be built twice (spider-run is made to load the
#   instrumented runtime, see below).
#
# Variables: SANITIZE_BUILD (default build-sanitize), BUILD (default build),
# SANITIZE (default address,undefined), JOBS (default 2), LOCK (a file to
# flock around every build and lit run, as on shared machines),
# LLVM_PREFIX, CMAKE_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."
part=${1:-all}
san=${SANITIZE_BUILD:-build-sanitize}
build=${BUILD:-build}
sanitize=${SANITIZE:-address,undefined}
jobs=${JOBS:-2}
llvm=${LLVM_PREFIX:-/usr/lib/llvm-22}
# Runs a command, under flock LOCK if set; says how long it ran (the wait
# for the lock left out).
locked() {
  local run=(bash -c 't=$(date +%s); "$@"; rc=$?
    echo "check-sanitize: ${1##*/} took $(( $(date +%s) - t )) s" >&2; exit $rc' _ "$@")
  if [ -n "${LOCK:-}" ]; then flock "$LOCK" "${run[@]}"; else "${run[@]}"; fi
}
start=$(date +%s)
step() { echo "check-sanitize: $* ($(( $(date +%s) - start )) s)"; }

case $part in
  all|runtime) ;;
  *) echo "usage: scripts/check-sanitize.sh all|runtime" >&2; exit 2 ;;
esac

if [ ! -f "$san/build.ninja" ] ||
   ! grep -q "^SPIDER_SANITIZE:STRING=$sanitize\$" "$san/CMakeCache.txt"; then
  # -O1 keeps instrumented code fast enough and quick to compile; NDEBUG as
  # in the LLVM it links.
  locked cmake -G Ninja -S . -B "$san" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS_RELEASE="-O1 -DNDEBUG" \
    -DCMAKE_C_FLAGS_RELEASE="-O1 -DNDEBUG" \
    -DMLIR_DIR="$llvm/lib/cmake/mlir" -DLLVM_EXTERNAL_LIT="$llvm/bin/lit" \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld \
    -DCMAKE_SHARED_LINKER_FLAGS=-fuse-ld=lld \
    -DCMAKE_MODULE_LINKER_FLAGS=-fuse-ld=lld \
    -DSPIDER_SANITIZE="$sanitize" ${CMAKE_ARGS:-} > "$san.configure.log"
  step "configured $san"
fi

lit=("$llvm/bin/lit" -sv -j"$jobs")
if [ "$part" = all ]; then
  locked ninja -C "$san" -j"$jobs" all spider-doc
  step "built"
  locked "${lit[@]}" "$san/test" < /dev/null
else
  for tool in spider-opt spider-run; do
    [ -x "$build/bin/$tool" ] ||
      { echo "check-sanitize: $build/bin/$tool is missing (make build)" >&2; exit 1; }
  done
  targets=(spider_runtime SpiderRuntimeTests SpiderCostModelTests)
  ninja -C "$san" -t targets all | grep -q '^lib/libspider_cuda_runtime.so:' &&
    targets+=(spider_cuda_runtime)
  locked ninja -C "$san" -j"$jobs" "${targets[@]}"
  step "built the runtimes and the unit tests"
  # spider-run loads the runtime next to it (../lib) and links it: a copy
  # of BUILD's spider-run whose ../lib is the instrumented one, which
  # LD_LIBRARY_PATH makes the linked one too, and ASan preloaded.
  host=$(cd "$san" && pwd)/host
  mkdir -p "$host/bin"
  cp "$build/bin/spider-run" "$host/bin/spider-run"
  ln -sfn ../lib "$host/lib"
  rt=$(sed -n 's/^config.spider_asan_runtime = "\(.*\)"$/\1/p' \
    "$san/test/lit.site.cfg.py")
  preload=${rt:+env LD_PRELOAD=$rt LD_LIBRARY_PATH=$host/lib}
  locked "${lit[@]}" -Dspider-opt="$(cd "$build" && pwd)/bin/spider-opt" \
    -Dspider-run="${preload:-env LD_LIBRARY_PATH=$host/lib} $host/bin/spider-run" \
    "$san/test/Unit" "$san/test/Integration/CPU" < /dev/null
fi
step "passed"
