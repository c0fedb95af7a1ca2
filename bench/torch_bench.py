"""What the PyTorch sides of the benchmarks share (gnn_torch.py,
matmul_torch.py). Import it before torch: limit_threads() must run before
torch and numpy load their BLAS and OpenMP, which read the thread counts
from the environment once."""

import os
import time


def limit_threads():
    """SPIDER_NUM_THREADS (the Spider side's count; default 1, 0: every
    core) exported to OpenMP, OpenBLAS and MKL; returns the count."""
    threads = int(os.environ.get("SPIDER_NUM_THREADS", "1") or "1")
    if threads <= 0:
        threads = os.cpu_count() or 1
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(threads)
    return threads


def median_seconds(fn, reps):
    """The median of `reps` timed calls of fn, after one warm-up."""
    fn()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return sorted(times)[len(times) // 2]
