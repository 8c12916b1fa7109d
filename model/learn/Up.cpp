#include "learn/Up.h"

#include <torch/nn/functional/padding.h>

namespace driftlab {

UpImpl::UpImpl(int inChannels, int outChannels)
    : up_(torch::nn::UpsampleOptions()
              .scale_factor(std::vector<double>{2.0, 2.0})
              .mode(torch::kBilinear)
              .align_corners(true)),
      conv_(inChannels, outChannels, inChannels / 2) {
    register_module("up", up_);
    register_module("conv", conv_);
}

torch::Tensor UpImpl::forward(const torch::Tensor& below, const torch::Tensor& skip) {
    torch::Tensor x = up_->forward(below);
    const int64_t dy = skip.size(2) - x.size(2);
    const int64_t dx = skip.size(3) - x.size(3);
    if (dy != 0 || dx != 0) {
        namespace F = torch::nn::functional;
        x = F::pad(x, F::PadFuncOptions({dx / 2, dx - dx / 2, dy / 2, dy - dy / 2}));
    }
    return conv_->forward(torch::cat({skip, x}, 1));
}

}  // namespace driftlab
