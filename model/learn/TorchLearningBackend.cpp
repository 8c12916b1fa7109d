// The learning module's entry point: LearningBackend over the LibTorch classes. Loaded with
// dlopen by learningBackend() (model/learn/LearningBackend.cpp).
#include "learn/LearningBackend.h"
#include "learn/TorchPredictor.h"
#include "learn/TorchRuntime.h"
#include "learn/TorchTrainingSession.h"

namespace driftlab {
namespace {

class TorchLearningBackend final : public LearningBackend {
public:
    std::string torchVersion() const override { return driftlab::torchVersion(); }
    std::unique_ptr<PredictorBackend> loadPredictor(const std::string& path,
                                                    const DriftDataset* dataset,
                                                    DeviceChoice device) const override {
        return TorchPredictor::load(path, dataset, device);
    }
    std::unique_ptr<TrainingSessionBackend> createSession(
        const TrainingConfig& config, const std::string& runDir,
        const ProcessGroupSpec& group) const override {
        return TorchTrainingSession::create(config, runDir, group);
    }
    std::unique_ptr<TrainingSessionBackend> resumeSession(
        const std::string& runDirOrCheckpoint, const ProcessGroupSpec& group) const override {
        return TorchTrainingSession::resume(runDirOrCheckpoint, group);
    }
    std::string exportWeightsOf(const std::string& runDirOrCheckpoint,
                                const std::string& path) const override {
        return TorchTrainingSession::exportWeightsOf(runDirOrCheckpoint, path);
    }
    int weightsWidth(const std::string& path) const override {
        return TorchTrainingSession::weightsWidth(path);
    }
};

}  // namespace
}  // namespace driftlab

extern "C" __attribute__((visibility("default"))) const driftlab::LearningBackend*
driftlab_learning_backend(int abi);

const driftlab::LearningBackend* driftlab_learning_backend(int abi) {
    if (abi != driftlab::kLearningBackendAbi) return nullptr;
    static const driftlab::TorchLearningBackend backend;
    return &backend;
}
