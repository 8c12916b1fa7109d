// `driftlab train` and `driftlab export-weights`: the training engine (TrainingSession, the one
// the GUI's training panel runs) from the command line, progress on stderr (docs/training.md).
#include <filesystem>
#include <iostream>

#include "ArgParser.h"
#include "CliJob.h"
#include "Commands.h"
#include "ProgressBar.h"
#include "WorkerLauncher.h"
#include "core/Duration.h"
#include "core/InputError.h"
#include "learn/TrainingSession.h"

namespace driftlab::cli {
namespace {

// Prints the run's news: a progress bar per epoch on stderr, a metrics line per epoch on stdout.
// Forwards Ctrl-C (the CLI's stop flag) to the trainer, which saves a checkpoint and returns.
// In a data-parallel run only rank 0 speaks; the other ranks print their errors.
class ConsoleObserver : public TrainingObserver {
public:
    ConsoleObserver(TrainingControl& control, bool quiet) : control_(control), quiet_(quiet) {}

    void onProgress(const TrainingProgress& p) override {
        if (stopFlag()->load()) control_.stop = true;
        if (quiet_) return;
        if (p.stage != "training" && p.stage != "validating") return;
        if (!bar_ || p.epoch != barEpoch_) {
            bar_ = std::make_unique<ProgressBar>("epoch " + std::to_string(p.epoch) + "/" +
                                                 std::to_string(p.epochs));
            barEpoch_ = p.epoch;
        }
        const double f = p.batchesPerEpoch ? static_cast<double>(p.batch) / p.batchesPerEpoch : 0.0;
        bar_->update(f, p.stage == "validating"
                            ? std::string("validating")
                            : "batch " + std::to_string(p.batch) + "/" +
                                  std::to_string(p.batchesPerEpoch) + ", " +
                                  formatFixed(p.samplesPerSecond, 1) + " samples/s, run ETA " +
                                  clockDuration(p.etaSeconds));
    }
    void onEpoch(const EpochRecord& e) override {
        if (quiet_) return;
        if (bar_) bar_->finish("done");
        bar_.reset();
        std::cout << "epoch " << e.epoch << ": train loss " << e.trainLoss << ", val loss "
                  << e.valLoss << " (persistence " << e.persistenceValLoss << ", advection "
                  << e.advectionValLoss << ")"
                  << ", val MAE " << e.valMae << " (persistence " << e.persistenceValMae
                  << ", advection " << e.advectionValMae << "), MSE " << e.valMse << ", IoU50 "
                  << formatFixed(e.iou50, 3) << " (persistence "
                  << formatFixed(e.persistenceIou50, 3) << ", advection "
                  << formatFixed(e.advectionIou50, 3) << "), IoU90 " << formatFixed(e.iou90, 3)
                  << ", mass error " << e.massError << ", centre " << formatFixed(e.centreKm, 2)
                  << " km (persistence " << formatFixed(e.persistenceCentreKm, 2) << ", advection "
                  << formatFixed(e.advectionCentreKm, 2) << "), spread ratio "
                  << formatFixed(e.spreadRatio, 3) << " (advection "
                  << formatFixed(e.advectionSpreadRatio, 3) << "), transport "
                  << formatFixed(e.transportKm, 2) << " km (advection "
                  << formatFixed(e.advectionTransportKm, 2) << "), far mass "
                  << formatFixed(100 * e.farMass, 2) << " %, " << formatFixed(e.samplesPerSecond, 1)
                  << " samples/s, " << formatFixed(e.seconds, 1) << " s\n"
                  << std::flush;
    }
    void onMessage(const std::string& m) override {
        if (quiet_) return;
        if (bar_) bar_->finish("");
        bar_.reset();
        std::cerr << "driftlab train: " << m << "\n";
    }

private:
    TrainingControl& control_;
    bool quiet_ = false;
    std::unique_ptr<ProgressBar> bar_;
    int barEpoch_ = 0;
};

}  // namespace

int runTrain(const std::vector<std::string>& args) {
    TrainingConfig config;
    std::string out, resume;
    int epochs = 0;
    int worldSize = 1;
    bool machineGiven = false;
    bool orResume = false;  // --threads / --device / --amp, which a resume takes too
    ProcessGroupSpec group;
    std::string who = "train";  // "train (rank 1)" on the other ranks
    const int parsed = CliJob("train").parse([&] {
        const ArgParser p(
            args,
            {"out",        "epochs",         "batch",  "lr",        "width",         "loss",
             "threads",    "seed",           "resume", "max-pairs", "max-val-pairs", "weight-decay",
             "clip",       "loader-threads", "recipe", "inputs",    "anchor",        "warmup",
             "world-size", "peer-timeout",   "device", "advection"},
            {"residual", "no-residual", "check-replicas", "amp", "or-resume"});
        resume = p.text("resume", "");
        if (p.positional().size() > 1) throw UsageError("train takes one dataset file");
        if (p.positional().empty() && resume.empty())
            throw UsageError("train needs a dataset file (or --resume)");
        if (!p.positional().empty()) config.dataset = p.positional()[0];
        out = p.text("out", "");
        if (resume.empty() && out.empty())
            throw UsageError("train needs --out RUN_DIR for a new run");
        // Launchers that restart a failed job run the same command again (torchrun's restarts,
        // a PyTorchJob's OnFailure, Slurm's --requeue): --or-resume continues the run it began.
        orResume = p.has("or-resume");
        if (orResume && !resume.empty())
            throw UsageError("--or-resume goes with --out, not --resume");
        if (!resume.empty() &&
            (p.has("out") || p.has("batch") || p.has("width") || p.has("lr") || p.has("loss") ||
             p.has("recipe") || p.has("inputs") || p.has("anchor") || p.has("advection")))
            throw UsageError(
                "--resume continues a run with its own settings: only --epochs and this "
                "machine's --threads, --device, --amp, --world-size apply");
        epochs = static_cast<int>(p.integer("epochs", config.epochs, 1, 100000));
        config.epochs = epochs;
        config.batchSize = static_cast<int>(p.integer("batch", config.batchSize, 1, 4096));
        config.learningRate = p.number("lr", config.learningRate, 1e-9, 9.99);
        config.weightDecay = p.number("weight-decay", config.weightDecay, 0.0, 0.99);
        config.clipNorm = p.number("clip", config.clipNorm, 0.0, 1e9);
        config.width = static_cast<int>(p.integer("width", config.width, 1, 256));
        // A recipe sets inputs, anchor, loss and advection together; --inputs / --anchor /
        // --loss / --advection change one.
        config.applyRecipe(p.text("recipe", "hybrid"));
        config.loss = lossFromName(p.text("loss", lossName(config.loss)));
        config.warmupFraction = p.number("warmup", config.warmupFraction, 0.0, 0.99);
        if (p.has("inputs")) config.inputs = channelsFromText(p.text("inputs", ""));
        if (p.has("anchor")) config.anchor = anchorFromName(p.text("anchor", ""));
        if (p.has("advection"))
            config.advection = advectionSchemeFromName(p.text("advection", ""));
        if (p.has("residual") && p.has("no-residual"))
            throw UsageError("--residual or --no-residual, not both");
        if ((p.has("residual") || p.has("no-residual")) && p.has("anchor"))
            throw UsageError("--anchor or --residual / --no-residual, not both");
        // The older spelling: --residual is the persistence anchor, --no-residual none.
        if (p.has("residual")) config.anchor = Anchor::Persistence;
        if (p.has("no-residual")) config.anchor = Anchor::None;
        config.threads = static_cast<int>(p.integer("threads", 0, 0, 1024));
        config.loaderThreads =
            static_cast<int>(p.integer("loader-threads", config.loaderThreads, 1, 64));
        config.seed = static_cast<std::uint64_t>(p.integer("seed", 1, 0, 1LL << 62));
        config.maxTrainPairs = static_cast<int>(p.integer("max-pairs", 0, 0, 1 << 30));
        config.maxValidationPairs = static_cast<int>(p.integer("max-val-pairs", 0, 0, 1 << 30));
        config.device = deviceFromName(p.text("device", "auto"));
        config.mixedPrecision = p.has("amp");
        machineGiven = p.has("threads") || p.has("device") || p.has("amp");
        if (resume.empty()) config.validate();
        if (!resume.empty() && !p.has("epochs")) epochs = 0;
        if (orResume && !p.has("epochs")) epochs = 0;  // an existing run keeps its target
        // Data-parallel training (docs/scaling.md): --world-size starts the ranks here; a
        // launcher (torchrun, srun, a PyTorchJob) says in the environment which one we are.
        worldSize = static_cast<int>(p.integer("world-size", 1, 1, 1024));
        const auto launched = processGroupFromEnvironment();
        if (launched && p.has("world-size") && launched->worldSize != worldSize)
            throw UsageError("--world-size " + std::to_string(worldSize) +
                             " but the launcher started " + std::to_string(launched->worldSize) +
                             " ranks (" + launched->launcher + "): leave --world-size out");
        if (launched) {
            group = *launched;
            worldSize = 1;  // this process is one rank: start nothing
        }
        if (p.has("peer-timeout"))
            group.timeoutSeconds = p.number("peer-timeout", group.timeoutSeconds, 1, 86400);
        group.checkReplicas = p.has("check-replicas");
        if (group.rank > 0) who += " (rank " + std::to_string(group.rank) + ")";
    });
    if (parsed != kOk) return parsed;
    const CliJob job(who);
    if (orResume && TrainingSession::isRunFolder(out)) {
        // The run this command began: its own settings stand (as with --resume).
        const int same = job.run([&] {
            const TrainingConfig existing = TrainingSession::readConfig(out);
            if (std::filesystem::absolute(config.dataset).lexically_normal() !=
                std::filesystem::path(existing.dataset).lexically_normal())
                throw InputError(out + " holds a run on " + existing.dataset + ", not on " +
                                 config.dataset);
            return kOk;
        });
        if (same != kOk) return same;
        resume = out;
    }
    if (worldSize > 1) {
        std::vector<std::string> rankArgs{"train"};
        for (std::size_t i = 0; i < args.size(); ++i) {
            if (args[i] == "--world-size") {
                ++i;  // and its value
                continue;
            }
            if (args[i].rfind("--world-size=", 0) == 0) continue;
            rankArgs.push_back(args[i]);
        }
        return launchLocalWorkers(worldSize, rankArgs);
    }
    return job.run([&] {
        installStopHandlers();  // the trainer saves a checkpoint and stops (TrainingOutcome)
        TrainingSession session = resume.empty() ? TrainingSession::create(config, out, group)
                                                 : TrainingSession::resume(resume, group);
        if (!resume.empty() && machineGiven)
            session.useMachine(config.threads, config.device, config.mixedPrecision);
        if (epochs > session.config().epochs)
            session.extendEpochs(epochs - session.config().epochs);
        if (group.rank == 0) {
            std::cout << (resume.empty() ? "training" : "continuing") << " a UNet of width "
                      << session.config().width << ", recipe " << session.config().recipeName()
                      << " (inputs " << channelsText(session.config().inputs) << "; anchor "
                      << anchorName(session.config().anchor)
                      << (session.config().usesAdvected()
                              ? std::string("; advection ") +
                                    advectionSchemeName(session.config().advection)
                              : std::string())
                      << "; " << session.parameterCount()
                      << " parameters) on " << session.trainPairCount()
                      << " training pairs, validating on " << session.validationPairCount()
                      << "; run folder " << session.runDir() << "\n"
                      << std::flush;
        }
        TrainingControl control;
        ConsoleObserver observer(control, group.rank > 0);
        switch (session.run(control, &observer)) {
            case TrainingOutcome::Finished: {
                if (group.rank > 0) return kOk;
                const auto best = session.history().bestEpoch();
                std::cout << "finished " << session.epochsDone() << " epochs";
                if (best)
                    std::cout << "; best epoch " << *best << " (" << session.runDir()
                              << "/best.pt)";
                std::cout << "\n";
                return kOk;
            }
            case TrainingOutcome::Stopped:
                return kCancelled;
            case TrainingOutcome::Diverged:
                return kFailure;
        }
        return kFailure;
    });
}

int runExportWeights(const std::vector<std::string>& args) {
    const CliJob job("export-weights");
    std::string source, output, importFile, dataset;
    const int parsed = job.parse([&] {
        const ArgParser p(args, {"output", "import", "dataset"}, {});
        output = p.text("output", "");
        importFile = p.text("import", "");
        if (output.empty()) throw UsageError("export-weights needs -o OUT");
        if (importFile.empty()) {
            if (p.positional().size() != 1)
                throw UsageError("export-weights needs one run folder or checkpoint");
            source = p.positional()[0];
        } else {
            dataset = p.text("dataset", "");
            if (dataset.empty() || !p.positional().empty())
                throw UsageError(
                    "--import WEIGHTS.pt needs --dataset DATASET.h5 and -o RUN_DIR, nothing else");
        }
    });
    if (parsed != kOk) return parsed;
    return job.run([&] {
        if (importFile.empty()) {
            const std::string from = TrainingSession::exportWeightsOf(source, output);
            std::cout << "wrote " << output << " (PyTorch state dict of the seed's UNet, from "
                      << from << ") and " << output
                      << ".json (width, inputs, anchor, input normalisation)\n";
            return kOk;
        }
        TrainingConfig config;
        config.dataset = dataset;
        config.width = TrainingSession::weightsWidth(importFile);
        TrainingSession session = TrainingSession::create(config, output);
        session.importWeights(importFile);
        std::cout << "imported " << importFile << " (width " << config.width
                  << ") into the new run " << session.runDir()
                  << "; continue it with: driftlab train --resume " << session.runDir() << "\n";
        return kOk;
    });
}

}  // namespace driftlab::cli
