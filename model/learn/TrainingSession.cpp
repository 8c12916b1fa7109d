#include "learn/TrainingSession.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "learn/LearningBackend.h"
#include "learn/TrainingSessionBackend.h"

namespace driftlab {

namespace fs = std::filesystem;

namespace {

std::string readText(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TrainingSession::TrainingSession(std::unique_ptr<TrainingSessionBackend> backend)
    : backend_(std::move(backend)) {}
TrainingSession::~TrainingSession() = default;
TrainingSession::TrainingSession(TrainingSession&&) noexcept = default;
TrainingSession& TrainingSession::operator=(TrainingSession&&) noexcept = default;

TrainingSession TrainingSession::create(const TrainingConfig& config, const std::string& runDir,
                                        const ProcessGroupSpec& group) {
    return TrainingSession(learningBackend().createSession(config, runDir, group));
}

TrainingSession TrainingSession::resume(const std::string& runDirOrCheckpoint,
                                        const ProcessGroupSpec& group) {
    return TrainingSession(learningBackend().resumeSession(runDirOrCheckpoint, group));
}

// Plain files: no need to load the learning module to plot a run.
bool TrainingSession::isRunFolder(const std::string& path) {
    std::error_code ec;
    return fs::is_directory(path, ec) && fs::is_regular_file(fs::path(path) / "config.json", ec);
}

TrainingHistory TrainingSession::readHistory(const std::string& runDir) {
    if (!isRunFolder(runDir))
        throw std::runtime_error(runDir + " is not a DriftLab run folder (no config.json)");
    TrainingHistory h;
    const fs::path dir(runDir);
    if (fs::exists(dir / "history.csv"))
        h.epochs = TrainingHistory::parseEpochsCsv(readText(dir / "history.csv"));
    if (fs::exists(dir / "batches.csv"))
        h.batches = TrainingHistory::parseBatchesCsv(readText(dir / "batches.csv"));
    return h;
}

TrainingConfig TrainingSession::readConfig(const std::string& runDir) {
    const fs::path path = fs::path(runDir) / "config.json";
    try {
        TrainingConfig c = TrainingConfig::fromJson(readText(path));
        c.validate();
        return c;
    } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(path.string() + ": " + e.what());
    }
}

std::string TrainingSession::exportWeightsOf(const std::string& runDirOrCheckpoint,
                                             const std::string& path) {
    return learningBackend().exportWeightsOf(runDirOrCheckpoint, path);
}

int TrainingSession::weightsWidth(const std::string& path) {
    return learningBackend().weightsWidth(path);
}

const std::string& TrainingSession::runDir() const {
    return backend_->runDir();
}
const TrainingConfig& TrainingSession::config() const {
    return backend_->config();
}
TrainingHistory TrainingSession::history() const {
    return backend_->history();
}
int TrainingSession::epochsDone() const {
    return backend_->epochsDone();
}
long TrainingSession::stepsDone() const {
    return backend_->stepsDone();
}
long TrainingSession::parameterCount() const {
    return backend_->parameterCount();
}
int TrainingSession::trainPairCount() const {
    return backend_->trainPairCount();
}
int TrainingSession::validationPairCount() const {
    return backend_->validationPairCount();
}
void TrainingSession::extendEpochs(int more) {
    backend_->extendEpochs(more);
}
void TrainingSession::useMachine(int threads, DeviceChoice device, bool mixedPrecision) {
    backend_->useMachine(threads, device, mixedPrecision);
}
TrainingOutcome TrainingSession::run(TrainingControl& control, TrainingObserver* observer) {
    return backend_->run(control, observer);
}
const std::string& TrainingSession::message() const {
    return backend_->message();
}
void TrainingSession::exportWeights(const std::string& path) const {
    backend_->exportWeights(path);
}
void TrainingSession::importWeights(const std::string& path) {
    backend_->importWeights(path);
}

}  // namespace driftlab
