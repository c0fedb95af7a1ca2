#!/usr/bin/python3
"""PyTorch's CSR matmul on the cases of bench/spider-cpu-bench.cpp.

    /usr/bin/python3 bench/matmul_torch.py CASE.bin [--reps=5]
    /usr/bin/python3 bench/matmul_torch.py --combine SPIDER.csv TORCH.jsonl

CASE.bin is written by spider-cpu-bench --case-dir (little-endian, no
padding): float64 density, int64 n, then float32 A[n * n], B[n * n] and
C[n * n], where C = A B as OpenBLAS computed it.

Times, medians of --reps after a warm-up, on SPIDER_NUM_THREADS threads
(default 1; 0: every core; run-cpu-bench.sh sets it):
    csr_ms:        torch.sparse.mm(A_csr, B), A converted once, outside
    csr_build_ms:  A.to_sparse_csr() and the same product, in every call:
                   what run-time sparsity costs a user (Spider builds its
                   index in every call too)
    dense_ms:      A @ B (torch's dense matmul)
The CSR result is checked against C. Prints one JSON line.
"""

from torch_bench import limit_threads, median_seconds  # noqa: E402

# Before torch loads its BLAS and OpenMP: the Spider side's thread count.
THREADS = limit_threads()

import argparse  # noqa: E402
import csv  # noqa: E402
import json  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402


def read_case(path):
    raw = np.fromfile(path, dtype=np.uint8)
    density = float(raw[:8].view(np.float64)[0])
    n = int(raw[8:16].view(np.int64)[0])
    size = n * n * 4
    if raw.size != 16 + 3 * size:
        raise SystemExit(f"{path}: {raw.size} bytes, the header says "
                         f"{16 + 3 * size}")
    arrays = [raw[16 + i * size:16 + (i + 1) * size].view(np.float32)
              .reshape(n, n) for i in range(3)]
    return density, n, arrays


def combine(spider_csv, torch_jsonl):
    """Prints Spider's rows (spider-cpu-bench --csv) beside PyTorch's."""
    spider = {round(float(r["density"]), 4): r
              for r in csv.DictReader(open(spider_csv))}
    rows = [json.loads(line) for line in open(torch_jsonl)]
    if not rows:
        return
    print(f"\nPyTorch {rows[0]['torch']} on the same A and B, "
          f"{rows[0]['threads']} thread(s): torch_csr with A converted once, "
          f"torch_build converting it in every call (as Spider builds its "
          f"index in every call)")
    print("%8s %10s %10s %12s %10s %13s %10s %8s" % (
        "density", "spider_ms", "torch_csr", "torch_build", "torch_dns",
        "vs_torch_bld", "vs_csr", "error"))
    for t in rows:
        s = spider.get(round(t["density"], 4))
        if not s:
            continue
        ms = float(s["spider_ms"])
        print("%8.2f %10.2f %10.2f %12.2f %10.2f %12.2fx %9.2fx %8.1e" % (
            t["density"], ms, t["csr_ms"], t["csr_build_ms"], t["dense_ms"],
            t["csr_build_ms"] / ms, t["csr_ms"] / ms, t["error"]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case", nargs="+")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--combine", action="store_true")
    args = parser.parse_args()
    if args.combine:
        combine(*args.case)
        return
    args.case = args.case[0]
    torch.set_num_threads(THREADS)
    warnings.filterwarnings("ignore", message=".*beta.*")
    density, n, (a_np, b_np, c_np) = read_case(args.case)
    a = torch.from_numpy(a_np.copy())
    b = torch.from_numpy(b_np.copy())
    want = torch.from_numpy(c_np.copy())
    with torch.no_grad():
        a_csr = a.to_sparse_csr()
        got = torch.sparse.mm(a_csr, b)
        scale = float(want.abs().max()) or 1.0
        error = float((got - want).abs().max()) / scale
        result = {
            "density": density, "n": n, "threads": torch.get_num_threads(),
            "torch": torch.__version__, "nnz": int(a_csr.values().numel()),
            "csr_ms": 1e3 * median_seconds(lambda: torch.sparse.mm(a_csr, b),
                                           args.reps),
            "csr_build_ms": 1e3 * median_seconds(
                lambda: torch.sparse.mm(a.to_sparse_csr(), b), args.reps),
            "dense_ms": 1e3 * median_seconds(lambda: a @ b, args.reps),
            "error": error,
        }
    print(json.dumps(result), flush=True)
    if error > 1e-4:
        raise SystemExit(f"{args.case}: torch's CSR product differs from "
                         f"OpenBLAS's by {error:.2e}")


if __name__ == "__main__":
    main()
