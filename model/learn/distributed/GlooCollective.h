#pragma once
// Collective over torch's c10d: a TCPStore where the ranks meet (hosted by rank 0, or by
// torchrun's agent) and a ProcessGroupGloo over TCP. The only file that includes c10d; compiled
// with USE_C10D_GLOO (Debian's TorchConfig does not set it). CPU tensors only (NCCL, for CUDA
// tensors, is not in Debian's LibTorch: docs/scaling.md).
#include <memory>

#include "learn/distributed/Collective.h"

namespace driftlab {

class GlooCollective final : public Collective {
public:
    // Throws DistributedError (naming the store's address) when the group cannot be formed
    // within the spec's timeout.
    explicit GlooCollective(const ProcessGroupSpec& spec);
    ~GlooCollective() override;

    int rank() const override;
    int size() const override;
    std::string describe() const override;
    void allReduce(std::vector<torch::Tensor>& tensors, ReduceKind kind,
                   const std::string& what) override;
    void broadcast(std::vector<torch::Tensor>& tensors, int root, const std::string& what) override;
    void barrier(const std::string& what) override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace driftlab
