#include "learn/distributed/Collective.h"

#include "learn/distributed/GlooCollective.h"
#ifdef DRIFTLAB_WITH_NCCL
#include "learn/distributed/NcclCollective.h"
#endif

namespace driftlab {

namespace {

class LocalCollective final : public Collective {
public:
    int rank() const override { return 0; }
    int size() const override { return 1; }
    std::string describe() const override { return "a single process"; }
    void allReduce(std::vector<torch::Tensor>&, ReduceKind, const std::string&) override {}
    void broadcast(std::vector<torch::Tensor>&, int, const std::string&) override {}
    void barrier(const std::string&) override {}
};

}  // namespace

std::vector<double> Collective::sum(const std::vector<double>& values, const std::string& what) {
    if (!distributed()) return values;
    std::vector<torch::Tensor> t{
        torch::tensor(values, torch::TensorOptions().dtype(torch::kFloat64)).contiguous()};
    allReduce(t, ReduceKind::Sum, what);
    const double* p = t[0].data_ptr<double>();
    return {p, p + values.size()};
}

bool Collective::any(bool flag, const std::string& what) {
    if (!distributed()) return flag;
    return sum({flag ? 1.0 : 0.0}, what)[0] > 0;
}

void agreeOn(Collective& group, const std::string& what, const std::function<void()>& step) {
    if (!group.distributed()) {
        step();
        return;
    }
    std::exception_ptr failure;
    try {
        step();
    } catch (...) {
        failure = std::current_exception();
    }
    std::vector<torch::Tensor> first{
        torch::tensor({static_cast<std::int64_t>(failure ? group.rank() : group.size())},
                      torch::TensorOptions().dtype(torch::kInt64))};
    group.allReduce(first, ReduceKind::Min, "the agreement on " + what);
    const std::int64_t failed = first[0].item<std::int64_t>();
    if (failure) std::rethrow_exception(failure);
    if (failed < group.size())
        throw DistributedError("rank " + std::to_string(group.rank()) + " of " +
                               std::to_string(group.size()) + ": stopped because rank " +
                               std::to_string(failed) + " failed during " + what +
                               " (its own message says why)");
}

std::shared_ptr<Collective> localCollective() {
    static const auto local = std::make_shared<LocalCollective>();
    return local;
}

std::shared_ptr<Collective> joinProcessGroup(const ProcessGroupSpec& spec,
                                             const torch::Device& device) {
    spec.validate();
    if (!spec.distributed()) return localCollective();
#ifdef DRIFTLAB_WITH_NCCL
    if (device.is_cuda()) return std::make_shared<NcclCollective>(spec, device.index());
#else
    (void)device;
#endif
    return std::make_shared<GlooCollective>(spec);
}

std::string collectiveBackends() {
#ifdef DRIFTLAB_WITH_NCCL
    return "gloo, nccl";
#else
    return "gloo";
#endif
}

}  // namespace driftlab
