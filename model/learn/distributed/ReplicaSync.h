#pragma once
// What keeps the ranks' copies of the model the same (docs/scaling.md):
//  - at the start, rank 0's parameters and buffers are broadcast, then checked on every rank;
//  - after each backward, the gradients are summed over the ranks in buckets of about
//    `bucketBytes` (one flat buffer per bucket, every bucket's all-reduce started before the
//    first is waited for) and divided by the world size: the mean gradient of the global batch.
// With the same gradients, the same optimizer state and the same arithmetic, every rank's step
// gives the same bits; replicaChecksum() lets a run (or a test) check that.
#include <torch/nn/module.h>

#include <cstdint>
#include <string>

#include "learn/distributed/Collective.h"

namespace driftlab {

// Parameters and buffers of `module` replaced by rank 0's, then verified by checksum (throws
// DistributedError if a rank still differs).
void broadcastModule(torch::nn::Module& module, Collective& group);
// Sums the gradients over the ranks and divides them by the world size. Parameters without a
// gradient take part with zeros, so every rank reduces the same buckets.
void averageGradients(torch::nn::Module& module, Collective& group,
                      std::size_t bucketBytes = std::size_t(4) << 20);
// FNV-1a over `bytes` bytes, continuing from `h` (the offset basis to start a new hash).
constexpr std::uint64_t kFnv1aBasis = 0xcbf29ce484222325ull;
std::uint64_t fnv1a(const void* data, std::size_t bytes, std::uint64_t h = kFnv1aBasis);
// A 64-bit hash of the bytes of every parameter and buffer (FNV-1a).
std::uint64_t replicaChecksum(torch::nn::Module& module);
// Throws DistributedError unless every rank has the same checksum; `when` goes in the message.
void verifyReplicas(torch::nn::Module& module, Collective& group, const std::string& when);
// The same for any 64-bit value every rank must agree on.
void verifySame(std::uint64_t value, Collective& group, const std::string& what);

}  // namespace driftlab
