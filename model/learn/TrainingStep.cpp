#include "learn/TrainingStep.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <string>

#include "learn/PairLoader.h"
#include "learn/TorchRuntime.h"
#include "learn/TrainingModel.h"
#include "learn/distributed/Collective.h"
#include "learn/distributed/ReplicaSync.h"

namespace driftlab {

TrainingStep::TrainingStep(TrainingModel& model, Collective& group, const TrainingConfig& config,
                           bool checkReplicas)
    : model_(model), group_(group), config_(config), checkReplicas_(checkReplicas) {}

TrainingStep::Result TrainingStep::run(PairBatch& batch, double learningRate, bool autocast,
                                       long step) {
    Result result;
    const torch::Tensor x = model_.mapsOf(batch.input, batch.size, batch.channels);
    const torch::Tensor y = model_.mapsOf(batch.target, batch.size);
    model_.setLearningRate(learningRate);
    torch::Tensor loss;
    {
        AutocastScope scope(autocast);
        loss = model_.lossOf(model_.predict(x, model_.anchorOf(batch)).to(torch::kFloat32), y);
    }
    // The global batch's loss: the mean of the ranks' (equal-sized) batch means.
    result.loss = loss.item<double>();
    if (group_.distributed())
        result.loss = group_.sum({result.loss}, "the training loss")[0] /
                      static_cast<double>(group_.size());
    if (!std::isfinite(result.loss)) return result;
    model_.optimizer().zero_grad();
    loss.backward();
    if (group_.distributed()) {
        const auto reduceStart = std::chrono::steady_clock::now();
        averageGradients(*model_.net(), group_);
        result.reduceSeconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - reduceStart).count();
    }
    model_.silenceInertParameters();
    if (config_.clipNorm > 0)
        torch::nn::utils::clip_grad_norm_(model_.net()->parameters(), config_.clipNorm);
    model_.optimizer().step();
    if (checkReplicas_)
        verifyReplicas(*model_.net(), group_, "after step " + std::to_string(step + 1));
    return result;
}

}  // namespace driftlab
