#include "learn/TorchTrainingSession.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "data/AtomicFile.h"
#include "data/DatasetError.h"
#include "data/DriftDataset.h"
#include "jobs/DatasetSimulation.h"
#include "core/JobControl.h"
#include "learn/AnchoredOutput.h"
#include "learn/Checkpoint.h"
#include "learn/InputChannels.h"
#include "learn/PairLoader.h"
#include "learn/StateDict.h"
#include "learn/TorchRuntime.h"
#include "learn/UNet.h"
#include "learn/WeightsSidecar.h"
#include "learn/distributed/ReplicaSync.h"
#include "learn/distributed/SyncBatchNorm.h"
#include "stats/CloudGeometry.h"
#include "stats/DriftMetrics.h"

namespace driftlab {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

std::string fixed(double v, int digits) {
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(digits);
    s << v;
    return s.str();
}

// The state dict and, next to it, what a Python user needs to feed the model (PATH.json).
void writeWeightsWithSidecar(UNet& model, const TrainingConfig& config,
                             const InputNormalisation& norm, const CheckpointPosition& pos,
                             const std::string& path) {
    writeStateDictFile(stateDictOf(model), path);
    writeWeightsSidecar(path, config, norm, pos.gridNx, pos.gridNy, pos.epochsDone);
}

}  // namespace

struct TorchTrainingSession::Impl {
    fs::path runDir;
    std::string runDirText;
    TrainingConfig config;
    InputNormalisation norm;
    std::unique_ptr<DriftDataset> dataset;
    std::vector<TrainingPair> trainPairs, valPairs;
    UNet model{nullptr};
    std::unique_ptr<torch::optim::AdamW> optimizer;
    LearningRateSchedule schedule;
    CheckpointPosition pos;
    mutable std::mutex historyMutex;
    TrainingHistory history;
    std::string message;
    std::unique_ptr<PairLoader> trainLoader, valLoader;
    std::shared_ptr<const AdvectionBaseline> advection;  // the baseline, and the hybrid's anchor
    torch::Tensor oceanMask;                             // [1, 1, ny, nx], 1 on ocean cells
    double oceanCells = 1;
    // The processes of a data-parallel run (docs/scaling.md); a single process by default.
    // Only rank 0 writes the run folder; every rank holds the same model, history and position.
    ProcessGroupSpec spec;
    std::shared_ptr<Collective> group = localCollective();
    std::string notice;                 // said when run() starts (a resume with another world size)
    double epochReduceSeconds = 0;      // time in the gradients' all-reduce, this epoch
    torch::Device device{torch::kCPU};  // where the model trains (config.device on this machine)

    bool writer() const { return group->rank() == 0; }
    int ranks() const { return group->size(); }
    // Torch threads: the configured count, or this machine's cores shared by its ranks.
    int threads() const {
        if (config.threads > 0) return config.threads;
        return std::max(1, config.resolvedThreads() / std::max(1, spec.localWorldSize));
    }

    fs::path lastPath() const { return runDir / "last.pt"; }
    fs::path bestPath() const { return runDir / "best.pt"; }

    void openDataset() {
        dataset = std::make_unique<DriftDataset>(DriftDataset::open(config.dataset));
        trainPairs = PairLoader::pairsOf(*dataset, Split::Train, config.maxTrainPairs, config.seed);
        valPairs = PairLoader::pairsOf(*dataset, Split::Validation, config.maxValidationPairs,
                                       config.seed);
        if (trainPairs.empty())
            throw DatasetError(config.dataset + ": the dataset has no training releases");
        if (valPairs.empty())
            throw DatasetError(config.dataset + ": the dataset has no validation releases");
        const Grid& g = dataset->grid();
        if (g.nx < 16 || g.ny < 16)
            throw DatasetError(config.dataset + ": the grid (" + std::to_string(g.nx) + " x " +
                               std::to_string(g.ny) +
                               ") is smaller than the UNet's 16 x 16 minimum");
        const auto& ocean = dataset->mask().values();
        std::vector<float> mask(ocean.begin(), ocean.end());
        oceanMask = torch::from_blob(mask.data(), {1, 1, g.ny, g.nx}, torch::kFloat32).clone();
        oceanCells = oceanMask.sum().item<double>();
        advection = advectionBaselineOf(*dataset);
    }

    // Batches of each rank per epoch (PairLoader::setShard): global batches of ranks() x the
    // batch size.
    // The dataset a run's settings name: an error says where the name came from.
    void openRunDataset() {
        try {
            openDataset();
        } catch (const std::exception& e) {
            throw std::runtime_error(std::string(e.what()) + " (the dataset of the run " +
                                     runDirText + ", named in its config.json)");
        }
    }

    int batchesPerEpoch() const {
        const std::size_t pairs = trainPairs.size() / static_cast<std::size_t>(ranks());
        return static_cast<int>((pairs + static_cast<std::size_t>(config.batchSize) - 1) /
                                static_cast<std::size_t>(config.batchSize));
    }

    // This rank's share of the validation pairs: every ranks()-th, none dropped.
    std::vector<TrainingPair> validationShard() const {
        std::vector<TrainingPair> shard;
        for (std::size_t i = static_cast<std::size_t>(group->rank()); i < valPairs.size();
             i += static_cast<std::size_t>(ranks()))
            shard.push_back(valPairs[i]);
        return shard;
    }

    // Every rank starts from rank 0's weights and the same normalisation, checked.
    void alignRanks() {
        broadcastModule(*model, *group);
        const double values[] = {norm.uMean, norm.uStd, norm.vMean, norm.vStd, norm.densityScale};
        verifySame(fnv1a(values, sizeof values), *group, "the input normalisation");
        verifySame(static_cast<std::uint64_t>(trainPairs.size()) * 1000003u + valPairs.size(),
                   *group, "the training and validation pairs");
    }

    // A checkpoint read by a run of another world size: the global batch changes, so the
    // schedule is replanned over the remaining steps and an interrupted epoch starts again.
    void adaptToWorldSize() {
        if (pos.worldSize == ranks()) return;
        notice = "the checkpoint was written by " + std::to_string(pos.worldSize) +
                 (pos.worldSize == 1 ? " process" : " processes") + ", this run has " +
                 std::to_string(ranks()) + ": the global batch is now " +
                 std::to_string(ranks() * config.batchSize) +
                 " and the learning-rate schedule "
                 "is replanned over the remaining steps";
        if (pos.batchInEpoch > 0) {
            notice += "; epoch " + std::to_string(pos.epochsDone + 1) +
                      " was interrupted and starts again (its " + std::to_string(pos.batchInEpoch) +
                      " batches stay in the weights)";
            pos.batchInEpoch = 0;
            pos.epochBatches = pos.epochSamples = 0;
            pos.epochLossSum = pos.epochTrainSeconds = 0;
            pos.logLossSum = 0;
            pos.logBatches = 0;
        }
        schedule.replan(pos.step, pos.step + static_cast<long>(config.epochs - pos.epochsDone) *
                                                 batchesPerEpoch());
        pos.worldSize = ranks();
    }

    void buildModel() {
        torch::manual_seed(config.seed);
        model = UNet(config.inputChannels(), outputChannelsOf(config.anchor), config.width);
        // An anchored model starts as its anchor (the hybrid as the advection baseline, the
        // research and seed recipes as persistence): its last layer is zero, so its first
        // prediction is the anchor itself and training only has to learn the correction.
        if (config.anchor != Anchor::None) {
            torch::NoGradGuard noGrad;
            for (auto& p : model->named_parameters())
                if (p.key().rfind("outc.", 0) == 0) p.value().zero_();
        }
        optimizer = std::make_unique<torch::optim::AdamW>(
            model->parameters(),
            torch::optim::AdamWOptions(config.learningRate).weight_decay(config.weightDecay));
    }

    void freshStart() {
        buildModel();
        schedule = LearningRateSchedule(config.learningRate, config.warmupFraction,
                                        static_cast<long>(config.epochs) * batchesPerEpoch());
        pos = {};
        pos.worldSize = ranks();
        pos.gridNx = dataset->grid().nx;
        pos.gridNy = dataset->grid().ny;
        std::lock_guard lock(historyMutex);
        history = {};
    }

    CheckpointMeta meta() const {
        CheckpointMeta m;
        m.config = config;
        m.norm = norm;
        m.schedule = schedule.state();
        m.position = pos;
        std::lock_guard lock(historyMutex);
        m.history = history;
        return m;
    }

    // Rank 0 writes; the others wait for it (a later read of the folder sees the files).
    void saveHistory() const {
        if (!writer()) return;
        TrainingHistory h;
        {
            std::lock_guard lock(historyMutex);
            h = history;
        }
        writeFileAtomically((runDir / "history.csv").string(), h.epochsCsv());
        writeFileAtomically((runDir / "batches.csv").string(), h.batchesCsv());
    }

    void saveLast() {
        // The checkpoint first: the CSVs never show an epoch that last.pt does not hold.
        if (writer()) {
            try {
                saveCheckpoint(lastPath().string(), model, *optimizer, meta());
            } catch (const std::runtime_error& e) {
                const bool kept = fs::exists(lastPath());
                throw std::runtime_error(
                    std::string(e.what()) + ". " +
                    (kept ? "The previous checkpoint is intact: make room and continue with "
                            "driftlab train --resume " +
                                runDirText
                          : std::string("No checkpoint had been written yet")));
            }
            saveHistory();
        }
        group->barrier("the wait for rank 0's checkpoint");
    }

    void saveBest() {
        if (writer()) saveCheckpoint(bestPath().string(), model, *optimizer, meta());
        group->barrier("the wait for rank 0's best checkpoint");
    }

    void restoreFrom(const fs::path& checkpoint) {
        const CheckpointMeta m = readCheckpointMeta(checkpoint.string());
        config = m.config;
        norm = m.norm;
        if (!dataset) openRunDataset();
        const Grid& g = dataset->grid();
        if (m.position.gridNx != g.nx || m.position.gridNy != g.ny)
            throw std::runtime_error(checkpoint.string() + ": the model was trained on a " +
                                     std::to_string(m.position.gridNx) + " x " +
                                     std::to_string(m.position.gridNy) + " grid, the dataset " +
                                     config.dataset + " has " + std::to_string(g.nx) + " x " +
                                     std::to_string(g.ny));
        buildModel();
        loadCheckpointState(checkpoint.string(), model, *optimizer);
        schedule = LearningRateSchedule(m.schedule);
        pos = m.position;
        std::lock_guard lock(historyMutex);
        history = m.history;
    }

    void setLearningRate(double lr) {
        for (auto& paramGroup : optimizer->param_groups())
            static_cast<torch::optim::AdamWOptions&>(paramGroup.options()).lr(lr);
    }

    torch::Tensor lossOf(const torch::Tensor& prediction, const torch::Tensor& target) const {
        const torch::Tensor diff = (prediction - target) * oceanMask;
        const torch::Tensor total =
            config.loss == LossKind::Mse ? diff.pow(2).sum() : diff.abs().sum();
        return total / (oceanCells * static_cast<double>(prediction.size(0)));
    }

    // The anchor of a batch as a tensor (undefined for Anchor::None).
    torch::Tensor anchorOf(PairBatch& batch) const {
        if (config.anchor == Anchor::Persistence) return mapsOf(batch.current, batch.size);
        if (advectedAnchor(config.anchor)) return mapsOf(batch.advected, batch.size);
        return {};
    }

    // `count` maps of a batch's buffer [count, 1, ny, nx] (channels > 1: [count, channels, ...])
    // on the training device; on the CPU, the buffer itself.
    torch::Tensor mapsOf(std::vector<float>& buffer, int count, int channels = 1) const {
        const Grid& g = dataset->grid();
        return torch::from_blob(buffer.data(), {count, channels, g.ny, g.nx}, torch::kFloat32)
            .to(device);
    }

    // The device config.device means here (with several ranks on a machine, rank r takes its
    // r-th GPU); the model, its optimizer state and the mask move there.
    void placeOnDevice() {
        device = resolveDevice(config.device, spec.localRank);
        model->to(device);
        oceanMask = oceanMask.to(device);
        for (auto& [key, state] : optimizer->state()) {
            auto& adam = static_cast<torch::optim::AdamWParamState&>(*state);
            adam.exp_avg(adam.exp_avg().to(device));
            adam.exp_avg_sq(adam.exp_avg_sq().to(device));
            if (adam.max_exp_avg_sq().defined())
                adam.max_exp_avg_sq(adam.max_exp_avg_sq().to(device));
        }
    }

    // The advection anchor removes the mean of the network's output over the ocean, so the
    // output layer's bias cannot change a prediction: its gradient is 0 but for rounding noise,
    // which Adam would scale up to full-size steps (a random walk, different on every machine
    // and process count). It stays where it starts.
    void silenceInertParameters() {
        if (config.anchor != Anchor::Advection) return;
        torch::NoGradGuard noGrad;
        for (auto& p : model->named_parameters())
            if (p.key() == "outc.conv.bias" && p.value().grad().defined())
                p.value().mutable_grad().zero_();
    }

    torch::Tensor predict(const torch::Tensor& input, const torch::Tensor& anchor) {
        return anchoredOutput(model->forward(input), anchor, config.anchor, oceanMask, oceanCells);
    }
};

TorchTrainingSession::TorchTrainingSession() : impl_(std::make_unique<Impl>()) {}
TorchTrainingSession::~TorchTrainingSession() = default;

std::unique_ptr<TorchTrainingSession> TorchTrainingSession::create(const TrainingConfig& configIn,
                                                                   const std::string& runDir,
                                                                   const ProcessGroupSpec& spec) {
    TrainingConfig config = configIn;
    config.validate();
    config.dataset = fs::absolute(config.dataset).lexically_normal().string();
    const fs::path dir = fs::absolute(runDir).lexically_normal();
    std::unique_ptr<TorchTrainingSession> s(new TorchTrainingSession);
    auto& d = *s->impl_;
    d.spec = spec;
    // The device chooses the collectives' backend (NCCL for CUDA where the build has it).
    d.device = resolveDevice(config.device, spec.localRank);
    d.group = joinProcessGroup(spec, d.device);
    // Rank 0 owns the folder; the other ranks learn from the agreement whether it refused.
    agreeOn(*d.group, "the check of the run folder", [&] {
        if (!d.writer()) return;
        std::error_code ec;
        if (fs::exists(dir, ec)) {
            if (!fs::is_directory(dir, ec))
                throw std::runtime_error(dir.string() + " exists and is not a folder");
            if (TrainingSession::isRunFolder(dir.string()))
                throw std::runtime_error(
                    dir.string() + " already holds a run: continue it, or choose another folder");
            if (!fs::is_empty(dir, ec))
                throw std::runtime_error(dir.string() + " is not empty: choose a new folder");
        }
    });
    d.runDir = dir;
    d.runDirText = dir.string();
    d.config = config;
    agreeOn(*d.group, "opening the dataset", [&] {
        resolveDevice(config.device, spec.localRank);  // --device cuda without CUDA: say so now
        d.openDataset();
        d.norm = PairLoader::computeNormalisation(*d.dataset, d.trainPairs, JobControl());
        d.freshStart();
    });
    d.alignRanks();
    agreeOn(*d.group, "the creation of the run folder", [&] {
        if (!d.writer()) return;
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec)
            throw std::runtime_error("cannot create the run folder " + dir.string() + ": " +
                                     ec.message());
        writeFileAtomically((dir / "config.json").string(), config.toJson());
        d.saveHistory();
    });
    return s;
}

std::unique_ptr<TorchTrainingSession> TorchTrainingSession::resume(
    const std::string& runDirOrCheckpoint, const ProcessGroupSpec& spec) {
    const fs::path path = fs::absolute(runDirOrCheckpoint).lexically_normal();
    std::unique_ptr<TorchTrainingSession> s(new TorchTrainingSession);
    auto& d = *s->impl_;
    d.spec = spec;
    // The device of the run's settings chooses the collectives' backend (useMachine() may move
    // the model later; Gloo then stages CUDA tensors through host memory).
    try {
        d.device = resolveDevice(TrainingSession::readConfig(
                                     (fs::is_directory(path) ? path : path.parent_path()).string())
                                     .device,
                                 spec.localRank);
    } catch (const std::exception&) {
        d.device = torch::Device(torch::kCPU);  // the agreed read below says what is wrong
    }
    d.group = joinProcessGroup(spec, d.device);
    // Every rank reads the run folder: on several machines it must be on a shared file system.
    agreeOn(*d.group, "reading the run", [&] {
        std::error_code ec;
        fs::path checkpoint;
        if (fs::is_directory(path, ec)) {
            if (!TrainingSession::isRunFolder(path.string()))
                throw std::runtime_error(path.string() +
                                         " is not a DriftLab run folder (no config.json)");
            d.runDir = path;
            if (fs::exists(path / "last.pt")) checkpoint = path / "last.pt";
        } else if (fs::is_regular_file(path, ec)) {
            checkpoint = path;
            d.runDir = path.parent_path();
        } else {
            throw std::runtime_error(path.string() + " does not exist");
        }
        d.runDirText = d.runDir.string();
        if (!checkpoint.empty()) {
            d.restoreFrom(checkpoint);
            d.adaptToWorldSize();
            // A kill between the checkpoint and the CSVs leaves them an epoch behind: the
            // checkpoint's history is the run's.
            d.saveHistory();
        } else {
            d.config = TrainingSession::readConfig(d.runDirText);
            d.openRunDataset();
            d.norm = PairLoader::computeNormalisation(*d.dataset, d.trainPairs, JobControl());
            d.freshStart();
        }
    });
    d.alignRanks();
    return s;
}

const std::string& TorchTrainingSession::runDir() const {
    return impl_->runDirText;
}
const TrainingConfig& TorchTrainingSession::config() const {
    return impl_->config;
}
TrainingHistory TorchTrainingSession::history() const {
    std::lock_guard lock(impl_->historyMutex);
    return impl_->history;
}
int TorchTrainingSession::epochsDone() const {
    return impl_->pos.epochsDone;
}
long TorchTrainingSession::stepsDone() const {
    return impl_->pos.step;
}
long TorchTrainingSession::parameterCount() const {
    long n = 0;
    for (const auto& p : impl_->model->parameters()) n += p.numel();
    return n;
}
int TorchTrainingSession::trainPairCount() const {
    return static_cast<int>(impl_->trainPairs.size());
}
int TorchTrainingSession::validationPairCount() const {
    return static_cast<int>(impl_->valPairs.size());
}
const std::string& TorchTrainingSession::message() const {
    return impl_->message;
}

void TorchTrainingSession::extendEpochs(int more) {
    if (more < 1) throw std::invalid_argument("train at least one more epoch");
    auto& d = *impl_;
    d.config.epochs += more;
    d.schedule.extend(d.pos.step, static_cast<long>(d.config.epochs) * d.batchesPerEpoch());
    if (d.writer()) writeFileAtomically((d.runDir / "config.json").string(), d.config.toJson());
}

void TorchTrainingSession::useMachine(int threads, DeviceChoice device, bool mixedPrecision) {
    auto& d = *impl_;
    TrainingConfig c = d.config;
    c.threads = threads;
    c.device = device;
    c.mixedPrecision = mixedPrecision;
    c.validate();
    resolveDevice(device, d.spec.localRank);  // refused now rather than when run() starts
    d.config = c;
    if (d.writer()) writeFileAtomically((d.runDir / "config.json").string(), d.config.toJson());
}

TrainingOutcome TorchTrainingSession::run(TrainingControl& control, TrainingObserver* observer) {
    auto& d = *impl_;
    TrainingObserver quiet;
    TrainingObserver& obs = observer ? *observer : quiet;
    d.message.clear();
    setTorchThreads(d.threads());
    tuneAllocatorForTraining();
    d.placeOnDevice();
    const bool autocast = d.config.mixedPrecision && d.device.is_cuda();
    if (d.device.is_cuda() || d.config.device != DeviceChoice::Cpu)
        obs.onMessage("training on " + describeDevice(d.device) +
                      (autocast ? " with bfloat16 autocast" : "") +
                      (d.config.device == DeviceChoice::Auto && !d.device.is_cuda()
                           ? " (device auto: no CUDA in this build or on this machine)"
                           : ""));
    if (d.config.mixedPrecision && !autocast)
        obs.onMessage("mixed precision is for CUDA only: training in float32 on the CPU");
    const bool distributed = d.group->distributed();
    const double ranks = static_cast<double>(d.ranks());

    TrainingProgress progress;
    progress.epochs = d.config.epochs;
    progress.batchesPerEpoch = d.batchesPerEpoch();
    progress.stage = "loading";
    progress.epoch = d.pos.epochsDone + 1;
    obs.onProgress(progress);
    if (!d.trainLoader) {
        // Training batches carry the advected map only where the recipe uses it (an input or
        // the anchor): it costs the loader as much as the rest of a pair. Validation always
        // scores the advection baseline.
        const bool trainAdvected =
            needsAdvected(d.config.inputs) || advectedAnchor(d.config.anchor);
        d.trainLoader = std::make_unique<PairLoader>(
            *d.dataset, d.trainPairs, d.norm, d.config.batchSize, d.config.loaderThreads,
            d.config.inputs, trainAdvected ? d.advection : nullptr);
        d.trainLoader->setShard(d.group->rank(), d.ranks());
        d.valLoader = std::make_unique<PairLoader>(*d.dataset, d.validationShard(), d.norm,
                                                   d.config.batchSize, d.config.loaderThreads,
                                                   d.config.inputs, d.advection);
    }
    if (!d.notice.empty()) {
        obs.onMessage(d.notice);
        d.notice.clear();
    }
    if (distributed)
        obs.onMessage("data-parallel training: " + d.group->describe() + "; global batch " +
                      std::to_string(d.ranks() * d.config.batchSize) + " (" +
                      std::to_string(d.ranks()) + " x " + std::to_string(d.config.batchSize) +
                      "), learning rate " + fixed(d.config.learningRate, 6) +
                      " for the global batch, " + std::to_string(d.threads()) +
                      " Torch threads per rank");
    // BatchNorm over the global batch while this thread trains (no effect in one process).
    SyncBatchNormScope syncBatchNorm(d.group.get());
    if (d.pos.epochsDone > 0 || d.pos.batchInEpoch > 0)
        obs.onMessage("continuing at epoch " + std::to_string(d.pos.epochsDone + 1) + ", batch " +
                      std::to_string(d.pos.batchInEpoch + 1));

    const Grid& g = d.dataset->grid();
    const std::size_t cells = g.cellCount();
    const float scale = static_cast<float>(d.norm.densityScale);
    double secondsPerSample = 0;  // smoothed over recent batches, for the ETA and samples/s

    auto stopHere = [&](const char* stage) {
        progress.stage = "saving";
        obs.onProgress(progress);
        d.saveLast();
        d.message = std::string("stopped during ") + stage + " of epoch " +
                    std::to_string(d.pos.epochsDone + 1) + "; continue from " +
                    d.lastPath().string();
        obs.onMessage(d.message);
        return TrainingOutcome::Stopped;
    };
    auto waitWhilePaused = [&] {
        if (!control.pause.load()) return;
        const std::string stage = progress.stage;
        progress.stage = "paused";
        obs.onProgress(progress);
        while (control.pause.load() && !control.stop.load())
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        progress.stage = stage;
        obs.onProgress(progress);
    };

    // Stops a run whose state is ruined and goes back to the last checkpoint on disk.
    const auto diverged = [&](const std::string& what, int epoch, double lr) {
        const bool hasCheckpoint = fs::exists(d.lastPath());
        d.message = what + " at epoch " + std::to_string(epoch) + ", batch " +
                    std::to_string(d.pos.batchInEpoch + 1) + " (step " +
                    std::to_string(d.pos.step + 1) + ", learning rate " + fixed(lr, 6) +
                    "); training stopped. " +
                    (hasCheckpoint
                         ? "The last good checkpoint is kept: " + d.lastPath().string() + "."
                         : std::string("No checkpoint had been written yet.")) +
                    " Try a lower learning rate or gradient clipping.";
        if (hasCheckpoint)
            d.restoreFrom(d.lastPath());
        else
            d.freshStart();
        d.trainLoader.reset();
        d.valLoader.reset();
        obs.onMessage(d.message);
        return TrainingOutcome::Diverged;
    };

    while (d.pos.epochsDone < d.config.epochs) {
        const int epoch = d.pos.epochsDone + 1;
        const int batches = d.batchesPerEpoch();
        const auto epochStart = Clock::now();
        progress.epoch = epoch;
        progress.epochs = d.config.epochs;
        progress.stage = "training";
        d.model->train();
        d.trainLoader->startEpoch(d.config.seed, epoch, d.pos.batchInEpoch);
        d.epochReduceSeconds = 0;
        for (;;) {
            waitWhilePaused();
            // Every rank stops at the same batch: a stop asked of any rank (Ctrl-C, SIGTERM)
            // is agreed on before the batch.
            if (d.group->any(control.stop.load(), "the stop check")) return stopHere("training");
            std::optional<PairBatch> batch = d.trainLoader->next();
            if (!batch) break;
            // Torch's thread count is process-wide: a Predictor in the same process (the
            // explorer predicts on one thread) may have changed it since the last batch.
            if (torchThreads() != d.threads()) setTorchThreads(d.threads());
            const auto batchStart = Clock::now();
            const auto B = static_cast<std::int64_t>(batch->size);
            const torch::Tensor x = d.mapsOf(batch->input, batch->size, batch->channels);
            const torch::Tensor y = d.mapsOf(batch->target, batch->size);
            const double lr = d.schedule.at(d.pos.step);
            d.setLearningRate(lr);
            torch::Tensor loss;
            {
                AutocastScope scope(autocast);
                loss = d.lossOf(d.predict(x, d.anchorOf(*batch)).to(torch::kFloat32), y);
            }
            // The global batch's loss: the mean of the ranks' (equal-sized) batch means.
            double lossValue = loss.item<double>();
            if (distributed) lossValue = d.group->sum({lossValue}, "the training loss")[0] / ranks;
            if (!std::isfinite(lossValue))
                return diverged("the training loss became " +
                                    std::string(std::isnan(lossValue) ? "NaN" : "infinite"),
                                epoch, lr);
            d.optimizer->zero_grad();
            loss.backward();
            if (distributed) {
                const auto reduceStart = Clock::now();
                averageGradients(*d.model, *d.group);
                d.epochReduceSeconds += secondsSince(reduceStart);
            }
            d.silenceInertParameters();
            if (d.config.clipNorm > 0)
                torch::nn::utils::clip_grad_norm_(d.model->parameters(), d.config.clipNorm);
            d.optimizer->step();
            if (d.spec.checkReplicas)
                verifyReplicas(*d.model, *d.group, "after step " + std::to_string(d.pos.step + 1));
            ++d.pos.step;
            ++d.pos.batchInEpoch;
            ++d.pos.epochBatches;
            d.pos.epochSamples += B;
            d.pos.epochLossSum += lossValue;
            d.pos.logLossSum += lossValue;
            ++d.pos.logBatches;
            const double seconds = secondsSince(batchStart);
            d.pos.epochTrainSeconds += seconds;
            const double perSample = seconds / (static_cast<double>(B) * ranks);
            secondsPerSample =
                secondsPerSample == 0 ? perSample : 0.9 * secondsPerSample + 0.1 * perSample;
            if (d.pos.logBatches >= d.config.logEveryBatches || d.pos.batchInEpoch == batches) {
                BatchRecord record{d.pos.step, epoch,
                                   d.pos.logLossSum / static_cast<double>(d.pos.logBatches), lr};
                d.pos.logLossSum = 0;
                d.pos.logBatches = 0;
                {
                    std::lock_guard lock(d.historyMutex);
                    d.history.batches.push_back(record);
                }
                obs.onBatch(record);
            }
            progress.batch = d.pos.batchInEpoch;
            progress.samplesPerSecond = 1.0 / secondsPerSample;
            const double remainingTrain = static_cast<double>(batches - d.pos.batchInEpoch) *
                                              static_cast<double>(d.config.batchSize) * ranks +
                                          static_cast<double>(d.config.epochs - epoch) *
                                              static_cast<double>(d.trainPairs.size());
            // Validation runs forward only: about a third of a training step per sample.
            const double remainingVal =
                static_cast<double>(d.config.epochs - epoch + 1) * d.valPairs.size() / 3.0;
            progress.etaSeconds = (remainingTrain + remainingVal) * secondsPerSample;
            obs.onProgress(progress);
            d.trainLoader->recycle(std::move(*batch));
        }

        // A bounded output (the flux form's tanh) can keep the loss finite while weights or
        // BatchNorm statistics overflow: checked once an epoch, before anything is saved.
        for (const auto& t : d.model->named_parameters())
            if (!torch::isfinite(t.value()).all().item<bool>())
                return diverged("the weight " + t.key() + " became non-finite", epoch,
                                d.schedule.at(std::max(0L, d.pos.step - 1)));
        for (const auto& t : d.model->named_buffers())
            if (t.value().is_floating_point() && !torch::isfinite(t.value()).all().item<bool>())
                return diverged("the BatchNorm statistic " + t.key() + " became non-finite", epoch,
                                d.schedule.at(std::max(0L, d.pos.step - 1)));

        // Validation on the whole validation split, in file order.
        progress.stage = "validating";
        obs.onProgress(progress);
        {
            torch::NoGradGuard noGrad;
            d.model->eval();
            d.valLoader->startEpoch(d.config.seed, epoch, 0, false);
            const CloudGeometry geometry(d.dataset->grid(), d.dataset->mask().values());
            DriftMetricAccumulator metrics(d.dataset->mask().values(), &geometry),
                persistenceMetrics(d.dataset->mask().values(), &geometry),
                advectionMetrics(d.dataset->mask().values(), &geometry);
            double valLossSum = 0, persistenceLossSum = 0, advectionLossSum = 0;
            std::size_t valSamples = 0;
            std::vector<float> predicted(cells), truth(cells), input(cells), advected(cells);
            for (;;) {
                // Ranks validate different numbers of batches: no collective in this loop, so a
                // data-parallel run takes a stop at the next training batch.
                waitWhilePaused();
                if (!distributed && control.stop.load()) return stopHere("validation");
                std::optional<PairBatch> batch = d.valLoader->next();
                if (!batch) break;
                const auto B = static_cast<std::int64_t>(batch->size);
                const torch::Tensor x = d.mapsOf(batch->input, batch->size, batch->channels);
                const torch::Tensor y = d.mapsOf(batch->target, batch->size);
                torch::Tensor onDevice;
                {
                    AutocastScope scope(autocast);
                    onDevice = d.predict(x, d.anchorOf(*batch)).to(torch::kFloat32);
                }
                valLossSum += d.lossOf(onDevice, y).item<double>() * static_cast<double>(B);
                const torch::Tensor pred = onDevice.to(torch::kCPU).contiguous();
                const torch::Tensor now = d.mapsOf(batch->current, batch->size);
                const torch::Tensor moved = d.mapsOf(batch->advected, batch->size);
                persistenceLossSum += d.lossOf(now, y).item<double>() * static_cast<double>(B);
                advectionLossSum += d.lossOf(moved, y).item<double>() * static_cast<double>(B);
                valSamples += static_cast<std::size_t>(B);
                const float* p = pred.data_ptr<float>();
                for (std::int64_t s = 0; s < B; ++s) {
                    // Metrics in density units (fraction of the particles per cell).
                    const std::size_t o = static_cast<std::size_t>(s) * cells;
                    for (std::size_t c = 0; c < cells; ++c) {
                        predicted[c] = p[o + c] / scale;
                        truth[c] = batch->target[o + c] / scale;
                        input[c] = batch->current[o + c] / scale;
                        advected[c] = batch->advected[o + c] / scale;
                    }
                    metrics.add(input.data(), predicted.data(), truth.data());
                    persistenceMetrics.add(input.data(), input.data(), truth.data());
                    advectionMetrics.add(input.data(), advected.data(), truth.data());
                }
                d.valLoader->recycle(std::move(*batch));
            }
            if (distributed) {
                std::vector<double> sums{valLossSum, persistenceLossSum, advectionLossSum,
                                         static_cast<double>(valSamples)};
                for (const auto* acc : {&metrics, &persistenceMetrics, &advectionMetrics})
                    for (double v : acc->sums()) sums.push_back(v);
                sums = d.group->sum(sums, "the validation sums");
                valLossSum = sums[0];
                persistenceLossSum = sums[1];
                advectionLossSum = sums[2];
                valSamples = static_cast<std::size_t>(std::llround(sums[3]));
                std::size_t at = 4;
                constexpr std::size_t n = DriftMetricAccumulator::kSums;
                for (auto* acc : {&metrics, &persistenceMetrics, &advectionMetrics}) {
                    acc->setSums({sums.begin() + static_cast<long>(at),
                                  sums.begin() + static_cast<long>(at + n)});
                    at += n;
                }
            }
            const DriftMetricValues m = metrics.value();
            EpochRecord record;
            record.epoch = epoch;
            record.trainLoss = d.pos.epochBatches
                                   ? d.pos.epochLossSum / static_cast<double>(d.pos.epochBatches)
                                   : 0;
            record.valLoss = valSamples ? valLossSum / static_cast<double>(valSamples) : 0;
            const double samples = valSamples ? static_cast<double>(valSamples) : 1.0;
            record.persistenceValLoss = persistenceLossSum / samples;
            record.advectionValLoss = advectionLossSum / samples;
            const DriftMetricValues mp = persistenceMetrics.value(), ma = advectionMetrics.value();
            record.persistenceValMae = mp.mae;
            record.advectionValMae = ma.mae;
            record.persistenceIou50 = mp.iou50;
            record.advectionIou50 = ma.iou50;
            record.valMse = m.mse;
            record.valMae = m.mae;
            record.iou50 = m.iou50;
            record.iou90 = m.iou90;
            record.massError = m.massError;
            record.centreKm = m.centreKm;
            record.spreadRatio = m.spreadRatio;
            record.transportKm = m.transportKm;
            record.farMass = m.farMass;
            record.persistenceCentreKm = mp.centreKm;
            record.advectionCentreKm = ma.centreKm;
            record.advectionSpreadRatio = ma.spreadRatio;
            record.advectionTransportKm = ma.transportKm;
            record.samplesPerSecond =
                d.pos.epochTrainSeconds > 0
                    ? static_cast<double>(d.pos.epochSamples) * ranks / d.pos.epochTrainSeconds
                    : 0;
            record.seconds = secondsSince(epochStart);
            record.learningRate = d.schedule.at(std::max(0L, d.pos.step - 1));
            bool best = false;
            {
                std::lock_guard lock(d.historyMutex);
                d.history.epochs.push_back(record);
                best = d.history.bestEpoch() == epoch;
            }
            d.pos.epochsDone = epoch;
            d.pos.batchInEpoch = 0;
            d.pos.epochBatches = d.pos.epochSamples = 0;
            d.pos.epochLossSum = d.pos.epochTrainSeconds = 0;
            progress.stage = "saving";
            obs.onProgress(progress);
            d.saveLast();
            if (best) d.saveBest();
            if (distributed && batches > 0)
                obs.onMessage(
                    "epoch " + std::to_string(epoch) + ": the gradients' all-reduce took " +
                    fixed(1000.0 * d.epochReduceSeconds / batches, 2) + " ms per step (" +
                    fixed(100.0 * d.epochReduceSeconds / std::max(1e-9, record.seconds), 1) +
                    " % of the epoch)");
            obs.onEpoch(record);
        }
    }
    progress.stage = "finished";
    obs.onProgress(progress);
    return TrainingOutcome::Finished;
}

void TorchTrainingSession::exportWeights(const std::string& path) const {
    writeWeightsWithSidecar(impl_->model, impl_->config, impl_->norm, impl_->pos, path);
}

std::string TorchTrainingSession::exportWeightsOf(const std::string& runDirOrCheckpoint,
                                                  const std::string& path) {
    std::error_code ec;
    fs::path checkpoint = runDirOrCheckpoint;
    if (!fs::exists(checkpoint, ec))
        throw std::runtime_error(runDirOrCheckpoint + " does not exist");
    if (fs::is_directory(checkpoint, ec)) {
        checkpoint =
            fs::exists(checkpoint / "best.pt") ? checkpoint / "best.pt" : checkpoint / "last.pt";
        if (!fs::exists(checkpoint))
            throw std::runtime_error(runDirOrCheckpoint +
                                     " has no checkpoint yet (no best.pt or last.pt)");
    }
    const CheckpointMeta meta = readCheckpointMeta(checkpoint.string());
    UNet model(meta.config.inputChannels(), 1, meta.config.width);
    torch::optim::AdamW optimizer(model->parameters());
    loadCheckpointState(checkpoint.string(), model, optimizer);
    writeWeightsWithSidecar(model, meta.config, meta.norm, meta.position, path);
    return checkpoint.string();
}

int TorchTrainingSession::weightsWidth(const std::string& path) {
    return widthOfStateDict(readStateDictFile(path));
}

void TorchTrainingSession::importWeights(const std::string& path) {
    auto& d = *impl_;
    const StateDict dict = readStateDictFile(path);
    const int width = widthOfStateDict(dict);
    if (width != d.config.width)
        throw std::invalid_argument(path + ": the weights are for a UNet of width " +
                                    std::to_string(width) + ", this run uses width " +
                                    std::to_string(d.config.width));
    const auto sidecar = readWeightsSidecar(path);
    const int channels = inputChannelsOfStateDict(dict);
    const std::vector<InputChannel> inputs =
        sidecar ? sidecar->inputs : recipeFromName("seed").inputs;
    if (channels != static_cast<int>(inputs.size()))
        throw std::invalid_argument(path + ": the weights take " + std::to_string(channels) +
                                    " input channels, " +
                                    (sidecar ? "their sidecar names " + channelsText(inputs)
                                             : std::string("without a sidecar the seed's 3 "
                                                           "(u, v, density) are assumed")));
    if (channels != d.config.inputChannels() || (sidecar && sidecar->anchor != d.config.anchor)) {
        d.config.inputs = inputs;
        d.config.anchor = sidecar ? sidecar->anchor : Anchor::Persistence;
        d.buildModel();  // a network with the weights' own inputs
    }
    loadStateDict(d.model, dict);
    if (sidecar) d.norm = sidecar->norm;
    writeFileAtomically((d.runDir / "config.json").string(), d.config.toJson());
    d.optimizer = std::make_unique<torch::optim::AdamW>(
        d.model->parameters(),
        torch::optim::AdamWOptions(d.config.learningRate).weight_decay(d.config.weightDecay));
    d.trainLoader.reset();  // the normalisation may have changed
    d.valLoader.reset();
    d.saveLast();
}

}  // namespace driftlab
