#pragma once
// A training checkpoint: model, optimizer (AdamW moments), schedule position, epoch and batch
// position, history, config and normalisation, in one LibTorch archive. Written under a
// temporary name and renamed (a kill never leaves a half-written checkpoint under the real
// name). Internal to model/learn.
#include <torch/optim/adamw.h>

#include <string>

#include "learn/InputNormalisation.h"
#include "learn/LearningRateSchedule.h"
#include "learn/TrainingConfig.h"
#include "learn/TrainingHistory.h"
#include "learn/UNet.h"

namespace driftlab {

struct CheckpointPosition {
    int epochsDone = 0;       // complete epochs
    int batchInEpoch = 0;     // batches of epoch epochsDone+1 already trained (0 = at a boundary)
    long step = 0;            // optimizer steps so far
    double epochLossSum = 0;  // sums of the unfinished epoch, so its mean is as without a stop
    long epochBatches = 0;
    long epochSamples = 0;
    double epochTrainSeconds = 0;
    double logLossSum = 0;  // training losses since the last logged point
    long logBatches = 0;
    int gridNx = 0, gridNy = 0;  // the grid the model was trained on
    // Processes of the data-parallel run that wrote it (1 = one process; older checkpoints).
    // batchInEpoch counts global batches of worldSize x the batch size.
    int worldSize = 1;
};

struct CheckpointMeta {
    TrainingConfig config;
    InputNormalisation norm;
    LearningRateSchedule::State schedule;
    CheckpointPosition position;
    TrainingHistory history;
};

void saveCheckpoint(const std::string& path, UNet& model, torch::optim::AdamW& optimizer,
                    const CheckpointMeta& meta);
// Reads the metadata only (cheap: no model needed). Throws std::runtime_error naming the file.
CheckpointMeta readCheckpointMeta(const std::string& path);
// Loads weights and optimizer state into objects built from the checkpoint's config.
void loadCheckpointState(const std::string& path, UNet& model, torch::optim::AdamW& optimizer);

}  // namespace driftlab
