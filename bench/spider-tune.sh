#!/usr/bin/env bash
# Measures the CPU tile database on this machine and writes it, once per
# host (a few minutes):
#   [SPIDER_NUM_THREADS=N] bash bench/spider-tune.sh [build-dir] [output-file]
# Default output: $HOME/.config/spider/tile-db-<isa>-t<N>.txt. Then
#   SPIDER_TILE_DB=<file> build/bin/spider-run prog.mlir
#   build/bin/spider-run prog.mlir --tile-database=<file>
#   spider-opt prog.mlir --spider-cpu-pipeline="tile-database=<file>"
# use it in place of the built-in table of the ISA. It holds
# * efficiency: the dense kernel's throughput by the rows a PIT group gives
#   it (bench/kernel-rows.sh: [rows x 512] x [512 x 1024], relative to the
#   best row count), which spider-select-tiles' covers are chosen by;
# * dense_threshold: the index density above which the dense fallback
#   runs, where PIT stops being faster than the unmarked program on a
#   1024^3 matmul with A in [32, 1] micro-tiles (spider-cpu-bench, PIT
#   forced at every density), at the thread count measured.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-build}" && pwd)
threads=${SPIDER_NUM_THREADS:-1}
[ "$threads" = 0 ] && threads=$(nproc)
if grep -qw avx512f /proc/cpuinfo; then
  isa=avx512
elif grep -qw avx2 /proc/cpuinfo && grep -qw fma /proc/cpuinfo; then
  isa=avx2
else
  isa=sse
fi
out=${2:-$HOME/.config/spider/tile-db-$isa-t$threads.txt}
mkdir -p "$(dirname "$out")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "spider-tune: $isa, $threads thread(s); efficiency by rows..."
efficiency=$(bash "$here/kernel-rows.sh" "$build" |
  awk 'NR > 1 { e = $3; if (e <= 0) e = 0.01; if (e > 1) e = 1;
                printf "%s%d:%.2f", sep, $1, e; sep = " " }')
[ -n "$efficiency" ] || { echo "spider-tune: kernel-rows.sh measured nothing" >&2; exit 1; }
echo "  $efficiency"

# PIT at every density: a database whose threshold never falls back.
cat > "$work/always-pit.txt" <<EOF
isa $isa
efficiency $efficiency
dense_threshold 1
EOF
echo "spider-tune: PIT against dense by density..."
SPIDER_TILE_DB="$work/always-pit.txt" SPIDER_NUM_THREADS=$threads \
  "$build/bin/spider-cpu-bench" --n=1024 --reps=3 --no-conv --no-sparsifier \
  --densities=0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9 | tee "$work/crossover.txt"
# The density where PIT's time reaches the unmarked program's (columns:
# density, spider_ms, blas_ms, sparsifier_ms, mlirdense_ms), interpolated
# between the two densities around it; 0.95 of dense counts as a tie, so
# PIT is kept only where it is faster by more than noise.
threshold=$(awk '$1 ~ /^[0-9.]+$/ && NF >= 5 {
    d = $1; r = $2 / $5;
    if (!done && r >= 0.95) {
      if (n == 0) t = 0; else t = pd + (d - pd) * (0.95 - pr) / (r - pr);
      done = 1
    }
    pd = d; pr = r; n++
  }
  END { if (!done) t = 1; if (t < 0) t = 0; printf "%.2f", t }' "$work/crossover.txt")

{
  echo "# Spider tile database, measured by bench/spider-tune.sh"
  echo "# $(date -u +%Y-%m-%d) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores"
  echo "isa $isa"
  echo "threads $threads"
  echo "efficiency $efficiency"
  echo "dense_threshold $threshold"
} > "$out"
echo "spider-tune: dense_threshold $threshold; wrote $out"
