#include "learn/distributed/SyncBatchNorm.h"

#include <torch/torch.h>

namespace driftlab {

namespace {

thread_local Collective* tActiveGroup = nullptr;

// Sum over the ranks, differentiable: the gradient of a sum over ranks is the sum over ranks of
// the gradients (every rank's loss depends on every rank's statistics).
class AllReduceSum : public torch::autograd::Function<AllReduceSum> {
public:
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x,
                                 std::int64_t groupAddress) {
        ctx->saved_data["group"] = groupAddress;
        std::vector<torch::Tensor> t{x.detach().clone().contiguous()};
        groupOf(groupAddress).allReduce(t, ReduceKind::Sum, "the BatchNorm statistics");
        return t[0];
    }
    static torch::autograd::tensor_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::tensor_list grads) {
        std::vector<torch::Tensor> t{grads[0].contiguous().clone()};
        groupOf(ctx->saved_data["group"].toInt())
            .allReduce(t, ReduceKind::Sum, "the BatchNorm gradients");
        return {t[0], torch::Tensor()};
    }

private:
    static Collective& groupOf(std::int64_t address) {
        return *reinterpret_cast<Collective*>(static_cast<std::intptr_t>(address));
    }
};

}  // namespace

SyncBatchNormScope::SyncBatchNormScope(Collective* group) : previous_(tActiveGroup) {
    tActiveGroup = group && group->distributed() ? group : nullptr;
}
SyncBatchNormScope::~SyncBatchNormScope() {
    tActiveGroup = previous_;
}

Collective* activeBatchNormGroup() {
    return tActiveGroup;
}

torch::Tensor syncBatchNorm(const torch::Tensor& x, torch::nn::BatchNorm2dImpl& bn,
                            Collective& group) {
    const auto& o = bn.options;
    const std::int64_t channels = x.size(1);
    // Sums in double: E[x^2] - E[x]^2 loses nothing that matters at these sizes.
    const torch::Tensor xd = x.to(torch::kFloat64);
    const torch::Tensor local =
        torch::cat({xd.sum({0, 2, 3}), (xd * xd).sum({0, 2, 3}),
                    torch::full({1}, static_cast<double>(x.numel() / channels), xd.options())});
    const torch::Tensor total = AllReduceSum::apply(
        local, static_cast<std::int64_t>(reinterpret_cast<std::intptr_t>(&group)));
    const torch::Tensor count = total.narrow(0, 2 * channels, 1);
    const torch::Tensor mean = total.narrow(0, 0, channels) / count;
    const torch::Tensor var = total.narrow(0, channels, channels) / count - mean * mean;
    if (o.track_running_stats()) {
        torch::NoGradGuard noGrad;
        const double n = count.item<double>();
        bn.num_batches_tracked += 1;
        const double momentum =
            o.momentum() ? *o.momentum() : 1.0 / bn.num_batches_tracked.item<double>();
        bn.running_mean.mul_(1 - momentum).add_(mean.to(bn.running_mean.scalar_type()), momentum);
        bn.running_var.mul_(1 - momentum)
            .add_((var * (n / std::max(1.0, n - 1))).to(bn.running_var.scalar_type()), momentum);
    }
    const auto shape = std::vector<std::int64_t>{1, channels, 1, 1};
    const torch::Tensor invStd = torch::rsqrt(var + o.eps()).to(x.scalar_type()).view(shape);
    torch::Tensor y = (x - mean.to(x.scalar_type()).view(shape)) * invStd;
    if (o.affine()) y = y * bn.weight.view(shape) + bn.bias.view(shape);
    return y;
}

}  // namespace driftlab
