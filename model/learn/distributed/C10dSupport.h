#pragma once
// What the Gloo and NCCL collectives share: the TCPStore where the ranks of a run meet (at
// MASTER_ADDR:MASTER_PORT, hosted by rank 0 or by torchrun's agent, under this attempt's
// prefix), the reduce operations and the messages of failures. TCPStore has no authentication:
// trusted networks only (docs/scaling.md).
#include <chrono>
#include <string>
#include <torch/csrc/distributed/c10d/Store.hpp>
#include <torch/csrc/distributed/c10d/Types.hpp>

#include "learn/distributed/Collective.h"
#include "learn/distributed/ProcessGroupSpec.h"

namespace driftlab {

c10::intrusive_ptr<c10d::Store> openGroupStore(const ProcessGroupSpec& spec);
std::chrono::milliseconds groupTimeout(const ProcessGroupSpec& spec);
c10d::ReduceOp reduceOpOf(ReduceKind kind);
// "rank 1 of 4: cannot join the training group at 10.0.0.1:29500 within 300 s (reason)"
std::string joinFailure(const ProcessGroupSpec& spec, const std::exception& e);
// "rank 0 of 2: the all-reduce of the gradients failed: rank 1 has stopped (...) (reason)" with
// `whoStopped` (PeerHeartbeat), else "...failed: a peer left the group or did not answer within
// 300 s (reason)"
std::string collectiveFailure(const ProcessGroupSpec& spec, const std::string& what,
                              const std::exception& e, const std::string& whoStopped = "");

}  // namespace driftlab
