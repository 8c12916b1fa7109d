#pragma once
// LibTorch's process-wide settings, without Torch in the header (Torch stays in model/learn).
#include <string>

namespace driftlab {

std::string torchVersion();
// Intra-op threads for Torch (it starts with one on small machines). Must be >= 1.
void setTorchThreads(int threads);
int torchThreads();
// Keeps freed big buffers in the process instead of returning them to the kernel after every
// training step: glibc's defaults refault ~2x the pages per step and made LibTorch 5-20 %
// slower than PyTorch on the same kernels (see docs/performance.md). Idempotent.
void tuneAllocatorForTraining();

}  // namespace driftlab
