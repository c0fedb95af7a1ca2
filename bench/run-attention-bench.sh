#!/usr/bin/env bash
# Runs the attention benchmark, Spider (the mask in each op, then as
# masked_fill(-inf)) and the C++ CSR loop (spider-attention-bench), then
# PyTorch's dense masked attention
# (attention_torch.py) on the same data:
#   [SPIDER_NUM_THREADS=N] bash bench/run-attention-bench.sh [build-dir] [output-dir] [spider-attention-bench options]
# e.g. bash bench/run-attention-bench.sh build /tmp/att --tokens=1024
# Everything runs on N threads (default 1; 0: every core). Writes
# <output-dir>/attention-bench.txt (everything printed), -spider.csv and
# -torch.jsonl (default output-dir: docs/); other thread counts than 1 get
# attention-bench-t<N>.*. Needs the spider-attention-bench target
# (sbuild spider-attention-bench) and Debian's python3-torch.
set -euo pipefail
build=$(cd "${1:-build}" && pwd)
out=${2:-docs}
mkdir -p "$out"
here=$(cd "$(dirname "$0")" && pwd)
. "$(dirname "$0")/openblas-env.sh"
cores=$(nproc)
threads=${SPIDER_NUM_THREADS:-1}
[ "$threads" = 0 ] && threads=$cores
export SPIDER_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads \
  OMP_NUM_THREADS=$threads MKL_NUM_THREADS=$threads
name=attention-bench
[ "$threads" = 1 ] || name=attention-bench-t$threads
reps=5
for arg in "${@:3}"; do
  case "$arg" in --reps=*) reps=${arg#--reps=} ;; esac
done
cases=$(mktemp -d)
trap 'rm -rf "$cases"' EXIT
{
  echo "# $(date -u '+%Y-%m-%d %H:%M UTC') $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
       "$cores cores, flags: $(grep -ow 'avx512f\|avx2' /proc/cpuinfo | sort -u | tr '\n' ' ')" \
       "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-auto}"
  echo "# $build/bin/spider-attention-bench --csv=$out/$name-spider.csv --case-dir=$cases ${*:3}"
  status=0
  rm -f "$out/$name-spider.csv"
  # Both ways of writing the mask; the second run writes no case.
  "$build/bin/spider-attention-bench" --csv="$out/$name-spider.csv" \
    --case-dir="$cases" --form=select "${@:3}" || status=$?
  "$build/bin/spider-attention-bench" --csv="$out/$name-spider.csv" \
    --form=masked-fill "${@:3}" || status=$?
  : > "$out/$name-torch.jsonl"
  for case in "$cases"/case-*.bin; do
    [ -e "$case" ] || continue
    /usr/bin/python3 "$here/attention_torch.py" --reps="$reps" "$case" \
      | tee -a "$out/$name-torch.jsonl" || status=$?
  done
  /usr/bin/python3 - "$out/$name-spider.csv" "$out/$name-torch.jsonl" <<'PYEOF'
import csv, json, sys
spider = list(csv.DictReader(open(sys.argv[1])))
torch = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
print("\n# Combined (vs_torch > 1: Spider is faster; torch is dense masked "
      "attention, its mask built once outside the timing; Spider builds its "
      "index in every call)")
print("%11s %6s %4s %9s %8s %10s %9s %9s %10s %9s %11s %10s" % (
    "form", "S", "D", "pairs", "density", "spider_ms", "index_ms", "cpp_ms",
    "torch_ms", "vs_torch", "spider_MiB", "torch_MiB"))
for s in spider:
    t = next((t for t in torch if t["S"] == int(s["S"])), {})
    torch_ms = t.get("dense_masked_s", float("nan")) * 1e3
    print("%11s %6s %4s %9s %8.4f %10.2f %9.2f %9.2f %10.2f %8.2fx %11.1f %10.1f" % (
        s["form"], s["S"], s["D"], s["pairs"], float(s["density"]),
        float(s["spider_ms"]), float(s["spider_index_ms"]),
        float(s["cpp_csr_ms"]), torch_ms, torch_ms / float(s["spider_ms"]),
        float(s["spider_extra_rss_mib"]), t.get("peak_rss_mib", float("nan"))))
PYEOF
  exit $status
} 2>&1 | tee "$out/$name.txt"
exit "${PIPESTATUS[0]}"
