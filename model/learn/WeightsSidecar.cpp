#include "learn/WeightsSidecar.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "data/AtomicFile.h"

namespace driftlab {

std::string weightsSidecarPath(const std::string& weightsPath) {
    return weightsPath + ".json";
}

void writeWeightsSidecar(const std::string& weightsPath, const TrainingConfig& config,
                         const InputNormalisation& norm, int gridNx, int gridNy,
                         int epochsTrained) {
    nlohmann::ordered_json j;
    j["format"] = "driftlab-unet-weights-1";
    j["model"] = "seed UNet (n_channels=" + std::to_string(config.inputChannels()) +
                 ", n_classes=" + std::to_string(outputChannelsOf(config.anchor)) +
                 ", bilinear=True)";
    j["width"] = config.width;
    j["residual"] = config.residual();
    j["anchor"] = anchorName(config.anchor);
    j["advection"] = advectionSchemeName(config.advection);
    j["input_channels"] = channelsText(config.inputs);
    nlohmann::ordered_json inputs = nlohmann::ordered_json::array();
    for (InputChannel c : config.inputs) {
        switch (c) {
            case InputChannel::U:
                inputs.push_back("(u(t) - u_mean) / u_std, 0 on land");
                break;
            case InputChannel::V:
                inputs.push_back("(v(t) - v_mean) / v_std, 0 on land");
                break;
            case InputChannel::UNext:
                inputs.push_back("(u(t+1) - u_mean) / u_std, 0 on land");
                break;
            case InputChannel::VNext:
                inputs.push_back("(v(t+1) - v_mean) / v_std, 0 on land");
                break;
            case InputChannel::Density:
                inputs.push_back("density(t) * density_scale");
                break;
            case InputChannel::Advected:
                inputs.push_back(config.advection == AdvectionScheme::Sharp
                                     ? "advected(density(t)) * density_scale, advected by the "
                                       "sharp advection: Richardson-Lucy undoes the maps' "
                                       "smoothing, remap, smoothed again (docs/training.md)"
                                     : "advected(density(t)) * density_scale, advected by the "
                                       "remap (docs/training.md)");
                break;
        }
    }
    j["inputs"] = inputs;
    j["output"] = config.anchor == Anchor::Persistence
                      ? "(density(t+1) - density(t)) * density_scale"
                  : config.anchor == Anchor::Advection
                      ? "(density(t+1) - advected(density(t))) * density_scale"
                  : config.anchor == Anchor::Flux
                      ? "tanh of the share of mass moved across each cell's east (channel 0) and "
                        "north (channel 1) face of advected(density(t)), a quarter at most "
                        "(docs/training.md)"
                      : "density(t+1) * density_scale";
    j["u_mean"] = norm.uMean;
    j["u_std"] = norm.uStd;
    j["v_mean"] = norm.vMean;
    j["v_std"] = norm.vStd;
    j["density_scale"] = norm.densityScale;
    j["grid"] = {gridNx, gridNy};
    j["epochs_trained"] = epochsTrained;
    j["dataset"] = config.dataset;
    writeFileAtomically(weightsSidecarPath(weightsPath), j.dump(2) + "\n");
}

std::optional<WeightsSidecar> readWeightsSidecar(const std::string& weightsPath) {
    const std::string path = weightsSidecarPath(weightsPath);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return std::nullopt;
    try {
        std::ifstream in(path);
        const auto j = nlohmann::json::parse(in);
        WeightsSidecar s;
        s.norm = {j.at("u_mean").get<double>(), j.at("u_std").get<double>(),
                  j.at("v_mean").get<double>(), j.at("v_std").get<double>(),
                  j.at("density_scale").get<double>()};
        s.anchor = j.at("residual").get<bool>() ? Anchor::Persistence : Anchor::None;
        if (j.contains("anchor")) s.anchor = anchorFromName(j.at("anchor").get<std::string>());
        if (j.contains("advection"))
            s.advection = advectionSchemeFromName(j.at("advection").get<std::string>());
        if (j.contains("input_channels"))
            s.inputs = channelsFromText(j.at("input_channels").get<std::string>());
        return s;
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(path + ": bad weights sidecar: " + e.what());
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(path + ": bad weights sidecar: " + e.what());
    }
}

}  // namespace driftlab
