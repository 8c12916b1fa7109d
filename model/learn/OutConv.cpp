#include "learn/OutConv.h"

namespace driftlab {

OutConvImpl::OutConvImpl(int inChannels, int outChannels)
    : conv_(torch::nn::Conv2dOptions(inChannels, outChannels, 1)) {
    register_module("conv", conv_);
}

torch::Tensor OutConvImpl::forward(const torch::Tensor& x) {
    return conv_->forward(x);
}

}  // namespace driftlab
