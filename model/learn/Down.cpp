#include "learn/Down.h"

#include <torch/nn/modules/pooling.h>

#include "learn/DoubleConv.h"

namespace driftlab {

DownImpl::DownImpl(int inChannels, int outChannels) {
    maxpoolConv_ = register_module(
        "maxpool_conv", torch::nn::Sequential(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2)),
                                              DoubleConv(inChannels, outChannels)));
}

torch::Tensor DownImpl::forward(const torch::Tensor& x) {
    return maxpoolConv_->forward(x);
}

}  // namespace driftlab
