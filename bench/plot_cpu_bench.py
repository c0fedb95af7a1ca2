"""Plots spider-cpu-bench's CSV: time against micro-tile density."""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

rows = list(csv.DictReader(open(sys.argv[1])))
density = [100 * float(r["density"]) for r in rows]
series = [
    ("spider_ms", "Spider (PIT, index construction included)", "o-"),
    ("openblas_ms", "OpenBLAS sgemm, dense", "s-"),
    ("sparsifier_ms", "MLIR sparsifier, CSR (conversion included)", "^-"),
    ("mlir_dense_ms", "same program unmarked (Spider's dense code)", "x--"),
]
fig, ax = plt.subplots(figsize=(7, 4.5))
for key, label, style in series:
    ax.plot(density, [float(r[key]) for r in rows], style, label=label)
ax.set_xscale("log")
ax.set_yscale("log")
ax.set_xlabel("density of active [32, 1] micro-tiles (%)")
ax.set_ylabel("time (ms, median)")
ax.set_title("2048^3 f32 matmul, one thread")
ax.grid(True, which="both", alpha=0.3)
ax.legend(fontsize=8)
fig.tight_layout()
fig.savefig(sys.argv[2], dpi=120)
