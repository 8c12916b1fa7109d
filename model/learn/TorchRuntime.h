#pragma once
// LibTorch's process-wide settings and devices (learning module only).
#include <torch/types.h>

#include <string>

#include "learn/TrainingConfig.h"

namespace driftlab {

std::string torchVersion();
// Intra-op threads for Torch (it starts with one on small machines). Must be >= 1.
void setTorchThreads(int threads);
int torchThreads();
// Keeps freed big buffers in the process instead of returning them to the kernel after every
// training step: glibc's defaults refault ~2x the pages per step and made LibTorch 5-20 %
// slower than PyTorch on the same kernels (see docs/performance.md). Idempotent.
void tuneAllocatorForTraining();

// The device a choice means on this machine: auto is CUDA device `localRank` (mod the device
// count) when this LibTorch was built with CUDA and a GPU is visible, else the CPU. Throws
// std::invalid_argument saying which of the two is missing when CUDA is insisted on.
torch::Device resolveDevice(DeviceChoice choice, int localRank = 0);
// "CPU" or "CUDA device 0", for the log.
std::string describeDevice(const torch::Device& device);

// bfloat16 autocast of the CUDA operations while alive (no effect when `enabled` is false).
// bfloat16 keeps float32's exponent: no loss scaling is needed.
class AutocastScope {
public:
    explicit AutocastScope(bool enabled);
    ~AutocastScope();
    AutocastScope(const AutocastScope&) = delete;
    AutocastScope& operator=(const AutocastScope&) = delete;

private:
    bool enabled_;
};

}  // namespace driftlab
