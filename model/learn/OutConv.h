#pragma once
// The seed's OutConv: a 1x1 convolution with bias ("conv.weight", "conv.bias").
#include <torch/nn/module.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/pimpl.h>

namespace driftlab {

class OutConvImpl : public torch::nn::Module {
public:
    OutConvImpl(int inChannels, int outChannels);
    torch::Tensor forward(const torch::Tensor& x);

private:
    torch::nn::Conv2d conv_;
};
TORCH_MODULE(OutConv);

}  // namespace driftlab
