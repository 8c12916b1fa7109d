#include "learn/UNet.h"

#include <stdexcept>

namespace driftlab {

UNetImpl::UNetImpl(int inChannels, int outChannels, int width)
    : width_(width),
      inc_(inChannels, width),
      down1_(width, 2 * width),
      down2_(2 * width, 4 * width),
      down3_(4 * width, 8 * width),
      down4_(8 * width, 16 * width / 2),
      up1_(16 * width, 8 * width / 2),
      up2_(8 * width, 4 * width / 2),
      up3_(4 * width, 2 * width / 2),
      up4_(2 * width, width),
      outc_(width, outChannels) {
    if (width < 1) throw std::invalid_argument("UNet width must be at least 1");
    register_module("inc", inc_);
    register_module("down1", down1_);
    register_module("down2", down2_);
    register_module("down3", down3_);
    register_module("down4", down4_);
    register_module("up1", up1_);
    register_module("up2", up2_);
    register_module("up3", up3_);
    register_module("up4", up4_);
    register_module("outc", outc_);
}

torch::Tensor UNetImpl::forward(const torch::Tensor& x) {
    if (x.dim() != 4 || x.size(2) < 16 || x.size(3) < 16)
        throw std::invalid_argument(
            "UNet input must be [batch, channels, height >= 16, width >= 16]");
    const torch::Tensor x1 = inc_->forward(x);
    const torch::Tensor x2 = down1_->forward(x1);
    const torch::Tensor x3 = down2_->forward(x2);
    const torch::Tensor x4 = down3_->forward(x3);
    const torch::Tensor x5 = down4_->forward(x4);
    torch::Tensor y = up1_->forward(x5, x4);
    y = up2_->forward(y, x3);
    y = up3_->forward(y, x2);
    y = up4_->forward(y, x1);
    return outc_->forward(y);
}

}  // namespace driftlab
