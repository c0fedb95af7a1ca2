# Sourced by the bench scripts. Debian's OpenBLAS picks its kernels from the
# CPU model, which virtual machines often hide ("Prescott": SSE3 only, 3x
# slower). Name the core from the CPU's features so that the baselines run
# their best kernels; an OPENBLAS_CORETYPE already set wins.
if [ -z "${OPENBLAS_CORETYPE:-}" ]; then
  if grep -qw avx512f /proc/cpuinfo; then
    export OPENBLAS_CORETYPE=SkylakeX
  elif grep -qw avx2 /proc/cpuinfo; then
    export OPENBLAS_CORETYPE=Haswell
  fi
fi
