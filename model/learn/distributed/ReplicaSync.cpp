#include "learn/distributed/ReplicaSync.h"

#include <torch/torch.h>

namespace driftlab {

namespace {

std::vector<torch::Tensor> stateTensors(torch::nn::Module& module) {
    std::vector<torch::Tensor> all;
    for (auto& p : module.parameters()) all.push_back(p);
    for (auto& b : module.buffers()) all.push_back(b);
    return all;
}

}  // namespace

std::uint64_t fnv1a(const void* data, std::size_t bytes, std::uint64_t h) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < bytes; ++i) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

void broadcastModule(torch::nn::Module& module, Collective& group) {
    if (!group.distributed()) return;
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> tensors;
    for (auto& t : stateTensors(module)) tensors.push_back(t.detach().contiguous());
    group.broadcast(tensors, 0, "the broadcast of rank 0's model");
    auto targets = stateTensors(module);
    for (std::size_t i = 0; i < targets.size(); ++i) targets[i].copy_(tensors[i]);
    verifyReplicas(module, group, "after the broadcast of rank 0's model");
}

void averageGradients(torch::nn::Module& module, Collective& group, std::size_t bucketBytes) {
    if (!group.distributed()) return;
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> params = module.parameters();
    for (auto& p : params)
        if (!p.grad().defined()) p.mutable_grad() = torch::zeros_like(p);
    // Buckets of consecutive parameters, flattened into one buffer each.
    std::vector<std::vector<torch::Tensor>> buckets;
    std::size_t filled = bucketBytes;
    for (auto& p : params) {
        const std::size_t bytes = static_cast<std::size_t>(p.numel()) * p.element_size();
        if (filled + bytes > bucketBytes && filled > 0) {
            buckets.emplace_back();
            filled = 0;
        }
        buckets.back().push_back(p.grad());
        filled += bytes;
    }
    std::vector<torch::Tensor> flat;
    flat.reserve(buckets.size());
    for (auto& bucket : buckets) {
        std::vector<torch::Tensor> views;
        for (auto& g : bucket) views.push_back(g.reshape({-1}));
        flat.push_back(torch::cat(views));
    }
    group.allReduce(flat, ReduceKind::Sum, "the all-reduce of the gradients");
    const double scale = 1.0 / static_cast<double>(group.size());
    for (std::size_t b = 0; b < buckets.size(); ++b) {
        flat[b].mul_(scale);
        std::int64_t offset = 0;
        for (auto& g : buckets[b]) {
            const std::int64_t n = g.numel();
            g.copy_(flat[b].narrow(0, offset, n).view_as(g));
            offset += n;
        }
    }
}

std::uint64_t replicaChecksum(torch::nn::Module& module) {
    std::uint64_t h = kFnv1aBasis;
    for (auto& t : stateTensors(module)) {
        const torch::Tensor c = t.detach().to(torch::kCPU).contiguous();
        h = fnv1a(c.data_ptr(), static_cast<std::size_t>(c.numel()) * c.element_size(), h);
    }
    return h;
}

void verifySame(std::uint64_t value, Collective& group, const std::string& what) {
    if (!group.distributed()) return;
    // Two int64 halves keep the comparison exact (a double would round a 64-bit hash).
    const auto opts = torch::TensorOptions().dtype(torch::kInt64);
    const std::int64_t hi = static_cast<std::int64_t>(value >> 32);
    const std::int64_t lo = static_cast<std::int64_t>(value & 0xffffffffu);
    std::vector<torch::Tensor> mins{torch::tensor({hi, lo}, opts)};
    std::vector<torch::Tensor> maxs{torch::tensor({hi, lo}, opts)};
    group.allReduce(mins, ReduceKind::Min, "the check of " + what);
    group.allReduce(maxs, ReduceKind::Max, "the check of " + what);
    if (!torch::equal(mins[0], maxs[0]))
        throw DistributedError("rank " + std::to_string(group.rank()) + ": " + what +
                               " differs between the ranks");
}

void verifyReplicas(torch::nn::Module& module, Collective& group, const std::string& when) {
    verifySame(replicaChecksum(module), group, "the model " + when);
}

}  // namespace driftlab
