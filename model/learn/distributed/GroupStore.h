#pragma once
// Where the ranks of a run meet: the TCPStore at MASTER_ADDR:MASTER_PORT (hosted by rank 0, or
// by torchrun's agent), under this attempt's prefix. Shared by the Gloo and NCCL collectives.
// TCPStore has no authentication: trusted networks only (docs/scaling.md).
#include <chrono>
#include <string>
#include <torch/csrc/distributed/c10d/Store.hpp>

#include "learn/distributed/ProcessGroupSpec.h"

namespace driftlab {

c10::intrusive_ptr<c10d::Store> openGroupStore(const ProcessGroupSpec& spec);
std::chrono::milliseconds groupTimeout(const ProcessGroupSpec& spec);
// "rank 1 of 4: cannot join the training group at 10.0.0.1:29500 within 300 s (reason)"
std::string joinFailure(const ProcessGroupSpec& spec, const std::exception& e);
// Gloo's and NCCL's messages carry a source path; the first line says what happened.
std::string firstLine(const std::string& text);

}  // namespace driftlab
