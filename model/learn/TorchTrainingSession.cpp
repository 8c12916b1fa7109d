#include "learn/TorchTrainingSession.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "data/AtomicFile.h"
#include "data/DatasetError.h"
#include "data/DriftDataset.h"
#include "jobs/DatasetSimulation.h"
#include "core/JobControl.h"
#include "learn/Checkpoint.h"
#include "learn/CheckpointKeeper.h"
#include "learn/InputChannels.h"
#include "learn/PairLoader.h"
#include "learn/StateDict.h"
#include "learn/TorchRuntime.h"
#include "learn/TrainingModel.h"
#include "learn/TrainingStep.h"
#include "learn/UNet.h"
#include "learn/ValidationPass.h"
#include "learn/WeightsSidecar.h"
#include "learn/distributed/ReplicaSync.h"
#include "learn/distributed/SyncBatchNorm.h"

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
    TrainingModel net{config};
    LearningRateSchedule schedule;
    CheckpointPosition pos;
    mutable std::mutex historyMutex;
    TrainingHistory history;
    std::string message;
    std::unique_ptr<PairLoader> trainLoader, valLoader;
    // The model's advection (anchor, advected input) around the baseline's remap.
    std::shared_ptr<const SharpAdvection> advection;
    std::unique_ptr<ValidationPass> validation;          // its cloud geometry built once
    CheckpointKeeper checkpoints;
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

    fs::path lastPath() const { return checkpoints.lastPath(); }

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
        net.setOcean(g, dataset->mask().values());
        advection = modelAdvectionOf(*dataset, advectionBaselineOf(*dataset),
                                     config.advection == AdvectionScheme::Sharp);
        validation = std::make_unique<ValidationPass>(*dataset);
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
        broadcastModule(*net.net(), *group);
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

    void freshStart() {
        net.build();
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
        std::lock_guard lock(historyMutex);
        checkpoints.saveHistory(history, *group);
    }
    void saveLast() { checkpoints.saveLast(net, meta(), *group); }
    void saveBest() { checkpoints.saveBest(net, meta(), *group); }

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
        net.build();
        loadCheckpointState(checkpoint.string(), net.net(), net.optimizer());
        schedule = LearningRateSchedule(m.schedule);
        pos = m.position;
        std::lock_guard lock(historyMutex);
        history = m.history;
    }

    // The device config.device means here (with several ranks on a machine, rank r takes its
    // r-th GPU); the model, its optimizer state and the mask move there.
    void placeOnDevice() {
        device = resolveDevice(config.device, spec.localRank);
        net.placeOn(device);
    }

    // --- The state of a run() in progress, and its parts.
    TrainingControl* control = nullptr;
    TrainingObserver* obs = nullptr;
    TrainingProgress progress;
    bool autocast = false;
    double secondsPerSample = 0;  // smoothed over recent batches, for the ETA and samples/s

    // Threads, device, loaders and the opening messages of a run.
    void prepareRun() {
        setTorchThreads(threads());
        tuneAllocatorForTraining();
        placeOnDevice();
        autocast = config.mixedPrecision && device.is_cuda();
        secondsPerSample = 0;
        if (device.is_cuda() || config.device != DeviceChoice::Cpu)
            obs->onMessage("training on " + describeDevice(device) +
                           (autocast ? " with bfloat16 autocast" : "") +
                           (config.device == DeviceChoice::Auto && !device.is_cuda()
                                ? " (device auto: no CUDA in this build or on this machine)"
                                : ""));
        if (config.mixedPrecision && !autocast)
            obs->onMessage("mixed precision is for CUDA only: training in float32 on the CPU");
        progress = {};
        progress.epochs = config.epochs;
        progress.batchesPerEpoch = batchesPerEpoch();
        progress.stage = "loading";
        progress.epoch = pos.epochsDone + 1;
        obs->onProgress(progress);
        if (!trainLoader) {
            // Training batches carry the advected map only where the recipe uses it (an input or
            // the anchor): it costs the loader as much as the rest of a pair. Validation always
            // scores the advection baseline.
            const bool trainAdvected = config.usesAdvected();
            trainLoader = std::make_unique<PairLoader>(*dataset, trainPairs, norm, config.batchSize,
                                                       config.loaderThreads, config.inputs,
                                                       trainAdvected ? advection : nullptr);
            trainLoader->setShard(group->rank(), ranks());
            valLoader = std::make_unique<PairLoader>(*dataset, validationShard(), norm,
                                                     config.batchSize, config.loaderThreads,
                                                     config.inputs, advection);
        }
        if (!notice.empty()) {
            obs->onMessage(notice);
            notice.clear();
        }
        if (group->distributed())
            obs->onMessage("data-parallel training: " + group->describe() + "; global batch " +
                           std::to_string(ranks() * config.batchSize) + " (" +
                           std::to_string(ranks()) + " x " + std::to_string(config.batchSize) +
                           "), learning rate " + fixed(config.learningRate, 6) +
                           " for the global batch, " + std::to_string(threads()) +
                           " Torch threads per rank");
    }

    TrainingOutcome stopHere(const char* stage) {
        progress.stage = "saving";
        obs->onProgress(progress);
        saveLast();
        message = std::string("stopped during ") + stage + " of epoch " +
                  std::to_string(pos.epochsDone + 1) + "; continue from " + lastPath().string();
        obs->onMessage(message);
        return TrainingOutcome::Stopped;
    }

    void waitWhilePaused() {
        if (!control->pause.load()) return;
        const std::string stage = progress.stage;
        progress.stage = "paused";
        obs->onProgress(progress);
        while (control->pause.load() && !control->stop.load())
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        progress.stage = stage;
        obs->onProgress(progress);
    }

    // Stops a run whose state is ruined and goes back to the last checkpoint on disk.
    TrainingOutcome diverged(const std::string& what, int epoch, double lr) {
        const bool hasCheckpoint = fs::exists(lastPath());
        message = what + " at epoch " + std::to_string(epoch) + ", batch " +
                  std::to_string(pos.batchInEpoch + 1) + " (step " + std::to_string(pos.step + 1) +
                  ", learning rate " + fixed(lr, 6) + "); training stopped. " +
                  (hasCheckpoint ? "The last good checkpoint is kept: " + lastPath().string() + "."
                                 : std::string("No checkpoint had been written yet.")) +
                  " Try a lower learning rate or gradient clipping.";
        if (hasCheckpoint)
            restoreFrom(lastPath());
        else
            freshStart();
        trainLoader.reset();
        valLoader.reset();
        obs->onMessage(message);
        return TrainingOutcome::Diverged;
    }

    // The training batches of `epoch` from where it stands; an outcome when the run ends in it.
    std::optional<TrainingOutcome> trainEpoch(int epoch) {
        const int batches = batchesPerEpoch();
        const double rankCount = static_cast<double>(ranks());
        progress.epoch = epoch;
        progress.epochs = config.epochs;
        progress.stage = "training";
        net.net()->train();
        trainLoader->startEpoch(config.seed, epoch, pos.batchInEpoch);
        epochReduceSeconds = 0;
        TrainingStep step(net, *group, config, spec.checkReplicas);
        for (;;) {
            waitWhilePaused();
            // Every rank stops at the same batch: a stop asked of any rank (Ctrl-C, SIGTERM)
            // is agreed on before the batch.
            if (group->any(control->stop.load(), "the stop check")) return stopHere("training");
            std::optional<PairBatch> batch = trainLoader->next();
            if (!batch) break;
            // Torch's thread count is process-wide: a Predictor in the same process (the
            // explorer predicts on one thread) may have changed it since the last batch.
            if (torchThreads() != threads()) setTorchThreads(threads());
            const auto batchStart = Clock::now();
            const auto B = static_cast<std::int64_t>(batch->size);
            const double lr = schedule.at(pos.step);
            const TrainingStep::Result result = step.run(*batch, lr, autocast, pos.step);
            if (!std::isfinite(result.loss))
                return diverged("the training loss became " +
                                    std::string(std::isnan(result.loss) ? "NaN" : "infinite"),
                                epoch, lr);
            epochReduceSeconds += result.reduceSeconds;
            ++pos.step;
            ++pos.batchInEpoch;
            ++pos.epochBatches;
            pos.epochSamples += B;
            pos.epochLossSum += result.loss;
            pos.logLossSum += result.loss;
            ++pos.logBatches;
            const double seconds = secondsSince(batchStart);
            pos.epochTrainSeconds += seconds;
            const double perSample = seconds / (static_cast<double>(B) * rankCount);
            secondsPerSample =
                secondsPerSample == 0 ? perSample : 0.9 * secondsPerSample + 0.1 * perSample;
            if (pos.logBatches >= config.logEveryBatches || pos.batchInEpoch == batches) {
                BatchRecord record{pos.step, epoch,
                                   pos.logLossSum / static_cast<double>(pos.logBatches), lr};
                pos.logLossSum = 0;
                pos.logBatches = 0;
                {
                    std::lock_guard lock(historyMutex);
                    history.batches.push_back(record);
                }
                obs->onBatch(record);
            }
            progress.batch = pos.batchInEpoch;
            progress.samplesPerSecond = 1.0 / secondsPerSample;
            const double remainingTrain = static_cast<double>(batches - pos.batchInEpoch) *
                                              static_cast<double>(config.batchSize) * rankCount +
                                          static_cast<double>(config.epochs - epoch) *
                                              static_cast<double>(trainPairs.size());
            // Validation runs forward only: about a third of a training step per sample.
            const double remainingVal =
                static_cast<double>(config.epochs - epoch + 1) * valPairs.size() / 3.0;
            progress.etaSeconds = (remainingTrain + remainingVal) * secondsPerSample;
            obs->onProgress(progress);
            trainLoader->recycle(std::move(*batch));
        }
        return std::nullopt;
    }

    // A bounded output (the flux form's tanh) can keep the loss finite while weights or
    // BatchNorm statistics overflow: checked once an epoch, before anything is saved.
    std::optional<TrainingOutcome> checkWeights(int epoch) {
        const double lr = schedule.at(std::max(0L, pos.step - 1));
        for (const auto& t : net.net()->named_parameters())
            if (!torch::isfinite(t.value()).all().item<bool>())
                return diverged("the weight " + t.key() + " became non-finite", epoch, lr);
        for (const auto& t : net.net()->named_buffers())
            if (t.value().is_floating_point() && !torch::isfinite(t.value()).all().item<bool>())
                return diverged("the BatchNorm statistic " + t.key() + " became non-finite", epoch,
                                lr);
        return std::nullopt;
    }

    // The epoch's record (its validation filled in), the position at the epoch's end, the
    // checkpoints.
    void finishEpoch(int epoch, Clock::time_point epochStart, EpochRecord& record) {
        const int batches = batchesPerEpoch();
        record.epoch = epoch;
        record.trainLoss =
            pos.epochBatches ? pos.epochLossSum / static_cast<double>(pos.epochBatches) : 0;
        record.samplesPerSecond = pos.epochTrainSeconds > 0
                                      ? static_cast<double>(pos.epochSamples) * ranks() /
                                            pos.epochTrainSeconds
                                      : 0;
        record.seconds = secondsSince(epochStart);
        record.learningRate = schedule.at(std::max(0L, pos.step - 1));
        bool best = false;
        {
            std::lock_guard lock(historyMutex);
            history.epochs.push_back(record);
            best = history.bestEpoch() == epoch;
        }
        pos.epochsDone = epoch;
        pos.batchInEpoch = 0;
        pos.epochBatches = pos.epochSamples = 0;
        pos.epochLossSum = pos.epochTrainSeconds = 0;
        progress.stage = "saving";
        obs->onProgress(progress);
        saveLast();
        if (best) saveBest();
        if (group->distributed() && batches > 0)
            obs->onMessage("epoch " + std::to_string(epoch) + ": the gradients' all-reduce took " +
                           fixed(1000.0 * epochReduceSeconds / batches, 2) + " ms per step (" +
                           fixed(100.0 * epochReduceSeconds / std::max(1e-9, record.seconds), 1) +
                           " % of the epoch)");
        obs->onEpoch(record);
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
    d.checkpoints.setRunDir(dir);
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
        d.checkpoints.setRunDir(d.runDir);
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
    return impl_->net.parameterCount();
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
    d.control = &control;
    d.obs = observer ? observer : &quiet;
    d.message.clear();
    d.prepareRun();
    // BatchNorm over the global batch while this thread trains (no effect in one process).
    SyncBatchNormScope syncBatchNorm(d.group.get());
    if (d.pos.epochsDone > 0 || d.pos.batchInEpoch > 0)
        d.obs->onMessage("continuing at epoch " + std::to_string(d.pos.epochsDone + 1) +
                         ", batch " + std::to_string(d.pos.batchInEpoch + 1));
    while (d.pos.epochsDone < d.config.epochs) {
        const int epoch = d.pos.epochsDone + 1;
        const auto epochStart = Clock::now();
        if (auto stopped = d.trainEpoch(epoch)) return *stopped;
        if (auto ruined = d.checkWeights(epoch)) return *ruined;
        // Validation on the whole validation split, in file order.
        d.progress.stage = "validating";
        d.obs->onProgress(d.progress);
        EpochRecord record;
        const bool distributed = d.group->distributed();
        const bool validated = d.validation->run(
            d.net, *d.valLoader, *d.group, d.config.seed, epoch, d.autocast, d.norm.densityScale,
            [&] {
                d.waitWhilePaused();
                return distributed || !control.stop.load();
            },
            record);
        if (!validated) return d.stopHere("validation");
        d.finishEpoch(epoch, epochStart, record);
    }
    d.progress.stage = "finished";
    d.obs->onProgress(d.progress);
    return TrainingOutcome::Finished;
}

void TorchTrainingSession::exportWeights(const std::string& path) const {
    writeWeightsWithSidecar(impl_->net.net(), impl_->config, impl_->norm, impl_->pos, path);
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
    UNet model(meta.config.inputChannels(), outputChannelsOf(meta.config.anchor),
               meta.config.width);
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
        d.net.build();  // a network with the weights' own inputs
    }
    // Weights without a sidecar are the seed's or the research's: they read no advected map.
    const AdvectionScheme scheme = sidecar ? sidecar->advection : AdvectionScheme::Remap;
    if (scheme != d.config.advection) {
        d.config.advection = scheme;
        if (d.advection)
            d.advection = modelAdvectionOf(*d.dataset, d.advection->remap(),
                                           scheme == AdvectionScheme::Sharp);
    }
    loadStateDict(d.net.net(), dict);
    if (sidecar) d.norm = sidecar->norm;
    writeFileAtomically((d.runDir / "config.json").string(), d.config.toJson());
    d.net.resetOptimizer();
    d.trainLoader.reset();  // the normalisation may have changed
    d.valLoader.reset();
    d.saveLast();
}

}  // namespace driftlab
