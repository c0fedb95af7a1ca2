#!/usr/bin/python3
"""PyTorch baseline for the mixture-of-experts FFN benchmark.

Reads a case written by writeMoeCase (bench/MoeBaselines.cpp), regenerates
x, w1, w2 bit for bit with the same hash as fillHashed, runs the usual
PyTorch per-expert loop and prints one line of JSON:

  moe_torch.py --input FILE [--threads 1] [--reps 5]
  moe_torch.py --selftest PROBE   # PROBE: records from appendHashProbe

Case file (little-endian, no padding): int64 T, D, F, E; uint64 seedX, seedW1,
seedW2; float32 scaleX, scaleW1, scaleW2 (68 bytes); then g (T*E float32),
then yRef (T*D float32). x = hashed(T*D, seedX, scaleX), w1 = hashed(E*D*F,
seedW1, scaleW1) as [E][D][F], w2 = hashed(E*F*D, seedW2, scaleW2) as
[E][F][D].

Threads: torch.set_num_threads does not reach the OpenBLAS that Debian's
torch (and numpy) call for matmul, so --threads is also exported as
OPENBLAS_NUM_THREADS / OMP_NUM_THREADS / MKL_NUM_THREADS before numpy or torch
is imported. torch_median_cpu_s (process CPU time) shows the threads used.

Probe file: repeated records of uint64 seed, float32 scale, int64 n, then n
float32 values of fillHashed(n, seed, scale); checked bit for bit.
"""

import argparse
import json
import os
import resource
import statistics
import struct
import sys
import time


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", help="case file from writeMoeCase")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--selftest", metavar="PROBE",
                        help="check the hash against appendHashProbe records")
    args = parser.parse_args(argv)
    if not args.selftest and not args.input:
        parser.error("need --input FILE or --selftest PROBE")
    return args


def limit_blas_threads(threads):
    """Must run before numpy/torch load their BLAS (OpenBLAS reads these at
    load time)."""
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(threads)


if __name__ == "__main__":
    ARGS = parse_args()
    limit_blas_threads(ARGS.threads)

import numpy as np  # noqa: E402  (after limit_blas_threads on purpose)

GOLDEN = np.uint64(0x9E3779B97F4A7C15)
MIX1 = np.uint64(0xBF58476D1CE4E5B9)
MIX2 = np.uint64(0x94D049BB133111EB)
CHUNK = 1 << 22  # elements hashed at once: bounds the uint64 temporaries

HEADER = struct.Struct("<4q3Q3f")  # T, D, F, E, seeds, scales: 68 bytes
PROBE_HEADER = struct.Struct("<Qfq")  # seed, scale, n: 20 bytes


def splitmix64(z):
    """splitmix64 on a uint64 array, wrapping modulo 2**64."""
    z = z + GOLDEN
    z = (z ^ (z >> np.uint64(30))) * MIX1
    z = (z ^ (z >> np.uint64(27))) * MIX2
    return z ^ (z >> np.uint64(31))


def fill_hashed(out, seed, scale):
    """out[i] = scale * (2u - 1) in float32, exactly as fillHashed.

    u = (splitmix64(seed * GOLDEN + i) >> 40) * 2**-24 is exact in float32,
    as is 2u - 1, so the only rounding is the float32 product with scale.
    """
    flat = out.reshape(-1)
    with np.errstate(over="ignore"):  # scalar uint64 wrap-around warns
        base = np.uint64(seed) * GOLDEN
    scale = np.float32(scale)
    for start in range(0, flat.size, CHUNK):
        stop = min(start + CHUNK, flat.size)
        i = np.arange(start, stop, dtype=np.uint64)
        bits = splitmix64(base + i) >> np.uint64(40)
        u = bits.astype(np.float32) * np.float32(1.0 / 16777216.0)
        flat[start:stop] = scale * (np.float32(2.0) * u - np.float32(1.0))
    return out


def hashed(shape, seed, scale):
    """A new float32 array of `shape` filled by fill_hashed."""
    return fill_hashed(np.empty(shape, dtype=np.float32), seed, scale)


def read_case(path):
    """(dims, seeds, scales, g, y_ref) from a writeMoeCase file."""
    with open(path, "rb") as f:
        fields = HEADER.unpack(f.read(HEADER.size))
        t, d, ff, e = fields[0:4]
        g = np.fromfile(f, dtype="<f4", count=t * e).reshape(t, e)
        y_ref = np.fromfile(f, dtype="<f4", count=t * d).reshape(t, d)
        if g.size != t * e or y_ref.size != t * d or f.read(1):
            sys.exit(f"{path}: size does not match its header")
    return (t, d, ff, e), fields[4:7], fields[7:10], g, y_ref


def moe_loop(torch, x, g, w1, w2):
    """The per-expert loop a PyTorch user writes."""
    y = torch.zeros_like(x)
    for e in range(g.shape[1]):
        idx = torch.nonzero(g[:, e]).squeeze(1)
        if idx.numel() == 0:
            continue
        ye = torch.relu(x[idx] @ w1[e]) @ w2[e]
        y.index_add_(0, idx, ye * g[idx, e, None])
    return y


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_case(args):
    import torch

    torch.set_num_threads(args.threads)
    (t, d, ff, e), seeds, scales, g_np, y_ref = read_case(args.input)
    x = torch.from_numpy(hashed((t, d), seeds[0], scales[0]))
    w1 = torch.from_numpy(hashed((e, d, ff), seeds[1], scales[1]))
    w2 = torch.from_numpy(hashed((e, ff, d), seeds[2], scales[2]))
    g = torch.from_numpy(g_np)

    with torch.no_grad():
        y = moe_loop(torch, x, g, w1, w2)  # warm-up, also the checked result
        times, cpu_times = [], []
        for _ in range(args.reps):
            start, cpu_start = time.perf_counter(), time.process_time()
            moe_loop(torch, x, g, w1, w2)
            times.append(time.perf_counter() - start)
            cpu_times.append(time.process_time() - cpu_start)

    ref_max = float(np.abs(y_ref).max()) if y_ref.size else 0.0
    err = float(np.abs(y.numpy() - y_ref).max()) if y_ref.size else 0.0
    print(json.dumps({
        "torch_median_s": statistics.median(times) if times else None,
        "torch_min_s": min(times) if times else None,
        "torch_median_cpu_s": statistics.median(cpu_times) if times else None,
        "max_rel_err": err / ref_max if ref_max > 0 else err,
        "ref_max_abs": ref_max,
        "threads": args.threads,
        "torch_version": torch.__version__,
        "peak_rss_mib": round(peak_rss_mib(), 1),
        "T": t, "D": d, "F": ff, "E": e,
        "assignments": int(np.count_nonzero(g_np)),
    }))


def self_test(path):
    """Checks fill_hashed bit for bit against appendHashProbe records."""
    records = 0
    with open(path, "rb") as f:
        while True:
            head = f.read(PROBE_HEADER.size)
            if not head:
                break
            seed, scale, n = PROBE_HEADER.unpack(head)
            want = np.fromfile(f, dtype="<f4", count=n)
            assert want.size == n, f"{path}: truncated record {records}"
            got = hashed(n, seed, scale)
            bad = np.flatnonzero(got.view(np.uint32) != want.view(np.uint32))
            assert bad.size == 0, (
                f"seed {seed} scale {scale}: {bad.size} of {n} differ, first "
                f"at {bad[0]}: {got[bad[0]]!r} vs {want[bad[0]]!r}")
            records += 1
    assert records > 0, f"{path}: no records"
    print(json.dumps({"selftest": "ok", "records": records}))


def main(args):
    if args.selftest:
        self_test(args.selftest)
    if args.input:
        run_case(args)


if __name__ == "__main__":
    main(ARGS)
