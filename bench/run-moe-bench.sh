#!/usr/bin/env bash
# Runs the MoE FFN benchmark, then PyTorch's per-expert loop on each case:
#   [SPIDER_NUM_THREADS=N] bash bench/run-moe-bench.sh [build-dir] [output-dir] [spider-moe-bench options]
# Spider, OpenBLAS and PyTorch all run on N threads (default 1; 0: every
# core). Writes <output-dir>/moe-bench.txt (everything printed), moe-bench.csv
# (spider-moe-bench's rows) and the case files under $TMPDIR/spider-moe-cases
# (default output-dir: docs/). PyTorch is skipped when `import torch` fails.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-build}" && pwd)
out=${2:-docs}
mkdir -p "$out"
# Case files (inputs and references for PyTorch, tens of MB) stay out of
# the tree.
cases="${TMPDIR:-/tmp}/spider-moe-cases"
rm -rf "$cases"
mkdir -p "$cases"
. "$(dirname "$0")/openblas-env.sh"
cores=$(nproc) # before OMP_NUM_THREADS, which GNU nproc obeys
# The same thread count everywhere: Spider (through libomp), OpenBLAS and
# PyTorch (whose matmuls go to the same OpenBLAS, which reads these when it
# loads). Other counts than 1 get their own files, moe-bench-t<N>.*.
threads=${SPIDER_NUM_THREADS:-1}
[ "$threads" = 0 ] && threads=$cores
export SPIDER_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads
name=moe-bench
[ "$threads" = 1 ] || name=moe-bench-t$threads

# The combined table: each spider-moe-bench row with PyTorch's time on the
# same case (torch_ms, spider_vs_torch = torch_ms / spider_ms).
combine() {
  /usr/bin/python3 - "$out/$name.csv" "$cases" <<'EOF'
import csv, json, os, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print()
print(f"{'tokens':>6} {'routing':>7} {'assign':>7} {'spider_ms':>10} "
      f"{'routed_ms':>10} {'blas_ms':>9} {'padded_ms':>10} {'torch_ms':>9} "
      f"{'vs_blas':>8} {'vs_torch':>8} {'fused/rtd':>9} {'extra_MiB':>9} "
      f"{'torch_rss':>9}")
for r in rows:
    name = os.path.join(sys.argv[2], f"moe-T{r['tokens']}-{r['routing']}")
    torch = {}
    if os.path.exists(name + ".json"):
        torch = json.load(open(name + ".json"))
    spider = float(r["spider_ms"])
    tms = torch["torch_median_s"] * 1e3 if torch.get("torch_median_s") else None
    fmt = lambda v, w, p: f"{v:>{w}.{p}f}" if v is not None else f"{'-':>{w}}"
    print(f"{r['tokens']:>6} {r['routing']:>7} {r['assignments']:>7} "
          f"{spider:>10.2f} {float(r['routed_ms']):>10.2f} "
          f"{float(r['blas_loop_ms']):>9.2f} {float(r['padded_ms']):>10.2f} "
          f"{fmt(tms, 9, 2)} {float(r['spider_vs_blas']):>7.2f}x "
          f"{fmt(tms / spider if tms else None, 7, 2)}x "
          f"{float(r['fused_over_routed']):>8.2f}x "
          f"{float(r['spider_extra_rss_mib']):>9.1f} "
          f"{fmt(torch.get('peak_rss_mib'), 9, 1)}")
print("vs_blas, vs_torch: their time over Spider's (>1: Spider faster); "
      "fused/rtd: @moe's time over @routed's; extra_MiB: peak extra RSS of "
      "one @moe call; torch_rss: the torch process's peak RSS (weights "
      "included)")
EOF
}

{
  echo "# $(date -u +%Y-%m-%d) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
       "$cores cores, flags: $(grep -ow 'avx512f\|avx2' /proc/cpuinfo | sort -u | tr '\n' ' ')" \
       "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-auto}"
  status=0
  "$build/bin/spider-moe-bench" --case-dir="$cases" --csv="$out/$name.csv" \
    "${@:3}" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "spider-moe-bench failed (exit $status)"
    exit "$status"
  fi
  if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    for case in "$cases"/*.case; do
      [ -e "$case" ] || continue
      echo "torch $(basename "$case"):"
      /usr/bin/python3 "$here/moe_torch.py" --input "$case" --threads "$threads" \
        --reps 5 | tee "${case%.case}.json"
    done
  else
    echo "PyTorch not importable: torch columns skipped"
  fi
  combine
} 2>&1 | tee "$out/$name.txt"
exit "${PIPESTATUS[0]}"
