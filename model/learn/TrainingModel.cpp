#include "learn/TrainingModel.h"

#include <torch/torch.h>

#include "learn/AnchoredOutput.h"
#include "learn/InputChannels.h"
#include "learn/PairLoader.h"
#include "ocean/Grid.h"

namespace driftlab {

TrainingModel::TrainingModel(const TrainingConfig& config) : config_(config) {}

void TrainingModel::build() {
    torch::manual_seed(config_.seed);
    net_ = UNet(config_.inputChannels(), outputChannelsOf(config_.anchor), config_.width);
    // An anchored model starts as its anchor (the hybrid as the advection baseline, the
    // research and seed recipes as persistence): its last layer is zero, so its first
    // prediction is the anchor itself and training only has to learn the correction.
    if (config_.anchor != Anchor::None) {
        torch::NoGradGuard noGrad;
        for (auto& p : net_->named_parameters())
            if (p.key().rfind("outc.", 0) == 0) p.value().zero_();
    }
    resetOptimizer();
}

void TrainingModel::resetOptimizer() {
    optimizer_ = std::make_unique<torch::optim::AdamW>(
        net_->parameters(),
        torch::optim::AdamWOptions(config_.learningRate).weight_decay(config_.weightDecay));
}

void TrainingModel::setOcean(const Grid& grid, const std::vector<std::uint8_t>& ocean) {
    std::vector<float> mask(ocean.begin(), ocean.end());
    ny_ = grid.ny;
    nx_ = grid.nx;
    oceanMask_ = torch::from_blob(mask.data(), {1, 1, ny_, nx_}, torch::kFloat32).clone();
    oceanCells_ = oceanMask_.sum().item<double>();
}

void TrainingModel::placeOn(const torch::Device& device) {
    device_ = device;
    net_->to(device);
    oceanMask_ = oceanMask_.to(device);
    for (auto& [key, state] : optimizer_->state()) {
        auto& adam = static_cast<torch::optim::AdamWParamState&>(*state);
        adam.exp_avg(adam.exp_avg().to(device));
        adam.exp_avg_sq(adam.exp_avg_sq().to(device));
        if (adam.max_exp_avg_sq().defined())
            adam.max_exp_avg_sq(adam.max_exp_avg_sq().to(device));
    }
}

torch::Tensor TrainingModel::mapsOf(std::vector<float>& buffer, int count, int channels) const {
    return torch::from_blob(buffer.data(), {count, channels, ny_, nx_}, torch::kFloat32)
        .to(device_);
}

torch::Tensor TrainingModel::anchorOf(PairBatch& batch) const {
    if (config_.anchor == Anchor::Persistence) return mapsOf(batch.current, batch.size);
    if (advectedAnchor(config_.anchor)) return mapsOf(batch.advected, batch.size);
    return {};
}

torch::Tensor TrainingModel::predict(const torch::Tensor& input, const torch::Tensor& anchor) {
    return anchoredOutput(net_->forward(input), anchor, config_.anchor, oceanMask_, oceanCells_);
}

torch::Tensor TrainingModel::lossOf(const torch::Tensor& prediction,
                                    const torch::Tensor& target) const {
    const torch::Tensor diff = (prediction - target) * oceanMask_;
    const torch::Tensor total =
        config_.loss == LossKind::Mse ? diff.pow(2).sum() : diff.abs().sum();
    return total / (oceanCells_ * static_cast<double>(prediction.size(0)));
}

void TrainingModel::setLearningRate(double lr) {
    for (auto& paramGroup : optimizer_->param_groups())
        static_cast<torch::optim::AdamWOptions&>(paramGroup.options()).lr(lr);
}

void TrainingModel::silenceInertParameters() {
    if (config_.anchor != Anchor::Advection) return;
    torch::NoGradGuard noGrad;
    for (auto& p : net_->named_parameters())
        if (p.key() == "outc.conv.bias" && p.value().grad().defined())
            p.value().mutable_grad().zero_();
}

long TrainingModel::parameterCount() const {
    long n = 0;
    for (const auto& p : net_->parameters()) n += p.numel();
    return n;
}

}  // namespace driftlab
