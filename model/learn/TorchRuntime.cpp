#include "learn/TorchRuntime.h"

#include <ATen/autocast_mode.h>
#include <malloc.h>
#include <torch/torch.h>

#include <stdexcept>

namespace driftlab {

std::string torchVersion() {
    return TORCH_VERSION;
}

void setTorchThreads(int threads) {
    if (threads < 1) throw std::invalid_argument("Torch threads must be at least 1");
    at::set_num_threads(threads);
}

int torchThreads() {
    return at::get_num_threads();
}

void tuneAllocatorForTraining() {
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 1024 * 1024 * 1024);
    mallopt(M_TOP_PAD, 256 * 1024 * 1024);
}

torch::Device resolveDevice(DeviceChoice choice, int localRank) {
    if (choice == DeviceChoice::Cpu) return torch::Device(torch::kCPU);
    const bool built = at::globalContext().hasCUDA();
    const int count = built ? static_cast<int>(torch::cuda::device_count()) : 0;
    if (count > 0)
        return torch::Device(torch::kCUDA,
                             static_cast<c10::DeviceIndex>(std::max(0, localRank) % count));
    if (choice == DeviceChoice::Cuda)
        throw std::invalid_argument(
            built ? "--device cuda: this LibTorch has CUDA but no GPU is visible "
                    "(CUDA_VISIBLE_DEVICES, the driver?)"
                  : "--device cuda: this build's LibTorch has no CUDA (Debian's has none; build "
                    "with -DDRIFTLAB_TORCH_DIR=<an upstream CUDA LibTorch>, docs/scaling.md)");
    return torch::Device(torch::kCPU);
}

std::string describeDevice(const torch::Device& device) {
    if (!device.is_cuda()) return "CPU";
    return "CUDA device " + std::to_string(device.index());
}

AutocastScope::AutocastScope(bool enabled) : enabled_(enabled) {
    if (!enabled_) return;
    at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
    at::autocast::set_enabled(true);
}

AutocastScope::~AutocastScope() {
    if (!enabled_) return;
    at::autocast::set_enabled(false);
    at::autocast::clear_cache();
}

}  // namespace driftlab
