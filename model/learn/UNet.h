#pragma once
// The seed's UNet (bilinear, so the bottleneck has 16*width/2 channels). Width 64 is the seed's
// model: 17,262,977 parameters. Any input height and width of at least 16 cells works (the Up
// blocks pad), multiples of 16 lose nothing to padding.
#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

#include "learn/DoubleConv.h"
#include "learn/Down.h"
#include "learn/OutConv.h"
#include "learn/Up.h"

namespace driftlab {

class UNetImpl : public torch::nn::Module {
public:
    explicit UNetImpl(int inChannels = 3, int outChannels = 1, int width = 64);
    torch::Tensor forward(const torch::Tensor& x);
    int width() const { return width_; }

private:
    int width_;
    DoubleConv inc_;
    Down down1_, down2_, down3_, down4_;
    Up up1_, up2_, up3_, up4_;
    OutConv outc_;
};
TORCH_MODULE(UNet);

}  // namespace driftlab
