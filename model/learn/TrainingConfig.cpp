#include "learn/TrainingConfig.h"

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

namespace driftlab {

const char* lossName(LossKind loss) {
    return loss == LossKind::Mse ? "mse" : "mae";
}

LossKind lossFromName(const std::string& name) {
    if (name == "mae") return LossKind::Mae;
    if (name == "mse") return LossKind::Mse;
    throw std::invalid_argument("unknown loss '" + name + "' (use mae or mse)");
}

void TrainingConfig::validate() const {
    auto require = [](bool ok, const std::string& what) {
        if (!ok) throw std::invalid_argument(what);
    };
    require(!dataset.empty(), "no dataset given");
    require(epochs >= 1 && epochs <= 100000, "epochs must be between 1 and 100000");
    require(batchSize >= 1 && batchSize <= 4096, "batch size must be between 1 and 4096");
    require(learningRate > 0 && learningRate < 10, "learning rate must be > 0 and < 10");
    require(weightDecay >= 0 && weightDecay < 1, "weight decay must be in [0, 1)");
    require(warmupFraction >= 0 && warmupFraction < 1, "warm-up fraction must be in [0, 1)");
    require(clipNorm >= 0, "gradient clipping norm must be >= 0 (0 = off)");
    require(width >= 1 && width <= 256, "width must be between 1 and 256");
    require(threads >= 0 && threads <= 1024, "threads must be between 0 (all cores) and 1024");
    require(loaderThreads >= 1 && loaderThreads <= 64, "loader threads must be between 1 and 64");
    require(logEveryBatches >= 1, "log interval must be at least 1 batch");
    require(maxTrainPairs >= 0 && maxValidationPairs >= 0, "pair limits must be >= 0 (0 = all)");
}

int TrainingConfig::resolvedThreads() const {
    if (threads > 0) return threads;
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

std::string TrainingConfig::toJson() const {
    nlohmann::ordered_json j;
    j["dataset"] = dataset;
    j["epochs"] = epochs;
    j["batch_size"] = batchSize;
    j["learning_rate"] = learningRate;
    j["weight_decay"] = weightDecay;
    j["warmup_fraction"] = warmupFraction;
    j["clip_norm"] = clipNorm;
    j["width"] = width;
    j["loss"] = lossName(loss);
    j["residual"] = residual;
    j["threads"] = threads;
    j["loader_threads"] = loaderThreads;
    j["seed"] = seed;
    j["log_every_batches"] = logEveryBatches;
    j["max_train_pairs"] = maxTrainPairs;
    j["max_validation_pairs"] = maxValidationPairs;
    return j.dump(2) + "\n";
}

TrainingConfig TrainingConfig::fromJson(const std::string& text) {
    TrainingConfig c;
    try {
        const auto j = nlohmann::json::parse(text);
        if (!j.is_object()) throw std::invalid_argument("the configuration is not a JSON object");
        auto get = [&j](const char* key, auto& into) {
            if (j.contains(key)) j.at(key).get_to(into);
        };
        get("dataset", c.dataset);
        get("epochs", c.epochs);
        get("batch_size", c.batchSize);
        get("learning_rate", c.learningRate);
        get("weight_decay", c.weightDecay);
        get("warmup_fraction", c.warmupFraction);
        get("clip_norm", c.clipNorm);
        get("width", c.width);
        if (j.contains("loss")) c.loss = lossFromName(j.at("loss").get<std::string>());
        get("residual", c.residual);
        get("threads", c.threads);
        get("loader_threads", c.loaderThreads);
        get("seed", c.seed);
        get("log_every_batches", c.logEveryBatches);
        get("max_train_pairs", c.maxTrainPairs);
        get("max_validation_pairs", c.maxValidationPairs);
    } catch (const nlohmann::json::exception& e) {
        throw std::invalid_argument(std::string("bad training configuration: ") + e.what());
    }
    c.validate();
    return c;
}

}  // namespace driftlab
