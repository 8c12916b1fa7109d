#pragma once
// BatchNorm over the global batch: while a SyncBatchNormScope is alive on a thread, the UNet's
// BatchNorm layers in training mode take their batch statistics (mean and variance per channel)
// over the samples of every rank, not only this rank's. Then N ranks with batch b compute what
// one process with batch N*b computes, running statistics included, and the ranks' running
// statistics stay identical. The statistics are summed with an all-reduce whose gradient is an
// all-reduce too, so autograd gives each rank the exact gradient of the global loss.
// Cost: one all-reduce of 2 x channels doubles per layer forward, one more backward.
#include <torch/nn/modules/batchnorm.h>

#include "learn/distributed/Collective.h"

namespace driftlab {

class SyncBatchNormScope {
public:
    explicit SyncBatchNormScope(Collective* group);  // null or a single process: no effect
    ~SyncBatchNormScope();
    SyncBatchNormScope(const SyncBatchNormScope&) = delete;
    SyncBatchNormScope& operator=(const SyncBatchNormScope&) = delete;

private:
    Collective* previous_;
};

// The group BatchNorm layers synchronise over on this thread, or null.
Collective* activeBatchNormGroup();

// BatchNorm2d `bn` (in training mode) applied to x [B, C, H, W] with the batch statistics of
// every rank; updates bn's running statistics as torch's BatchNorm does.
torch::Tensor syncBatchNorm(const torch::Tensor& x, torch::nn::BatchNorm2dImpl& bn,
                            Collective& group);

}  // namespace driftlab
