#pragma once
// What a Predictor needs from the LibTorch module (libdriftlab_learn.so, loaded on first use:
// see LearningBackend.h). No Torch here: Predictor does the rest (rollouts) on top of it.
#include <cstdint>
#include <string>
#include <vector>

#include "learn/InputNormalisation.h"

namespace driftlab {

class PredictorBackend {
public:
    virtual ~PredictorBackend() = default;
    virtual const std::string& description() const = 0;
    virtual const std::string& source() const = 0;
    virtual int width() const = 0;
    virtual bool residual() const = 0;
    virtual const InputNormalisation& normalisation() const = 0;
    virtual void setThreads(int threads) = 0;
    // As Predictor::predictBatch.
    virtual std::vector<float> predictBatch(const std::vector<float>& density,
                                            const std::vector<float>& u,
                                            const std::vector<float>& v, int count,
                                            const std::vector<std::uint8_t>& ocean, int ny,
                                            int nx) const = 0;
};

}  // namespace driftlab
