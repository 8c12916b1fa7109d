#pragma once
// The network a training session trains: the UNet and its AdamW optimizer on the training
// device, the ocean mask its loss and anchored output are taken over, and the few things done
// to it (predict a batch, its loss, the learning rate, the inert bias). The training step and
// the validation pass work through it. Internal to model/learn.
#include <torch/optim/adamw.h>
#include <torch/types.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "learn/TrainingConfig.h"
#include "learn/UNet.h"

namespace driftlab {

class Grid;
struct PairBatch;

class TrainingModel {
public:
    // The settings are read on every use (a session may change its anchor, loss or device).
    explicit TrainingModel(const TrainingConfig& config);

    // A fresh network for the settings (seeded), and its optimizer.
    void build();
    // A new optimizer (no moments) for the network as it is.
    void resetOptimizer();
    // The grid and its ocean cells (1) the loss and the anchored output count.
    void setOcean(const Grid& grid, const std::vector<std::uint8_t>& ocean);
    // The model, its optimizer state and the mask move to `device`.
    void placeOn(const torch::Device& device);

    UNet& net() { return net_; }
    const UNet& net() const { return net_; }
    torch::optim::AdamW& optimizer() { return *optimizer_; }
    const torch::Device& device() const { return device_; }

    // `count` maps of a batch's buffer [count, channels, ny, nx] on the device (on the CPU, the
    // buffer itself).
    torch::Tensor mapsOf(std::vector<float>& buffer, int count, int channels = 1) const;
    // The anchor of a batch as a tensor (undefined for Anchor::None).
    torch::Tensor anchorOf(PairBatch& batch) const;
    // The network's output, anchored (learn/AnchoredOutput).
    torch::Tensor predict(const torch::Tensor& input, const torch::Tensor& anchor);
    // The configured loss (MAE or MSE) over the ocean cells, per sample.
    torch::Tensor lossOf(const torch::Tensor& prediction, const torch::Tensor& target) const;
    void setLearningRate(double lr);
    // The advection anchor removes the mean of the network's output over the ocean, so the
    // output layer's bias cannot change a prediction: its gradient is 0 but for rounding noise,
    // which Adam would scale up to full-size steps (a random walk, different on every machine
    // and process count). It stays where it starts.
    void silenceInertParameters();
    long parameterCount() const;

private:
    const TrainingConfig& config_;
    UNet net_{nullptr};
    std::unique_ptr<torch::optim::AdamW> optimizer_;
    torch::Tensor oceanMask_;  // [1, 1, ny, nx], 1 on ocean cells
    double oceanCells_ = 1;
    std::int64_t ny_ = 0, nx_ = 0;
    torch::Device device_{torch::kCPU};
};

}  // namespace driftlab
