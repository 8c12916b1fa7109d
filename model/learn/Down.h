#pragma once
// The seed's Down block: 2x2 max-pool, then DoubleConv ("maxpool_conv.1.double_conv...").
#include <torch/nn/module.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/pimpl.h>

namespace driftlab {

class DownImpl : public torch::nn::Module {
public:
    DownImpl(int inChannels, int outChannels);
    torch::Tensor forward(const torch::Tensor& x);

private:
    torch::nn::Sequential maxpoolConv_;
};
TORCH_MODULE(Down);

}  // namespace driftlab
