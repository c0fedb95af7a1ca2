#!/usr/bin/python3
"""The attention of bench/spider-attention-bench.cpp in PyTorch, dense and
masked, on N threads: what a user runs without a sparse kernel.

    /usr/bin/python3 bench/attention_torch.py CASE.bin [--reps=5]

CASE.bin is written by spider-attention-bench --case-dir (little-endian, no
padding):
    int64 S, D, E
    int64 offsets[S + 1], int64 cols[E]     (CSR of the allowed pairs)
    float32 Q[S * D], K[S * D], V[S * D]
    float32 O[S * D]                        (the C++ CSR loop's output)

The mask becomes a dense S x S bool tensor once, outside the timing. Timed
(median of --reps after a warm-up):
    scores = Q @ K.T; scores.masked_fill_(~mask, -inf);
    O = torch.softmax(scores, -1) @ V
Prints one JSON line; the result is checked against the C++ output (max abs difference over max abs < 1e-4).
"""

from torch_bench import limit_threads, median_seconds  # noqa: E402

# Before torch loads its BLAS and OpenMP: the Spider side's thread count.
THREADS = limit_threads()

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402


def read_case(path):
    raw = np.fromfile(path, dtype=np.uint8)
    s, d, e = (int(n) for n in raw[:24].view(np.int64))
    pos = 24
    case = {"S": s, "D": d, "E": e}
    layout = [("offsets", np.int64, s + 1), ("cols", np.int64, e),
              ("Q", np.float32, s * d), ("K", np.float32, s * d),
              ("V", np.float32, s * d), ("O", np.float32, s * d)]
    for name, dtype, count in layout:
        size = np.dtype(dtype).itemsize * count
        case[name] = raw[pos:pos + size].view(dtype)
        pos += size
    if pos != raw.size:
        raise SystemExit(f"{path}: {raw.size} bytes, the header says {pos}")
    return case


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("case")
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    torch.set_num_threads(THREADS)

    c = read_case(args.case)
    s, d = c["S"], c["D"]
    q = torch.from_numpy(c["Q"].copy()).reshape(s, d)
    k = torch.from_numpy(c["K"].copy()).reshape(s, d)
    v = torch.from_numpy(c["V"].copy()).reshape(s, d)
    offsets = torch.from_numpy(c["offsets"].copy())
    cols = torch.from_numpy(c["cols"].copy())
    rows = torch.repeat_interleave(torch.arange(s), offsets[1:] - offsets[:-1])
    mask = torch.zeros(s, s, dtype=torch.bool)
    mask[rows, cols] = True
    blocked = ~mask

    def dense_masked():
        scores = q @ k.T
        scores.masked_fill_(blocked, float("-inf"))
        return torch.softmax(scores, -1) @ v

    result = {"S": s, "D": d, "E": c["E"], "torch": torch.__version__,
              "threads": torch.get_num_threads(), "reps": args.reps}
    with torch.no_grad():
        result["dense_masked_s"] = median_seconds(dense_masked, args.reps)
        got = dense_masked()
    want = torch.from_numpy(c["O"].copy()).reshape(s, d)
    scale = float(want.abs().max()) or 1.0
    result["error"] = float((got - want).abs().max()) / scale
    result["peak_rss_mib"] = resource.getrusage(
        resource.RUSAGE_SELF).ru_maxrss / 1024.0
    result["ok"] = result["error"] < 1e-4
    print(json.dumps(result))
    raise SystemExit(0 if result["ok"] else 1)


if __name__ == "__main__":
    main()
