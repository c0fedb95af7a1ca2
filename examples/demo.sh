#!/usr/bin/env bash
# The main job of `make demo`: a mixture-of-experts FFN routed by the
# dense-to-sparse gate, run by spider-run across a temperature schedule.
# Per step it prints the gate density, the path Spider took and its time
# next to the per-expert loop a user writes without Spider (compiled by the
# same pipeline), then the per-spider.pit profile.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
printf '\033[1m== MoE FFN with the DTS gate, dense to sparse (examples/moe-dts-demo.mlir) ==\033[0m\n'
"$build/bin/spider-run" examples/moe-dts-demo.mlir --profile
printf '\n(The IR walk-through of the dialect and its analysis: make walkthrough.)\n'
