#pragma once
// WEIGHTS.pt.json, next to exported PyTorch weights: what a user needs to feed the model (width,
// residual form, input normalisation) and where it came from. exportWeights writes it;
// importWeights and Predictor read it back. No Torch here.
#include <optional>
#include <string>

#include "learn/InputNormalisation.h"
#include "learn/TrainingConfig.h"

namespace driftlab {

struct WeightsSidecar {
    InputNormalisation norm;
    bool residual = true;
};

// Writes weightsPath + ".json" (atomically).
void writeWeightsSidecar(const std::string& weightsPath, const TrainingConfig& config,
                         const InputNormalisation& norm, int gridNx, int gridNy, int epochsTrained);
// Reads weightsPath + ".json"; nothing if there is none. Throws std::runtime_error naming the
// file if it is malformed.
std::optional<WeightsSidecar> readWeightsSidecar(const std::string& weightsPath);
std::string weightsSidecarPath(const std::string& weightsPath);

}  // namespace driftlab
