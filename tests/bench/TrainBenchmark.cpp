// C++ side of the training benchmarks (tests/bench/train_benchmark.sh runs it alternately with
// the PyTorch peer, peer_train.py, and prints the table in docs/performance.md). Each mode
// prints one line of JSON with the same keys as the peer.
//   step  --width W --batch B --height H --width-px X --threads T --steps N --warmup K
//         N timed steps of the engine's step on fixed random tensors: forward, MAE over an
//         ocean mask, backward, clip_grad_norm_(1.0), AdamW (the engine's allocator settings).
//   epoch DATASET --width W --batch B --threads T --max-pairs N
//         one epoch of TrainingSession (the GUI's and `driftlab train`'s engine), loading
//         included; validation cut to one batch so the figure is the training epoch.
//   loader DATASET --batch B --loader-threads L --max-pairs N
//         one epoch of the PairLoader alone: how fast batches can be made.
//   predict DATASET --width W --threads T --steps N
//         N single-sample predictions (Predictor::predict, what the explorer calls for the
//         sample shown) of a fresh width-W run's model, after 3 warm-up calls.
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "data/DriftDataset.h"
#include "jobs/JobControl.h"
#include "learn/PairLoader.h"
#include "learn/Predictor.h"
#include "learn/TorchRuntime.h"
#include "learn/TrainingSession.h"
#include "learn/UNet.h"

using namespace driftlab;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    std::string mode, dataset;
    std::map<std::string, double> values{
        {"width", 8},  {"batch", 16}, {"height", 64},   {"width-px", 128}, {"threads", 2},
        {"steps", 20}, {"warmup", 3}, {"max-pairs", 0}, {"seed", 1},       {"loader-threads", 2}};
    int get(const std::string& k) const { return static_cast<int>(values.at(k)); }
};

Options parse(int argc, char** argv) {
    Options o;
    if (argc < 2)
        throw std::invalid_argument(
            "usage: driftlab_bench_train step|epoch|loader [DATASET] [--key value]...");
    o.mode = argv[1];
    for (int i = 2; i < argc; ++i) {
        std::string a = argv[i];
        if (a.rfind("--", 0) == 0) {
            const std::string key = a.substr(2);
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
    c.epochs = 1;
    c.width = o.get("width");
    c.batchSize = o.get("batch");
    c.threads = o.get("threads");
    c.loaderThreads = o.get("loader-threads");
    c.seed = static_cast<std::uint64_t>(o.get("seed"));
    c.maxTrainPairs = o.get("max-pairs");
    c.maxValidationPairs = c.batchSize;  // one batch: the figure is the training epoch
    auto session = TrainingSession::create(c, dir.string());
    TrainingControl control;
    session.run(control);
    const EpochRecord e = session.history().epochs.at(0);
    std::filesystem::remove_all(dir);
    std::cout << "{\"mode\": \"epoch\", \"seconds\": " << e.seconds
              << ", \"pairs\": " << session.trainPairCount()
              << ", \"samples_per_s\": " << session.trainPairCount() / e.seconds
              << ", \"compute_samples_per_s\": " << e.samplesPerSecond
              << ", \"mean_loss\": " << e.trainLoss << ", \"width\": " << c.width
              << ", \"batch\": " << c.batchSize << "}\n";
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
    std::vector<float> d, u, v;
    ds.readDensity(0, 1, d);
    ds.readCurrents(ds.releases()[0].spec.day + 1, u, v);
    for (int k = 0; k < 3; ++k) p.predict(d, u, v, ds.mask().values(), ds.grid().ny, ds.grid().nx);
    std::vector<double> times;
    for (int k = 0; k < o.get("steps"); ++k) {
        const auto t = Clock::now();
        p.predict(d, u, v, ds.mask().values(), ds.grid().ny, ds.grid().nx);
        times.push_back(seconds(t));
    }
    std::sort(times.begin(), times.end());
    std::filesystem::remove_all(dir);
    std::cout << "{\"mode\": \"predict\", \"median_ms\": " << 1000 * times[times.size() / 2]
              << ", \"max_ms\": " << 1000 * times.back() << ", \"width\": " << c.width << "}\n";
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
        throw std::invalid_argument("unknown mode " + o.mode);
    } catch (const std::exception& e) {
        std::cerr << "driftlab_bench_train: " << e.what() << "\n";
        return 1;
    }
}
