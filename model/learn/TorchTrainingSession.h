#pragma once
// The LibTorch side of TrainingSession: the UNet, its optimizer, schedule and data loaders, and
// the run folder's checkpoints (see TrainingSession.h). Lives in the learning module; no Torch
// in this header.
#include <memory>
#include <string>

#include "learn/TrainingSessionBackend.h"
#include "learn/distributed/ProcessGroupSpec.h"

namespace driftlab {

class TorchTrainingSession final : public TrainingSessionBackend {
public:
    static std::unique_ptr<TorchTrainingSession> create(const TrainingConfig& config,
                                                        const std::string& runDir,
                                                        const ProcessGroupSpec& group = {});
    static std::unique_ptr<TorchTrainingSession> resume(const std::string& runDirOrCheckpoint,
                                                        const ProcessGroupSpec& group = {});
    static std::string exportWeightsOf(const std::string& runDirOrCheckpoint,
                                       const std::string& path);
    static int weightsWidth(const std::string& path);
    ~TorchTrainingSession() override;

    const std::string& runDir() const override;
    const TrainingConfig& config() const override;
    TrainingHistory history() const override;
    int epochsDone() const override;
    long stepsDone() const override;
    long parameterCount() const override;
    int trainPairCount() const override;
    int validationPairCount() const override;
    void extendEpochs(int more) override;
    void useMachine(int threads, DeviceChoice device, bool mixedPrecision) override;
    TrainingOutcome run(TrainingControl& control, TrainingObserver* observer) override;
    const std::string& message() const override;
    void exportWeights(const std::string& path) const override;
    void importWeights(const std::string& path) override;

private:
    TorchTrainingSession();
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace driftlab
