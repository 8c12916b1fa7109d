#pragma once
// A tiny dataset for the training tests, made once per test process (fixed seed): 64 x 32 cells,
// 40 releases of 6 output days, so an epoch of a width-4 UNet takes well under a second.
#include <cstdlib>
#include <filesystem>
#include <string>

#include "jobs/DatasetGenerator.h"
#include "learn/TrainingConfig.h"
#include "support/TinyDataset.h"

namespace driftlab::test {

inline std::string tinyTrainingDataset() {
    static const std::string path = sharedTinyDataset("learn", "tiny.h5", "learn tests",
                                                      {.resolutionDeg = 0.125,  // 64 x 32
                                                       .currentDays = 40,
                                                       .releases = 40,
                                                       .particles = 1000,
                                                       .outputDays = 6,
                                                       .seed = 11,
                                                       .radiusKm = 15.0});
    return path;
}

// Settings for quick runs on the tiny dataset.
inline TrainingConfig tinyTrainingConfig() {
    TrainingConfig c;
    c.dataset = tinyTrainingDataset();
    c.epochs = 3;
    c.batchSize = 8;
    c.width = 4;
    c.learningRate = 3e-3;
    c.threads = 2;
    c.loaderThreads = 2;
    c.seed = 7;
    c.logEveryBatches = 2;
    return c;
}

}  // namespace driftlab::test
