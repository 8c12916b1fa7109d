#pragma once
// One training run of the seed's UNet on a dataset, with its run folder:
//   RUN/config.json    the settings (TrainingConfig)
//   RUN/history.csv    one row per epoch (validation metrics)
//   RUN/batches.csv    training loss every few batches
//   RUN/last.pt        model + optimizer + schedule position + history, after every epoch and
//                      on stop (written to a temporary name, then renamed)
//   RUN/best.pt        the checkpoint of the epoch with the lowest validation loss
// The same engine serves the GUI (in a worker thread) and `driftlab train`. No Torch in this
// header: the widgets and the app include it. The training itself runs in the learning module,
// which create() and resume() load on first use (LearningBackend.h).
#include <atomic>
#include <memory>
#include <string>

#include "learn/TrainingConfig.h"
#include "learn/TrainingHistory.h"
#include "learn/distributed/ProcessGroupSpec.h"

namespace driftlab {

class TrainingSessionBackend;

// Set from any thread (the GUI's buttons, a signal handler); the trainer looks at them between
// batches (a batch takes well under a second at the default settings).
struct TrainingControl {
    std::atomic<bool> stop{false};   // save a checkpoint and return
    std::atomic<bool> pause{false};  // wait (without using the CPU) until cleared or stopped
};

struct TrainingProgress {
    int epoch = 0;   // 1-based epoch being trained
    int epochs = 0;  // target
    int batch = 0;   // batches done in this epoch
    int batchesPerEpoch = 0;
    double samplesPerSecond = 0;  // over the last few batches
    double etaSeconds = 0;        // to the end of the target epoch
    std::string stage;            // "loading", "training", "validating", "saving", "paused"
};

// Receives the run's news on the trainer's thread: keep the callbacks short (copy, signal).
class TrainingObserver {
public:
    virtual ~TrainingObserver() = default;
    virtual void onProgress(const TrainingProgress&) {}
    virtual void onBatch(const BatchRecord&) {}
    virtual void onEpoch(const EpochRecord&) {}
    virtual void onMessage(const std::string&) {}
};

enum class TrainingOutcome {
    Finished,  // reached the target epoch count
    Stopped,   // the stop flag was set; a checkpoint holds the exact position
    Diverged,  // NaN or Inf in the loss; the last good checkpoint is kept, message() says where
};

class TrainingSession {
public:
    // A new run in `runDir` (created; refused with std::runtime_error if it already holds a
    // run). Opens the dataset and computes the input normalisation from the training split.
    // With a `group` of several processes (ProcessGroupSpec.h), every process of the group calls
    // create() (or resume()) with the same arguments: they train one model together, data-
    // parallel, and only rank 0 writes the run folder (docs/scaling.md).
    static TrainingSession create(const TrainingConfig& config, const std::string& runDir,
                                  const ProcessGroupSpec& group = {});
    // Continues a run: from a run folder (its last.pt, or from the start if it has none yet) or
    // from a checkpoint file (last.pt or best.pt; the run folder is the file's folder).
    static TrainingSession resume(const std::string& runDirOrCheckpoint,
                                  const ProcessGroupSpec& group = {});
    // True if `path` is a folder holding a run's config.json.
    static bool isRunFolder(const std::string& path);
    // Reads a run folder's config and history without loading the model (for plots).
    static TrainingHistory readHistory(const std::string& runDir);
    // A run folder's config.json. Throws std::runtime_error / std::invalid_argument naming it.
    static TrainingConfig readConfig(const std::string& runDir);

    ~TrainingSession();
    TrainingSession(TrainingSession&&) noexcept;
    TrainingSession& operator=(TrainingSession&&) noexcept;

    const std::string& runDir() const;
    const TrainingConfig& config() const;
    TrainingHistory history() const;
    int epochsDone() const;  // complete epochs
    long stepsDone() const;  // optimizer steps
    long parameterCount() const;
    int trainPairCount() const;
    int validationPairCount() const;
    // Raise the target epoch count by `more` (the "train N more epochs" button). The cosine
    // schedule is stretched over the new total from the current step on.
    void extendEpochs(int more);
    // This machine's settings for the rest of the run (a resume on another machine): Torch
    // threads (0 = every core), device and mixed precision. Throws std::invalid_argument if the
    // device is not there (--device cuda without CUDA) or the combination is invalid.
    void useMachine(int threads, DeviceChoice device, bool mixedPrecision);

    // Trains until the target epoch count, a stop request or divergence. Blocks; call it from a
    // worker thread. Throws std::runtime_error (DatasetError) on unreadable data or an
    // unwritable run folder, after saving what can be saved.
    TrainingOutcome run(TrainingControl& control, TrainingObserver* observer = nullptr);
    // Why the last run() returned (empty when it finished normally).
    const std::string& message() const;

    // Writes the weights as a PyTorch state dict (plain dict of tensors: torch.load +
    // load_state_dict(strict=True) on the seed's UNet accept it) and a JSON sidecar with the
    // width, residual flag and normalisation (PATH.json).
    void exportWeights(const std::string& path) const;
    // The same from a run folder (its best.pt, else last.pt) or a checkpoint file, without
    // opening the dataset. Returns the checkpoint it read.
    static std::string exportWeightsOf(const std::string& runDirOrCheckpoint,
                                       const std::string& path);
    // Replaces the model's weights with a PyTorch state dict of the seed's UNet (a plain dict or
    // the OrderedDict of torch.save(model.state_dict())) of this run's width. If PATH.json (as
    // exportWeights writes it) is there, its normalisation and residual flag are taken too.
    // The optimizer starts afresh. Throws std::runtime_error / std::invalid_argument naming the
    // file and the first mismatch.
    void importWeights(const std::string& path);
    // The width of the UNet a weights file belongs to.
    static int weightsWidth(const std::string& path);

private:
    explicit TrainingSession(std::unique_ptr<TrainingSessionBackend> backend);
    std::unique_ptr<TrainingSessionBackend> backend_;
};

}  // namespace driftlab
