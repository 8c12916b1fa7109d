#pragma once
// The settings of one training run: what the training panel's form and `driftlab train`'s
// options set. Stored as config.json in the run folder (and inside every checkpoint), so a run
// can be continued with exactly the settings it started with.
#include <cstdint>
#include <string>

namespace driftlab {

enum class LossKind { Mae, Mse };
const char* lossName(LossKind loss);        // "mae", "mse"
LossKind lossFromName(const std::string&);  // throws std::invalid_argument

struct TrainingConfig {
    std::string dataset;  // path of the dataset file
    int epochs = 10;      // target epoch count ("train N more" raises it)
    int batchSize = 16;
    double learningRate = 2e-3;    // peak, after the warm-up
    double weightDecay = 1e-4;     // AdamW
    double warmupFraction = 0.03;  // share of all steps spent warming up (linear from 0)
    double clipNorm = 1.0;         // gradient-norm clipping; 0 = off
    int width = 8;                 // base width of the UNet (the seed uses 64; docs/training.md)
    LossKind loss = LossKind::Mae;
    bool residual = true;        // predict density(t+1) - density(t), add density(t) back
    int threads = 0;             // Torch intra-op threads; 0 = every core
    int loaderThreads = 2;       // background threads that prefetch batches
    std::uint64_t seed = 1;      // initial weights, shuffling: the same seed gives the same run
    int logEveryBatches = 10;    // a training-loss point every N batches
    int maxTrainPairs = 0;       // 0 = all pairs of the training split (else a seeded subset)
    int maxValidationPairs = 0;  // 0 = all pairs of the validation split

    // Throws std::invalid_argument naming the first bad setting.
    void validate() const;
    std::string toJson() const;
    // Throws std::invalid_argument on malformed JSON or bad values; missing keys keep defaults.
    static TrainingConfig fromJson(const std::string& json);
    int resolvedThreads() const;  // threads, or the core count when 0
};

}  // namespace driftlab
