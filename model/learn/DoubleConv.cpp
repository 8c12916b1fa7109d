#include "learn/DoubleConv.h"

#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>

#include "learn/distributed/SyncBatchNorm.h"

namespace driftlab {

DoubleConvImpl::DoubleConvImpl(int inChannels, int outChannels, int midChannels) {
    if (midChannels <= 0) midChannels = outChannels;
    namespace nn = torch::nn;
    doubleConv_ = register_module(
        "double_conv",
        nn::Sequential(
            nn::Conv2d(nn::Conv2dOptions(inChannels, midChannels, 3).padding(1).bias(false)),
            nn::BatchNorm2d(midChannels), nn::ReLU(nn::ReLUOptions(true)),
            nn::Conv2d(nn::Conv2dOptions(midChannels, outChannels, 3).padding(1).bias(false)),
            nn::BatchNorm2d(outChannels), nn::ReLU(nn::ReLUOptions(true))));
}

torch::Tensor DoubleConvImpl::forward(const torch::Tensor& x) {
    Collective* group = activeBatchNormGroup();
    if (!group || !is_training()) return doubleConv_->forward(x);
    // Data-parallel training: the BatchNorm layers take the statistics of the global batch.
    torch::Tensor y = x;
    for (auto& layer : *doubleConv_) {
        if (auto* bn = layer.ptr()->as<torch::nn::BatchNorm2dImpl>())
            y = syncBatchNorm(y, *bn, *group);
        else
            y = layer.forward<torch::Tensor>(y);
    }
    return y;
}

}  // namespace driftlab
