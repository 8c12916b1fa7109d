#pragma once
// The few collective operations data-parallel training needs, over the processes of one run.
// The trainer talks only to this interface: LocalCollective is the single process (every call
// returns at once), GlooCollective is torch's c10d over TCP (the only file that includes c10d).
// Every call is made by every rank in the same order; a call that fails (a peer died, or did
// not answer within the group's timeout) throws DistributedError on every surviving rank.
#include <torch/types.h>

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "learn/distributed/ProcessGroupSpec.h"

namespace driftlab {

class DistributedError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

enum class ReduceKind { Sum, Min, Max };

class Collective {
public:
    virtual ~Collective() = default;
    virtual int rank() const = 0;
    virtual int size() const = 0;
    // "Gloo over TCP, rank 0 of 2, store 127.0.0.1:29500"
    virtual std::string describe() const = 0;
    // Each tensor (contiguous, CPU) is replaced by the element-wise reduction over the ranks.
    // Tensors go one at a time in the order given; `what` names the operation in errors.
    virtual void allReduce(std::vector<torch::Tensor>& tensors, ReduceKind kind,
                           const std::string& what) = 0;
    // Each tensor is replaced by rank `root`'s.
    virtual void broadcast(std::vector<torch::Tensor>& tensors, int root,
                           const std::string& what) = 0;
    virtual void barrier(const std::string& what) = 0;

    bool distributed() const { return size() > 1; }
    // Scalars, summed / or-ed over the ranks (one small all-reduce).
    std::vector<double> sum(const std::vector<double>& values, const std::string& what);
    bool any(bool flag, const std::string& what);
};

// Runs `step` on every rank and makes the ranks agree on its outcome: if it throws on any rank,
// it throws on every rank (the failing rank its own error; the others a DistributedError naming
// the first rank that failed), so no rank waits for a peer that has given up.
void agreeOn(Collective& group, const std::string& what, const std::function<void()>& step);

// The single process: rank 0 of 1.
std::shared_ptr<Collective> localCollective();
// Joins the group `spec` describes (blocks until every rank has joined, or throws
// DistributedError after the spec's timeout); the single process for a world size of 1.
// With `device` a CUDA device and a build with NCCL (DRIFTLAB_WITH_NCCL), NCCL; else Gloo.
std::shared_ptr<Collective> joinProcessGroup(const ProcessGroupSpec& spec,
                                             const torch::Device& device = torch::kCPU);
// The backends this build has: "gloo" or "gloo, nccl".
std::string collectiveBackends();

}  // namespace driftlab
