#include "learn/TorchRuntime.h"

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

}  // namespace driftlab
