// spider-gpu-pipeline's CUDA toolkit search takes a directory only when it
// has both bin/ptxas and nvvm/libdevice/libdevice.10.bc. A ptxas wrapper
// script first on PATH (as /usr/local/bin/ptxas on CI machines) is passed
// over: taking /usr/local for the toolkit made MLIR fail every kernel that
// calls a libdevice function. A symbolic link to ptxas is followed.
// REQUIRES: cuda-toolkit-default
// RUN: env -u CUDA_ROOT -u CUDA_HOME -u CUDA_PATH PATH=%spider_src_root/test/Inputs/ptxas-wrapper/bin:%PATH% \
// RUN:   spider-opt %s --spider-gpu-pipeline --dump-pass-pipeline -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=WRAPPER
// RUN: env -u CUDA_ROOT -u CUDA_HOME -u CUDA_PATH PATH=%spider_src_root/test/Inputs/ptxas-wrapper/bin:%PATH% \
// RUN:   spider-opt %s --spider-gpu-pipeline="format=isa" | FileCheck %s --check-prefix=EXP
// RUN: rm -rf %t && mkdir -p %t/bin && ln -s /usr/local/cuda/bin/ptxas %t/bin/ptxas
// RUN: env -u CUDA_ROOT -u CUDA_HOME -u CUDA_PATH PATH=%t/bin:%PATH% \
// RUN:   spider-opt %s --spider-gpu-pipeline --dump-pass-pipeline -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LINK -DTOOLKIT=%cuda_toolkit_real
// RUN: env CUDA_ROOT=%spider_src_root/test/Inputs/ptxas-wrapper PATH=%t/bin:%PATH% \
// RUN:   spider-opt %s --spider-gpu-pipeline --dump-pass-pipeline -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LINK -DTOOLKIT=%cuda_toolkit_real

// WRAPPER: gpu-module-to-binary{format=fatbin
// WRAPPER-NOT: ptxas-wrapper
// WRAPPER-SAME: toolkit=
// EXP: gpu.binary
// EXP-SAME: ex2.approx
// LINK: gpu-module-to-binary{format=fatbin {{.*}} toolkit=[[TOOLKIT]]}

// exp runs through libdevice's __nv_expf.
func.func @softmax_numerator(%x: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %e = tensor.empty() : tensor<64x64xf32>
  %r = linalg.exp ins(%x : tensor<64x64xf32>) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}
