#pragma once
// The seed's Up block (bilinear variant): upsample x2 (bilinear, align_corners), pad to the skip
// connection's size (odd sizes on the way down lose a row or column), concatenate [skip, up],
// DoubleConv with a middle width of in/2.
#include <torch/nn/module.h>
#include <torch/nn/modules/upsampling.h>
#include <torch/nn/pimpl.h>

#include "learn/DoubleConv.h"

namespace driftlab {

class UpImpl : public torch::nn::Module {
public:
    UpImpl(int inChannels, int outChannels);
    torch::Tensor forward(const torch::Tensor& below, const torch::Tensor& skip);

private:
    torch::nn::Upsample up_;
    DoubleConv conv_;
};
TORCH_MODULE(Up);

}  // namespace driftlab
