#pragma once
// WEIGHTS.pt.json, next to exported PyTorch weights: what a user needs to feed the model (width,
// input channels, anchor of the residual, how the advected map is made, input normalisation) and where it came from.
// exportWeights writes it; importWeights and Predictor read it back. No Torch here.
#include <optional>
#include <string>
#include <vector>

#include "learn/InputNormalisation.h"
#include "learn/TrainingConfig.h"

namespace driftlab {

struct WeightsSidecar {
    InputNormalisation norm;
    // Sidecars from before these keys: the seed's three channels, anchor from "residual".
    std::vector<InputChannel> inputs = recipeFromName("seed").inputs;
    Anchor anchor = Anchor::Persistence;
    AdvectionScheme advection = AdvectionScheme::Remap;  // before the key: the remap
};

// Writes weightsPath + ".json" (atomically).
void writeWeightsSidecar(const std::string& weightsPath, const TrainingConfig& config,
                         const InputNormalisation& norm, int gridNx, int gridNy, int epochsTrained);
// Reads weightsPath + ".json"; nothing if there is none. Throws std::runtime_error naming the
// file if it is malformed.
std::optional<WeightsSidecar> readWeightsSidecar(const std::string& weightsPath);
std::string weightsSidecarPath(const std::string& weightsPath);

}  // namespace driftlab
