// C++ side of the training benchmarks (tests/bench/train_benchmark.sh runs it alternately with
// the PyTorch peer, peer_train.py, and prints the table in docs/performance.md). Each mode
// prints one line of JSON with the same keys as the peer.
//   step  --width W --batch B --height H --width-px X --threads T --steps N --warmup K
//         N timed steps of the engine's step on fixed random tensors: forward, MAE over an
//         ocean mask, backward, clip_grad_norm_(1.0), AdamW (the engine's allocator settings).
//   epoch DATASET --width W --batch B --threads T --max-pairs N [--recipe NAME] [--epochs E]
//         one epoch of TrainingSession (the GUI's and `driftlab train`'s engine), loading
//         included; validation cut to one batch so the figure is the training epoch. The
//         recipe (default: the default, hybrid) sets the inputs, anchor and loss; `seed` is
//         the PyTorch peer's work (3 channels, residual on persistence, MAE). With E > 1,
//         last_epoch_samples_per_s is the last epoch's (the advection baseline's per-day
//         transfers, built in the first epoch, are cached for the run).
//   loader DATASET --batch B --loader-threads L --max-pairs N
//         one epoch of the PairLoader alone: how fast batches can be made.
//   predict DATASET --width W --threads T --steps N
//         N single-sample predictions (Predictor::predict, what the explorer calls for the
//         sample shown) of a fresh width-W run's model, after 3 warm-up calls.
//   release DATASET --width W --threads T --steps N [--model RUN]
//         click-to-release latency: N releases at random ocean points and days (after 2
//         warm-up clicks), each simulated with the dataset's settings and rolled out by the
//         model (RUN, or a fresh width-W run: the cost does not depend on the weights).
//         Prints the median and p95 of: simulation, the model's first day, first day ready
//         (the two), the whole rollout; and the one-off reading of the currents.
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "data/DriftDataset.h"
#include "jobs/CustomRelease.h"
#include "jobs/DatasetSimulation.h"
#include "core/JobControl.h"
#include "learn/PairLoader.h"
#include "learn/Predictor.h"
#include "learn/TorchRuntime.h"
#include "learn/TrainingSession.h"
#include "learn/UNet.h"

using namespace driftlab;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    std::string mode, dataset, model, recipe;
    std::map<std::string, double> values{
        {"width", 8},  {"batch", 16}, {"height", 64},   {"width-px", 128}, {"threads", 2},
        {"steps", 20}, {"warmup", 3}, {"max-pairs", 0}, {"seed", 1},       {"loader-threads", 2},
        {"epochs", 1}};
    int get(const std::string& k) const { return static_cast<int>(values.at(k)); }
};

Options parse(int argc, char** argv) {
    Options o;
    if (argc < 2)
        throw std::invalid_argument(
            "usage: driftlab_bench_train step|epoch|loader|predict|release [DATASET] [--key "
            "value]...");
    o.mode = argv[1];
    for (int i = 2; i < argc; ++i) {
        std::string a = argv[i];
        if (a.rfind("--", 0) == 0) {
            const std::string key = a.substr(2);
            if (key == "model" && i + 1 < argc) {
                o.model = argv[++i];
                continue;
            }
            if (key == "recipe" && i + 1 < argc) {
                o.recipe = argv[++i];
                continue;
            }
            if (!o.values.count(key) || i + 1 >= argc)
                throw std::invalid_argument("bad option " + a);
            o.values[key] = std::stod(argv[++i]);
        } else {
            o.dataset = a;
        }
    }
    return o;
}

double seconds(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

int runStep(const Options& o) {
    setTorchThreads(o.get("threads"));
    tuneAllocatorForTraining();
    torch::manual_seed(o.get("seed"));
    UNet model(3, 1, o.get("width"));
    model->train();
    torch::optim::AdamW optimizer(model->parameters(), torch::optim::AdamWOptions(1e-3));
    const auto x = torch::randn({o.get("batch"), 3, o.get("height"), o.get("width-px")});
    const auto y = torch::randn({o.get("batch"), 1, o.get("height"), o.get("width-px")});
    const auto mask =
        (torch::rand({1, 1, o.get("height"), o.get("width-px")}) > 0.45).to(torch::kFloat32);
    const double oceanCells = mask.sum().item<double>();
    auto step = [&] {
        optimizer.zero_grad();
        const auto loss =
            ((model->forward(x) - y).abs() * mask).sum() / (oceanCells * o.get("batch"));
        loss.backward();
        torch::nn::utils::clip_grad_norm_(model->parameters(), 1.0);
        optimizer.step();
        return loss.item<double>();
    };
    for (int k = 0; k < o.get("warmup"); ++k) step();
    std::vector<double> times;
    for (int k = 0; k < o.get("steps"); ++k) {
        const auto t = Clock::now();
        step();
        times.push_back(seconds(t));
    }
    std::vector<double> sorted = times;
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted[sorted.size() / 2];
    double mean = 0;
    for (double t : times) mean += t / static_cast<double>(times.size());
    std::cout << "{\"mode\": \"step\", \"median_s\": " << median << ", \"mean_s\": " << mean
              << ", \"samples_per_s\": " << o.get("batch") / median
              << ", \"width\": " << o.get("width") << ", \"batch\": " << o.get("batch")
              << ", \"threads\": " << torchThreads() << "}\n";
    return 0;
}

int runEpoch(const Options& o) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("driftlab_bench_train_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    TrainingConfig c;
    c.dataset = o.dataset;
    c.epochs = o.get("epochs");
    c.width = o.get("width");
    c.batchSize = o.get("batch");
    c.threads = o.get("threads");
    c.loaderThreads = o.get("loader-threads");
    c.seed = static_cast<std::uint64_t>(o.get("seed"));
    c.maxTrainPairs = o.get("max-pairs");
    c.maxValidationPairs = c.batchSize;  // one batch: the figure is the training epoch
    if (!o.recipe.empty()) c.applyRecipe(o.recipe);
    auto session = TrainingSession::create(c, dir.string());
    TrainingControl control;
    session.run(control);
    const EpochRecord e = session.history().epochs.at(0);
    const EpochRecord last = session.history().epochs.back();
    std::filesystem::remove_all(dir);
    std::cout << "{\"mode\": \"epoch\", \"seconds\": " << e.seconds
              << ", \"pairs\": " << session.trainPairCount()
              << ", \"samples_per_s\": " << session.trainPairCount() / e.seconds
              << ", \"compute_samples_per_s\": " << e.samplesPerSecond
              << ", \"last_epoch_samples_per_s\": " << session.trainPairCount() / last.seconds
              << ", \"mean_loss\": " << e.trainLoss << ", \"width\": " << c.width
              << ", \"batch\": " << c.batchSize << ", \"recipe\": \"" << c.recipeName() << "\"}\n";
    return 0;
}

int runLoader(const Options& o) {
    const auto ds = DriftDataset::open(o.dataset);
    const auto pairs = PairLoader::pairsOf(ds, Split::Train, o.get("max-pairs"),
                                           static_cast<std::uint64_t>(o.get("seed")));
    const InputNormalisation norm = PairLoader::computeNormalisation(ds, pairs, JobControl());
    PairLoader loader(ds, pairs, norm, o.get("batch"), o.get("loader-threads"));
    const auto t = Clock::now();
    loader.startEpoch(1, 1);
    std::size_t seen = 0;
    while (auto b = loader.next()) {
        seen += static_cast<std::size_t>(b->size);
        loader.recycle(std::move(*b));
    }
    const double s = seconds(t);
    std::cout << "{\"mode\": \"loader\", \"seconds\": " << s << ", \"pairs\": " << seen
              << ", \"samples_per_s\": " << static_cast<double>(seen) / s
              << ", \"loader_threads\": " << o.get("loader-threads") << "}\n";
    return 0;
}

int runPredict(const Options& o) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("driftlab_bench_predict_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    TrainingConfig c;
    c.dataset = o.dataset;
    c.epochs = 1;
    c.width = o.get("width");
    c.maxTrainPairs = 16;
    c.maxValidationPairs = 16;
    {
        auto session = TrainingSession::create(c, dir.string());
        TrainingControl control;
        session.run(control);
    }
    const auto ds = DriftDataset::open(o.dataset);
    Predictor p = Predictor::load(dir.string());
    p.setThreads(o.get("threads"));
    std::vector<float> d;
    ds.readDensity(0, 1, d);
    const int day = ds.releases()[0].spec.day + 1;
    for (int k = 0; k < 3; ++k) p.predict(ds, d, day);
    std::vector<double> times;
    for (int k = 0; k < o.get("steps"); ++k) {
        const auto t = Clock::now();
        p.predict(ds, d, day);
        times.push_back(seconds(t));
    }
    std::sort(times.begin(), times.end());
    std::filesystem::remove_all(dir);
    std::cout << "{\"mode\": \"predict\", \"median_ms\": " << 1000 * times[times.size() / 2]
              << ", \"max_ms\": " << 1000 * times.back() << ", \"width\": " << c.width << "}\n";
    return 0;
}

// A width-W model trained on 16 pairs (its speed is that of any width-W model).
std::string freshRun(const Options& o, const std::string& tag) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("driftlab_bench_" + tag + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    TrainingConfig c;
    c.dataset = o.dataset;
    c.epochs = 1;
    c.width = o.get("width");
    c.maxTrainPairs = 16;
    c.maxValidationPairs = 16;
    auto session = TrainingSession::create(c, dir.string());
    TrainingControl control;
    session.run(control);
    return dir.string();
}

struct Quantiles {
    double median = 0, p95 = 0;
};
Quantiles quantiles(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const auto at = [&](double q) {
        return v[std::min(v.size() - 1,
                          static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5))];
    };
    return {at(0.5), at(0.95)};
}

int runRelease(const Options& o) {
    const std::string run = o.model.empty() ? freshRun(o, "release") : o.model;
    const auto ds = DriftDataset::open(o.dataset);
    Predictor p = Predictor::load(run, &ds);
    p.setThreads(o.get("threads"));
    const DatasetSimulation sim = datasetSimulation(ds);
    auto t = Clock::now();
    const CurrentFields fields = ds.readAllCurrents();  // once: the explorer keeps them
    const double readMs = 1000 * seconds(t);

    std::mt19937_64 rng(static_cast<std::uint64_t>(o.get("seed")));
    const Grid& g = ds.grid();
    std::vector<std::size_t> ocean;
    for (std::size_t c = 0; c < g.cellCount(); ++c)
        if (ds.mask().values()[c]) ocean.push_back(c);
    const int lastDay = latestReleaseDay(ds);
    std::vector<double> simMs, firstModelMs, firstReadyMs, rolloutMs;
    int placed = 0;
    const int warmup = 2, clicks = o.get("steps");
    for (int k = 0; k < warmup + clicks; ++k) {
        const std::size_t c = ocean[rng() % ocean.size()];
        ReleaseSpec spec;
        spec.lon = g.lon(static_cast<int>(c % static_cast<std::size_t>(g.nx)));
        spec.lat = g.lat(static_cast<int>(c / static_cast<std::size_t>(g.nx)));
        spec.day = static_cast<int>(rng() % static_cast<std::uint64_t>(lastDay + 1));
        spec.radiusKm = sim.radiusKm;
        spec.particles = sim.particles;
        t = Clock::now();
        const ReleaseResult r =
            simulateCustomRelease(fields, sim, spec, kCustomReleaseStream, false);
        const double s = 1000 * seconds(t);
        double first = 0;
        t = Clock::now();
        p.rolloutFrom(r.maps[0], ds, spec.day, ds.outputDays(), JobControl(),
                      [&](int d, const std::vector<float>&) {
                          if (d == 1) first = 1000 * seconds(t);
                      });
        const double whole = 1000 * seconds(t);
        if (k < warmup) continue;
        placed += r.placed;
        simMs.push_back(s);
        firstModelMs.push_back(first);
        firstReadyMs.push_back(s + first);
        rolloutMs.push_back(whole);
    }
    if (o.model.empty()) std::filesystem::remove_all(run);
    const auto show = [](const char* key, const std::vector<double>& v) {
        const Quantiles q = quantiles(v);
        std::cout << ", \"" << key << "_median_ms\": " << q.median << ", \"" << key
                  << "_p95_ms\": " << q.p95;
    };
    std::cout << "{\"mode\": \"release\", \"clicks\": " << clicks
              << ", \"particles\": " << sim.particles
              << ", \"mean_placed\": " << placed / std::max(clicks, 1)
              << ", \"days\": " << ds.outputDays() << ", \"width\": " << p.width()
              << ", \"threads\": " << o.get("threads") << ", \"read_currents_ms\": " << readMs;
    show("simulation", simMs);
    show("first_model_day", firstModelMs);
    show("first_day_ready", firstReadyMs);
    show("rollout", rolloutMs);
    std::cout << "}\n";
    return 0;
}
}  // namespace

int main(int argc, char** argv) {
    try {
        const Options o = parse(argc, argv);
        if (o.mode == "step") return runStep(o);
        if (o.mode == "epoch") return runEpoch(o);
        if (o.mode == "loader") return runLoader(o);
        if (o.mode == "predict") return runPredict(o);
        if (o.mode == "release") return runRelease(o);
        throw std::invalid_argument("unknown mode " + o.mode);
    } catch (const std::exception& e) {
        std::cerr << "driftlab_bench_train: " << e.what() << "\n";
        return 1;
    }
}
