#pragma once
// The seed's DoubleConv: (3x3 convolution without bias, BatchNorm, ReLU) twice, with an optional
// middle width. Child names follow the Python module ("double_conv.0.weight", ...) so state
// dicts move between DriftLab and PyTorch unchanged.
#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/pimpl.h>

namespace driftlab {

class DoubleConvImpl : public torch::nn::Module {
public:
    DoubleConvImpl(int inChannels, int outChannels, int midChannels = 0);
    torch::Tensor forward(const torch::Tensor& x);

private:
    torch::nn::Sequential doubleConv_;
};
TORCH_MODULE(DoubleConv);

}  // namespace driftlab
