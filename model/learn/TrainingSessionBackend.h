#pragma once
// What a TrainingSession needs from the LibTorch module (libdriftlab_learn.so, loaded on first
// use: see LearningBackend.h). Each call means what TrainingSession's of the same name means.
#include <string>

#include "learn/TrainingSession.h"

namespace driftlab {

class TrainingSessionBackend {
public:
    virtual ~TrainingSessionBackend() = default;
    virtual const std::string& runDir() const = 0;
    virtual const TrainingConfig& config() const = 0;
    virtual TrainingHistory history() const = 0;
    virtual int epochsDone() const = 0;
    virtual long stepsDone() const = 0;
    virtual long parameterCount() const = 0;
    virtual int trainPairCount() const = 0;
    virtual int validationPairCount() const = 0;
    virtual void extendEpochs(int more) = 0;
    virtual void useMachine(int threads, DeviceChoice device, bool mixedPrecision) = 0;
    virtual TrainingOutcome run(TrainingControl& control, TrainingObserver* observer) = 0;
    virtual const std::string& message() const = 0;
    virtual void exportWeights(const std::string& path) const = 0;
    virtual void importWeights(const std::string& path) = 0;
};

}  // namespace driftlab
