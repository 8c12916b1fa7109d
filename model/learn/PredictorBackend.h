#pragma once
// What a Predictor needs from the LibTorch module (libdriftlab_learn.so, loaded on first use:
// see LearningBackend.h). No Torch here: Predictor does the rest (rollouts) on top of it.
#include <cstdint>
#include <string>
#include <vector>

#include "learn/InputNormalisation.h"
#include "learn/TrainingConfig.h"

namespace driftlab {

// The raw inputs of `count` samples, each ny x nx, one after the other: the density of day t,
// u and v of day t in m/s, and where the model takes them (Predictor::needs*), u and v of day
// t+1 and day t's density advected one day by the model's advection (Predictor::anchorAdvection).
struct PredictorInputs {
    int count = 0;
    std::vector<float> density, u, v, uNext, vNext, advected;
};

class PredictorBackend {
public:
    virtual ~PredictorBackend() = default;
    virtual const std::string& description() const = 0;
    virtual const std::string& source() const = 0;
    virtual int width() const = 0;
    virtual const std::vector<InputChannel>& inputs() const = 0;
    virtual Anchor anchor() const = 0;
    virtual AdvectionScheme advection() const = 0;
    virtual const InputNormalisation& normalisation() const = 0;
    virtual void setThreads(int threads) = 0;
    // As Predictor::predictBatch.
    virtual std::vector<float> predictBatch(const PredictorInputs& in,
                                            const std::vector<std::uint8_t>& ocean, int ny,
                                            int nx) const = 0;
};

}  // namespace driftlab
