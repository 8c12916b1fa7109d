#include "learn/distributed/NcclCollective.h"

#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>

#include "learn/distributed/C10dSupport.h"
#include "learn/distributed/PeerHeartbeat.h"

namespace driftlab {

struct NcclCollective::Impl {
    ProcessGroupSpec spec;
    torch::Device device{torch::kCUDA, 0};
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<c10d::ProcessGroupNCCL> group;
    std::unique_ptr<PeerHeartbeat> heartbeat;

    // Every op on the rank's GPU; a CPU tensor is copied there and back.
    template <typename Call>
    void onDevice(std::vector<torch::Tensor>& tensors, const std::string& what, Call&& call) {
        try {
            for (auto& t : tensors) {
                std::vector<at::Tensor> one{t.is_cuda() ? t : t.to(device)};
                call(one)->wait();
                if (!t.is_cuda()) t.copy_(one[0].to(torch::kCPU));
            }
        } catch (const std::exception& e) {
            throw DistributedError(
                collectiveFailure(spec, what, e, heartbeat ? heartbeat->whoStopped() : ""));
        }
    }
};

NcclCollective::NcclCollective(const ProcessGroupSpec& spec, int deviceIndex)
    : impl_(std::make_unique<Impl>()) {
    auto& d = *impl_;
    d.spec = spec;
    d.device = torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(deviceIndex));
    try {
        d.store = openGroupStore(spec);
        auto options = c10d::ProcessGroupNCCL::Options::create();
        options->timeout = groupTimeout(spec);
        d.group = c10::make_intrusive<c10d::ProcessGroupNCCL>(d.store, spec.rank, spec.worldSize,
                                                              options);
        d.heartbeat = std::make_unique<PeerHeartbeat>(d.store, spec.rank, spec.worldSize,
                                                      !spec.launcherHostsStore);
    } catch (const std::exception& e) {
        throw DistributedError(joinFailure(spec, e));
    }
}

NcclCollective::~NcclCollective() = default;

int NcclCollective::rank() const {
    return impl_->spec.rank;
}
int NcclCollective::size() const {
    return impl_->spec.worldSize;
}
std::string NcclCollective::describe() const {
    return "NCCL on CUDA device " + std::to_string(impl_->device.index()) + ", " +
           impl_->spec.describe();
}

void NcclCollective::allReduce(std::vector<torch::Tensor>& tensors, ReduceKind kind,
                               const std::string& what) {
    impl_->onDevice(tensors, what, [&](std::vector<at::Tensor>& one) {
        c10d::AllreduceOptions o;
        o.reduceOp = reduceOpOf(kind);
        return impl_->group->allreduce(one, o);
    });
}

void NcclCollective::broadcast(std::vector<torch::Tensor>& tensors, int root,
                               const std::string& what) {
    impl_->onDevice(tensors, what, [&](std::vector<at::Tensor>& one) {
        c10d::BroadcastOptions o;
        o.rootRank = root;
        return impl_->group->broadcast(one, o);
    });
}

void NcclCollective::barrier(const std::string& what) {
    std::vector<torch::Tensor> token{torch::zeros({1})};
    allReduce(token, ReduceKind::Sum, what);  // NCCL's barrier needs a device guess; this does not
}

}  // namespace driftlab
