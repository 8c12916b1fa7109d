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
    j["model"] = "seed UNet (n_channels=3, n_classes=1, bilinear=True)";
    j["width"] = config.width;
    j["residual"] = config.residual;
    j["inputs"] = {"(u - u_mean) / u_std", "(v - v_mean) / v_std", "density(t) * density_scale"};
    j["output"] = config.residual ? "(density(t+1) - density(t)) * density_scale"
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
        s.residual = j.at("residual").get<bool>();
        return s;
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(path + ": bad weights sidecar: " + e.what());
    }
}

}  // namespace driftlab
