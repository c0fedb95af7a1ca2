#!/usr/bin/env bash
# Runs the GNN-layer benchmark, Spider and the C++ CSR loop
# (spider-gnn-bench) then PyTorch (gnn_torch.py) on the same graphs:
#   [SPIDER_NUM_THREADS=N] bash bench/run-gnn-bench.sh [build-dir] [output-dir] [spider-gnn-bench options]
# e.g. bash bench/run-gnn-bench.sh build /tmp/gnn --vertices=1000 --edges=10000
# Spider, the C++ loop's sgemm and PyTorch all run on N threads (default 1;
# 0: every core). Writes <output-dir>/gnn-bench.txt (everything printed)
# and gnn-bench.csv (the combined table; default output-dir: docs/); other
# thread counts than 1 get gnn-bench-t<N>.*. Needs the
# spider-gnn-bench target (sbuild spider-gnn-bench) and Debian's
# python3-torch.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
out=${2:-docs}
mkdir -p "$out"
here=$(cd "$(dirname "$0")" && pwd)
. "$(dirname "$0")/openblas-env.sh"
# nproc honours OMP_NUM_THREADS: count the cores before setting it.
cores=$(nproc)
threads=${SPIDER_NUM_THREADS:-1}
[ "$threads" = 0 ] && threads=$cores
export SPIDER_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads \
  OMP_NUM_THREADS=$threads MKL_NUM_THREADS=$threads
name=gnn-bench
[ "$threads" = 1 ] || name=gnn-bench-t$threads
# The torch side uses the same number of timed runs.
reps=5
for arg in "${@:3}"; do
  case "$arg" in --reps=*) reps=${arg#--reps=} ;; esac
done
# Case files hold X and three outputs: hundreds of MiB at V = 100000.
cases=$(mktemp -d)
trap 'rm -rf "$cases"' EXIT
{
  echo "# $(date -u '+%Y-%m-%d %H:%M UTC') $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
       "$cores cores, flags: $(grep -ow 'avx512f\|avx2' /proc/cpuinfo | sort -u | tr '\n' ' ')" \
       "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-auto}"
  echo "# $build/bin/spider-gnn-bench --csv=$out/$name-spider.csv --case-dir=$cases ${*:3}"
  status=0
  "$build/bin/spider-gnn-bench" --csv="$out/$name-spider.csv" \
    --case-dir="$cases" "${@:3}" || status=$?
  : > "$out/$name-torch.jsonl"
  for case in "$cases"/case-*.bin; do
    [ -e "$case" ] || continue
    /usr/bin/python3 "$here/gnn_torch.py" --reps="$reps" "$case" \
      | tee -a "$out/$name-torch.jsonl" || status=$?
  done
  # The combined table: one row per graph, aggregation and part.
  /usr/bin/python3 - "$out/$name-spider.csv" "$out/$name-torch.jsonl" \
    "$out/$name.csv" <<'EOF'
import csv, json, sys
spider = list(csv.DictReader(open(sys.argv[1])))
torch = {(t["V"], t["E"]): t for t in map(json.loads, open(sys.argv[2]))}
cols = ["V", "E", "aggregation", "part", "spider_ms", "spider_index_ms",
        "cpp_csr_ms", "torch_ms", "spider_vs_torch", "spider_extra_rss_mib",
        "torch_peak_rss_mib", "csr_mib", "x_mib"]
rows = []
for s in spider:
    t = torch.get((int(s["V"]), int(s["E"])), {})
    key = s["aggregation"] + "_" + s["part"] + "_s"
    torch_ms = t[key] * 1e3 if key in t else float("nan")
    rows.append([s["V"], s["E"], s["aggregation"], s["part"],
                 float(s["spider_ms"]), float(s["spider_index_ms"]),
                 float(s["cpp_ms"]), torch_ms,
                 torch_ms / float(s["spider_ms"]),
                 float(s["spider_extra_rss_mib"]),
                 t.get("peak_rss_mib", float("nan")),
                 int(s["csr_bytes"]) / 2**20, int(s["x_bytes"]) / 2**20])
with open(sys.argv[3], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(cols)
    w.writerows(rows)
print("\n# Combined (spider_vs_torch > 1: Spider is faster; torch builds A "
      "once outside its timing, Spider builds its index in every call)")
print("%8s %9s %5s %6s %10s %9s %9s %9s %8s %11s %10s %7s %7s" % (
    "V", "E", "agg", "part", "spider_ms", "index_ms", "cpp_ms", "torch_ms",
    "vs_torch", "spider_MiB", "torch_MiB", "csr_MiB", "x_MiB"))
for r in rows:
    print("%8s %9s %5s %6s %10.2f %9.2f %9.2f %9.2f %7.2fx %11.1f %10.1f "
          "%7.1f %7.1f" % tuple(r))
EOF
  exit $status
} 2>&1 | tee "$out/$name.txt"
exit "${PIPESTATUS[0]}"
