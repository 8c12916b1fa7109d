#pragma once
// Collective over c10d's NCCL backend, for CUDA training with a LibTorch built with it (an
// upstream CUDA LibTorch and NCCL's headers: model/CMakeLists.txt compiles this file only then,
// with DRIFTLAB_WITH_NCCL). CPU tensors (the scalars of Collective::sum) are staged through the
// rank's GPU. Not compiled or run on Debian's LibTorch, which has no CUDA (docs/scaling.md).
#include <memory>

#include "learn/distributed/Collective.h"

namespace driftlab {

class NcclCollective final : public Collective {
public:
    NcclCollective(const ProcessGroupSpec& spec, int deviceIndex);
    ~NcclCollective() override;

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
