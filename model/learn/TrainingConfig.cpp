#include "learn/TrainingConfig.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/CoreCount.h"
#include "learn/InputChannels.h"

namespace driftlab {

const char* lossName(LossKind loss) {
    return loss == LossKind::Mse ? "mse" : "mae";
}

LossKind lossFromName(const std::string& name) {
    if (name == "mae") return LossKind::Mae;
    if (name == "mse") return LossKind::Mse;
    throw std::invalid_argument("unknown loss '" + name + "' (use mae or mse)");
}

const char* anchorName(Anchor anchor) {
    switch (anchor) {
        case Anchor::None:
            return "none";
        case Anchor::Persistence:
            return "persistence";
        case Anchor::Advection:
            return "advection";
        case Anchor::Flux:
            return "flux";
    }
    return "none";
}

Anchor anchorFromName(const std::string& name) {
    if (name == "none") return Anchor::None;
    if (name == "persistence") return Anchor::Persistence;
    if (name == "advection") return Anchor::Advection;
    if (name == "flux") return Anchor::Flux;
    throw std::invalid_argument("unknown anchor '" + name +
                                "' (use none, persistence, advection or flux)");
}

const char* advectionSchemeName(AdvectionScheme scheme) {
    return scheme == AdvectionScheme::Sharp ? "sharp" : "remap";
}

AdvectionScheme advectionSchemeFromName(const std::string& name) {
    if (name == "remap") return AdvectionScheme::Remap;
    if (name == "sharp") return AdvectionScheme::Sharp;
    throw std::invalid_argument("unknown advection '" + name + "' (use sharp or remap)");
}

const char* deviceName(DeviceChoice device) {
    switch (device) {
        case DeviceChoice::Auto:
            return "auto";
        case DeviceChoice::Cpu:
            return "cpu";
        case DeviceChoice::Cuda:
            return "cuda";
    }
    return "auto";
}

DeviceChoice deviceFromName(const std::string& name) {
    if (name == "auto") return DeviceChoice::Auto;
    if (name == "cpu") return DeviceChoice::Cpu;
    if (name == "cuda") return DeviceChoice::Cuda;
    throw std::invalid_argument("unknown device '" + name + "' (use cpu, cuda or auto)");
}

namespace {
constexpr InputChannel kAllChannels[] = {InputChannel::U,       InputChannel::V,
                                         InputChannel::UNext,   InputChannel::VNext,
                                         InputChannel::Density, InputChannel::Advected};
}

const char* channelName(InputChannel channel) {
    switch (channel) {
        case InputChannel::U:
            return "u";
        case InputChannel::V:
            return "v";
        case InputChannel::UNext:
            return "u_next";
        case InputChannel::VNext:
            return "v_next";
        case InputChannel::Density:
            return "density";
        case InputChannel::Advected:
            return "advected";
    }
    return "?";
}

InputChannel channelFromName(const std::string& name) {
    for (InputChannel c : kAllChannels)
        if (name == channelName(c)) return c;
    throw std::invalid_argument("unknown input channel '" + name +
                                "' (use u, v, u_next, v_next, density, advected)");
}

std::vector<InputChannel> channelsFromText(const std::string& text) {
    std::vector<InputChannel> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        const InputChannel c = channelFromName(text.substr(start, comma - start));
        if (std::find(out.begin(), out.end(), c) != out.end())
            throw std::invalid_argument(std::string("input channel '") + channelName(c) +
                                        "' given twice");
        out.push_back(c);
        start = comma + 1;
    }
    return out;
}

std::string channelsText(const std::vector<InputChannel>& channels) {
    std::string s;
    for (InputChannel c : channels) s += (s.empty() ? "" : ",") + std::string(channelName(c));
    return s;
}

TrainingRecipe recipeFromName(const std::string& name) {
    using C = InputChannel;
    if (name == "hybrid")
        return {{C::U, C::V, C::UNext, C::VNext, C::Density, C::Advected},
                Anchor::Flux,
                LossKind::Mae,
                AdvectionScheme::Sharp};
    if (name == "research")
        return {{C::U, C::V, C::UNext, C::VNext, C::Density}, Anchor::Persistence, LossKind::Mae};
    if (name == "seed") return {{C::U, C::V, C::Density}, Anchor::Persistence, LossKind::Mae};
    throw std::invalid_argument("unknown recipe '" + name + "' (use hybrid, research or seed)");
}

std::string TrainingConfig::recipeName() const {
    for (const char* name : {"hybrid", "research", "seed"}) {
        const TrainingRecipe r = recipeFromName(name);
        // The advection matters only to a model that reads the advected map.
        if (r.inputs == inputs && r.anchor == anchor &&
            (r.advection == advection || !usesAdvected()))
            return name;
    }
    return "custom";
}

bool TrainingConfig::usesAdvected() const {
    return advectedAnchor(anchor) || needsAdvected(inputs);
}

void TrainingConfig::applyRecipe(const std::string& name) {
    const TrainingRecipe r = recipeFromName(name);
    inputs = r.inputs;
    anchor = r.anchor;
    loss = r.loss;
    advection = r.advection;
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
    require(!(mixedPrecision && device == DeviceChoice::Cpu),
            "mixed precision (bfloat16 autocast) runs on CUDA only: use --device cuda or auto");
    require(maxTrainPairs >= 0 && maxValidationPairs >= 0, "pair limits must be >= 0 (0 = all)");
    require(std::find(inputs.begin(), inputs.end(), InputChannel::Density) != inputs.end(),
            "the inputs must include the density");
}

int TrainingConfig::resolvedThreads() const {
    if (threads > 0) return threads;
    return coreCount();
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
    j["inputs"] = channelsText(inputs);
    j["anchor"] = anchorName(anchor);
    j["residual"] = residual();  // for readers older than the anchor
    j["advection"] = advectionSchemeName(advection);
    j["threads"] = threads;
    j["loader_threads"] = loaderThreads;
    j["device"] = deviceName(device);
    j["mixed_precision"] = mixedPrecision;
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
        // Configurations from before the anchor: residual true = persistence, and the seed's
        // three channels.
        c.inputs = recipeFromName("seed").inputs;
        c.anchor = Anchor::Persistence;
        if (j.contains("residual"))
            c.anchor = j.at("residual").get<bool>() ? Anchor::Persistence : Anchor::None;
        if (j.contains("inputs")) c.inputs = channelsFromText(j.at("inputs").get<std::string>());
        if (j.contains("anchor")) c.anchor = anchorFromName(j.at("anchor").get<std::string>());
        // Runs from before the sharp advection learnt on the remap's maps.
        c.advection = AdvectionScheme::Remap;
        if (j.contains("advection"))
            c.advection = advectionSchemeFromName(j.at("advection").get<std::string>());
        get("threads", c.threads);
        get("loader_threads", c.loaderThreads);
        if (j.contains("device")) c.device = deviceFromName(j.at("device").get<std::string>());
        get("mixed_precision", c.mixedPrecision);
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
