#!/usr/bin/env bash
# Checks, here, what gpu-suite/run.sh wrote on the GPU machine (OUT, as the
# device tool brings it back). Per case and run (alone, memcheck,
# racecheck):
#   - the exit status is the one the lit test expects (0, or 1 for the
#     runtime-error cases), and no timeout;
#   - the output passes the test's own CHECK lines (FileCheck with the
#     prefix of its RUN line): every check within the program's tolerance
#     (the unmarked program, run on the GPU too, is the oracle);
#   - the same checks, in the same order, with the same verdicts and error
#     messages as the CPU run of the same program (bundle's expected/; the
#     relative errors themselves may differ);
#   - under compute-sanitizer, a summary with no error and no hazard.
# The benchmark: it ran to its end and every result is within 1e-3 of
# cuBLAS (its own tolerance). Prints a table; exits 1 on any failure.
#
#   bash gpu-suite/check.sh OUT
set -uo pipefail
if [ $# -ne 1 ]; then
  echo "usage: gpu-suite/check.sh OUT (what gpu-suite/run.sh wrote)" >&2
  exit 2
fi
out=$1
llvm=${LLVM_PREFIX:-/usr/lib/llvm-22}
filecheck=${FILECHECK:-$llvm/bin/FileCheck}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -f "$out/gpu-suite-logs.tar.gz" ]; then
  tar -C "$tmp" -xzf "$out/gpu-suite-logs.tar.gz" || exit 1
  logs=$tmp/logs
elif [ -f "$out/logs/manifest.tsv" ]; then
  logs=$out/logs
else
  echo "gpu-suite/check.sh: no results in $out (no gpu-suite-logs.tar.gz)" >&2
  exit 1
fi

# The lines that must agree with the CPU run, the relative errors masked.
outcome() {
  grep -E '^(check |spider: error:)' "$1" |
    sed -E 's/(max relative error) [^ ]+/\1 _/'
}

# judge NAME TOOL EXPECTED CHECKFILE PREFIX: prints "ok" or why not.
judge() {
  local name=$1 tool=$2 expected=$3 check=$4 prefix=$5
  local result=$logs/$name.$tool.result log=$logs/$name.$tool.log
  [ -f "$result" ] || { echo "not run"; return; }
  local rc
  rc=$(cut -f3 "$result")
  case $rc in
    skipped) echo "skipped (no time left)"; return ;;
    no-sanitizer) echo "no compute-sanitizer"; return ;;
    124|137) echo "timed out"; return ;;
  esac
  if [ "$tool" != plain ]; then
    local summary
    summary=$(grep -E '(ERROR|RACECHECK) SUMMARY' "$log" | tail -n 1)
    [ -n "$summary" ] || { echo "no sanitizer summary (status $rc)"; return; }
    if ! echo "$summary" | grep -qE 'SUMMARY: 0 (errors|hazards)'; then
      echo "${summary#*SUMMARY: }"
      return
    fi
  fi
  [ "$rc" = "$expected" ] || { echo "status $rc, expected $expected"; return; }
  if ! "$filecheck" "$logs/$check" --check-prefix="$prefix" \
      --input-file="$log" --dump-input=never > "$tmp/detail" 2>&1; then
    echo "fails its CHECK lines"
    return
  fi
  if ! diff <(outcome "$logs/expected/$name.out") <(outcome "$log") \
      > "$tmp/detail"; then
    echo "differs from the CPU run"
    return
  fi
  echo ok
}

failures=0
total=0
printf '%-28s %-24s %-24s %-24s\n' case alone memcheck racecheck
while IFS=$'\t' read -r name exe expected check prefix; do
  row=()
  for tool in plain memcheck racecheck; do
    rm -f "$tmp/detail"
    verdict=$(judge "$name" "$tool" "$expected" "$check" "$prefix")
    total=$(( total + 1 ))
    if [ "$verdict" != ok ]; then
      failures=$(( failures + 1 ))
      log=$logs/$name.$tool.log
      { echo "--- $name, $tool: $verdict"
        if [ -s "$tmp/detail" ]; then head -n 8 "$tmp/detail"
        elif [ -f "$log" ]; then tail -n 4 "$log"; fi
      } >> "$tmp/details"
    fi
    row+=("$verdict")
  done
  printf '%-28s %-24s %-24s %-24s\n' "$name" "${row[@]}"
done < "$logs/manifest.tsv"

# The benchmark.
bench=ok
result=$logs/spider-gpu-bench.bench.result
csv=$logs/gpu-bench.csv
if [ ! -f "$result" ]; then
  bench="not run"
elif [ "$(cut -f3 "$result")" != 0 ]; then
  bench="status $(cut -f3 "$result")"
elif [ ! -f "$csv" ] || [ "$(wc -l < "$csv")" -lt 2 ]; then
  bench="no results"
elif grep -q FAILED "$logs/spider-gpu-bench.bench.log" ||
     ! awk -F, 'NR > 1 && !($(NF-1) < 1e-3 && $NF < 1e-3) { bad = 1 }
                END { exit bad }' "$csv"; then
  bench="a result is off by more than 1e-3"
fi
total=$(( total + 1 ))
[ "$bench" = ok ] || failures=$(( failures + 1 ))
printf '%-28s %s\n' spider-gpu-bench "$bench"
[ -f "$logs/spider-gpu-bench.bench.log" ] &&
  sed 's/^/  /' "$logs/spider-gpu-bench.bench.log"
[ -f "$logs/environment.txt" ] && grep -m 3 -E '^(date|commit):|NVIDIA H|Driver Version' \
  "$logs/environment.txt" | sed 's/^/  /'

# Why, for the first failures.
[ -f "$tmp/details" ] && head -n 60 "$tmp/details"
echo "gpu-suite: $(( total - failures )) of $total passed"
[ "$failures" -eq 0 ]
