#include "learn/distributed/GlooCollective.h"

#include <chrono>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>

#include "learn/distributed/C10dSupport.h"
#include "learn/distributed/PeerHeartbeat.h"

#ifndef USE_C10D_GLOO
#error "GlooCollective.cpp needs USE_C10D_GLOO (set in model/CMakeLists.txt)"
#endif

namespace driftlab {

namespace {

bool isLoopback(const std::string& address) {
    return address == "localhost" || address.rfind("127.", 0) == 0 || address == "::1";
}

}  // namespace

struct GlooCollective::Impl {
    ProcessGroupSpec spec;
    c10::intrusive_ptr<c10d::Store> store;
    c10::intrusive_ptr<c10d::ProcessGroupGloo> group;
    std::unique_ptr<PeerHeartbeat> heartbeat;

    [[noreturn]] void fail(const std::string& what, const std::exception& e) const {
        throw DistributedError(
            collectiveFailure(spec, what, e, heartbeat ? heartbeat->whoStopped() : ""));
    }

    template <typename Call>
    void run(const std::string& what, Call&& call) {
        try {
            auto work = call();
            work->wait();
        } catch (const DistributedError&) {
            throw;
        } catch (const std::exception& e) {
            fail(what, e);
        }
    }
};

GlooCollective::GlooCollective(const ProcessGroupSpec& spec) : impl_(std::make_unique<Impl>()) {
    auto& d = *impl_;
    d.spec = spec;
    const auto timeout = groupTimeout(spec);
    try {
        d.store = openGroupStore(spec);
        auto options = c10d::ProcessGroupGloo::Options::create(timeout);
        if (!spec.socketInterface.empty())
            options->devices.push_back(
                c10d::ProcessGroupGloo::createDeviceForInterface(spec.socketInterface));
        else if (isLoopback(spec.masterAddr))
            options->devices.push_back(
                c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
        else
            options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
        options->threads = 2;
        d.group = c10::make_intrusive<c10d::ProcessGroupGloo>(d.store, spec.rank, spec.worldSize,
                                                              options);
        d.heartbeat = std::make_unique<PeerHeartbeat>(d.store, spec.rank, spec.worldSize,
                                                      !spec.launcherHostsStore);
    } catch (const std::exception& e) {
        throw DistributedError(joinFailure(spec, e));
    }
}

GlooCollective::~GlooCollective() = default;

int GlooCollective::rank() const {
    return impl_->spec.rank;
}
int GlooCollective::size() const {
    return impl_->spec.worldSize;
}
std::string GlooCollective::describe() const {
    return "Gloo over TCP, " + impl_->spec.describe();
}

void GlooCollective::allReduce(std::vector<torch::Tensor>& tensors, ReduceKind kind,
                               const std::string& what) {
    // Every tensor's reduction is started before the first is waited for: Gloo's threads work
    // on the next bucket while this one finishes.
    try {
        // CUDA tensors (a CUDA build without NCCL) go through host memory: Gloo's CUDA support
        // depends on how LibTorch was built.
        std::vector<torch::Tensor> staged;
        for (auto& t : tensors) staged.push_back(t.is_cuda() ? t.to(torch::kCPU) : t);
        std::vector<c10::intrusive_ptr<c10d::Work>> works;
        works.reserve(staged.size());
        for (auto& t : staged) {
            std::vector<at::Tensor> one{t};
            c10d::AllreduceOptions o;
            o.reduceOp = reduceOpOf(kind);
            works.push_back(impl_->group->allreduce(one, o));
        }
        for (auto& w : works) w->wait();
        for (std::size_t i = 0; i < tensors.size(); ++i)
            if (tensors[i].is_cuda()) tensors[i].copy_(staged[i]);
    } catch (const std::exception& e) {
        impl_->fail(what, e);
    }
}

void GlooCollective::broadcast(std::vector<torch::Tensor>& tensors, int root,
                               const std::string& what) {
    for (auto& t : tensors) {
        std::vector<at::Tensor> one{t.is_cuda() ? t.to(torch::kCPU) : t};
        impl_->run(what, [&] {
            c10d::BroadcastOptions o;
            o.rootRank = root;
            return impl_->group->broadcast(one, o);
        });
        if (t.is_cuda()) t.copy_(one[0]);
    }
}

void GlooCollective::barrier(const std::string& what) {
    impl_->run(what, [&] { return impl_->group->barrier(); });
}

}  // namespace driftlab
