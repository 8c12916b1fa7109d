#pragma once
// LibTorch's process-wide settings, without Torch in the header (Torch stays in model/learn).
#include <string>

namespace driftlab {

std::string torchVersion();
// Intra-op threads for Torch (it starts with one on small machines). Must be >= 1.
void setTorchThreads(int threads);
int torchThreads();

}  // namespace driftlab
