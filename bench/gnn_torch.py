#!/usr/bin/python3
"""The GNN layer of bench/spider-gnn-bench.cpp in PyTorch, on N threads.

    /usr/bin/python3 bench/gnn_torch.py CASE.bin [--reps=5]
        [--aggregations=sum,mean,max]

CASE.bin is written by spider-gnn-bench --case-dir (little-endian, no
padding):
    int64 V, F, H, E
    int64 offsets[V + 1], int64 cols[E]        (CSR, rows = destinations)
    float32 vals[E], float32 X[V * F], float32 W[F * H]
    float32 Y_sum[V * H], Y_mean[V * H], Y_max[V * H]   (the C++ outputs)

A is torch.sparse_csr_tensor(offsets, cols, vals) and the layer is
torch.relu(agg @ W):
    sum:  torch.sparse.mm(A, X)
    mean: the sum over the weighted degree (torch.sparse.sum(A, 1); 0 rows
          stay 0)
    max:  X[cols] index_reduce'd with "amax" into the rows (no sparse max in
          torch 1.13: it materializes an E x F message tensor)
Times are medians of --reps after a warm-up, for the aggregation alone and
for the layer; A is built once, outside the timings. Prints one JSON line.
"""

from torch_bench import limit_threads, median_seconds  # noqa: E402

# Before torch loads its BLAS and OpenMP: the Spider side's thread count.
THREADS = limit_threads()

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402

KINDS = ("sum", "mean", "max")


def read_case(path):
    """The arrays of a case file, as numpy views of one read."""
    raw = np.fromfile(path, dtype=np.uint8)
    v, f, h, e = (int(n) for n in raw[:32].view(np.int64))
    pos = 32
    case = {"V": v, "F": f, "H": h, "E": e}
    layout = [("offsets", np.int64, v + 1), ("cols", np.int64, e),
              ("vals", np.float32, e), ("X", np.float32, v * f),
              ("W", np.float32, f * h)]
    layout += [("Y_" + k, np.float32, v * h) for k in KINDS]
    for name, dtype, count in layout:
        size = np.dtype(dtype).itemsize * count
        case[name] = raw[pos:pos + size].view(dtype)
        pos += size
    if pos != raw.size:
        raise SystemExit(f"{path}: {raw.size} bytes, the header says {pos}")
    return case


def aggregator(kind, a, rows, cols, degree, v):
    """A function X -> agg(A, X) for `kind`."""
    if kind == "sum":
        return lambda x: torch.sparse.mm(a, x)
    if kind == "mean":
        # Rows without edges have degree 0 and sum 0: divide by 1 there.
        safe = torch.where(degree > 0, degree, torch.ones_like(degree))
        return lambda x: torch.sparse.mm(a, x) / safe[:, None]

    def amax(x):
        out = torch.zeros(v, x.shape[1])
        return out.index_reduce_(0, rows, x[cols], "amax", include_self=False)
    return amax


def relative_error(got, want):
    scale = float(want.abs().max())
    return float((got - want).abs().max()) / (scale if scale > 0 else 1.0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--aggregations", default="sum,mean,max")
    args = parser.parse_args()
    torch.set_num_threads(THREADS)
    warnings.filterwarnings("ignore", message=".*beta.*")

    c = read_case(args.case)
    v, f, h = c["V"], c["F"], c["H"]
    offsets = torch.from_numpy(c["offsets"].copy())
    cols = torch.from_numpy(c["cols"].copy())
    vals = torch.from_numpy(c["vals"].copy())
    a = torch.sparse_csr_tensor(offsets, cols, vals, size=(v, v))
    x = torch.from_numpy(c["X"].copy()).reshape(v, f)
    w = torch.from_numpy(c["W"].copy()).reshape(f, h)
    # Destination row of every edge, for the max (a COO view of the rows).
    rows = torch.repeat_interleave(torch.arange(v), offsets[1:] - offsets[:-1])
    degree = torch.zeros(v).index_add_(0, rows, vals)

    result = {"V": v, "E": c["E"], "F": f, "H": h, "torch": torch.__version__,
              "threads": torch.get_num_threads(), "format": "csr",
              "reps": args.reps}
    ok = True
    with torch.no_grad():
        for kind in args.aggregations.split(","):
            agg = aggregator(kind, a, rows, cols, degree, v)
            result[kind + "_agg_s"] = median_seconds(lambda: agg(x), args.reps)
            layer = lambda: torch.relu(agg(x) @ w)  # noqa: E731
            result[kind + "_layer_s"] = median_seconds(layer, args.reps)
            want = torch.from_numpy(c["Y_" + kind].copy()).reshape(v, h)
            err = relative_error(layer(), want)
            result[kind + "_error"] = err
            ok = ok and err < 1e-4
    # ru_maxrss is in KiB on Linux: the whole process, case file included.
    result["peak_rss_mib"] = resource.getrusage(
        resource.RUSAGE_SELF).ru_maxrss / 1024.0
    result["ok"] = ok
    print(json.dumps(result))
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
