#pragma once
// The LibTorch half of DriftLab lives in a module of its own, libdriftlab_learn.so, that the
// program loads the first time it trains, predicts or evaluates, not at start: LibTorch and the
// ~30 libraries it pulls in cost the explorer's cold start most of a second of static
// initialisers (docs/performance.md). Everything else reaches it through Predictor and
// TrainingSession, which call this interface; no Torch here.
#include <memory>
#include <string>

namespace driftlab {

class DriftDataset;
class PredictorBackend;
class TrainingSessionBackend;
struct ProcessGroupSpec;
struct TrainingConfig;
enum class DeviceChoice;

class LearningBackend {
public:
    virtual ~LearningBackend() = default;
    virtual std::string torchVersion() const = 0;
    virtual std::unique_ptr<PredictorBackend> loadPredictor(const std::string& path,
                                                            const DriftDataset* dataset,
                                                            DeviceChoice device) const = 0;
    virtual std::unique_ptr<TrainingSessionBackend> createSession(
        const TrainingConfig& config, const std::string& runDir,
        const ProcessGroupSpec& group) const = 0;
    virtual std::unique_ptr<TrainingSessionBackend> resumeSession(
        const std::string& runDirOrCheckpoint, const ProcessGroupSpec& group) const = 0;
    virtual std::string exportWeightsOf(const std::string& runDirOrCheckpoint,
                                        const std::string& path) const = 0;
    virtual int weightsWidth(const std::string& path) const = 0;
};

// Bumped whenever LearningBackend, PredictorBackend or TrainingSessionBackend change: the
// module refuses a program built against another layout instead of crashing in it.
inline constexpr int kLearningBackendAbi = 2;

// The module's entry point, `extern "C"` so that dlsym finds it by this name.
inline constexpr const char* kLearningBackendEntry = "driftlab_learning_backend";

// Loads the module on the first call (thread-safe; it stays loaded) and returns its backend.
// The module is looked for next to libdriftlab_model.so, then on the loader's search path.
// Throws std::runtime_error naming the module and the loader's reason if it cannot be loaded;
// the next call tries again.
const LearningBackend& learningBackend();
// Where learningBackend() looks for the module.
std::string learningModulePath();

}  // namespace driftlab
