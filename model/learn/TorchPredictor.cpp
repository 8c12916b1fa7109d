#include "learn/TorchPredictor.h"

#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "data/DriftDataset.h"
#include "jobs/JobControl.h"
#include "learn/Checkpoint.h"
#include "learn/PairLoader.h"
#include "learn/StateDict.h"
#include "learn/TorchRuntime.h"
#include "learn/UNet.h"
#include "learn/WeightsSidecar.h"

namespace driftlab {

namespace fs = std::filesystem;

struct TorchPredictor::Impl {
    UNet model{nullptr};
    InputNormalisation norm;
    bool residual = true;
    int width = 0;
    std::string description, source;
    int threads = 0;
    mutable std::mutex mutex;
};

TorchPredictor::TorchPredictor() : impl_(std::make_unique<Impl>()) {}
TorchPredictor::~TorchPredictor() = default;

std::unique_ptr<TorchPredictor> TorchPredictor::load(const std::string& pathText,
                                                     const DriftDataset* dataset) {
    std::unique_ptr<TorchPredictor> p(new TorchPredictor);
    auto& d = *p->impl_;
    std::error_code ec;
    fs::path path = fs::absolute(pathText).lexically_normal();
    if (!fs::exists(path, ec)) throw std::runtime_error(pathText + " does not exist");
    if (fs::is_directory(path, ec)) {
        const fs::path best = path / "best.pt", last = path / "last.pt";
        if (!fs::exists(best) && !fs::exists(last))
            throw std::runtime_error(
                pathText + " holds no checkpoint (best.pt or last.pt): not a trained run folder");
        path = fs::exists(best) ? best : last;
    }
    d.source = path.string();
    bool isCheckpoint = true;
    CheckpointMeta meta;
    try {
        meta = readCheckpointMeta(path.string());
    } catch (const std::exception&) {
        isCheckpoint = false;
    }
    if (isCheckpoint) {
        d.width = meta.config.width;
        d.residual = meta.config.residual;
        d.norm = meta.norm;
        d.model = UNet(3, 1, d.width);
        torch::optim::AdamW unused(d.model->parameters());
        loadCheckpointState(path.string(), d.model, unused);
        std::ostringstream s;
        s << path.parent_path().filename().string() << ": epoch " << meta.position.epochsDone
          << " of " << meta.config.epochs << " (" << path.stem().string() << "), width " << d.width
          << (d.residual ? ", residual" : "");
        d.description = s.str();
    } else {
        StateDict dict;
        try {
            dict = readStateDictFile(path.string());
        } catch (const std::exception& e) {
            throw std::runtime_error(
                path.string() +
                ": neither a DriftLab checkpoint nor a PyTorch state dict of the seed's UNet (" +
                e.what() + ")");
        }
        d.width = widthOfStateDict(dict);
        d.model = UNet(3, 1, d.width);
        loadStateDict(d.model, dict);
        const std::string sidecarFile = weightsSidecarPath(path.string());
        std::string origin;
        if (const auto sidecar = readWeightsSidecar(path.string())) {
            d.norm = sidecar->norm;
            d.residual = sidecar->residual;
            origin = "normalisation from " + fs::path(sidecarFile).filename().string();
        } else if (dataset) {
            const auto pairs = PairLoader::pairsOf(*dataset, Split::Train, 0, 1);
            d.norm = PairLoader::computeNormalisation(*dataset, pairs, JobControl());
            d.residual = true;
            origin = "normalisation from the dataset, residual assumed";
        } else {
            throw std::runtime_error(path.string() + ": PyTorch weights without " +
                                     fs::path(sidecarFile).filename().string() +
                                     " need a dataset to compute the input normalisation from");
        }
        d.description = path.filename().string() + ": PyTorch weights, width " +
                        std::to_string(d.width) + ", " + origin;
    }
    d.model->eval();
    return p;
}

const std::string& TorchPredictor::description() const {
    return impl_->description;
}
const std::string& TorchPredictor::source() const {
    return impl_->source;
}
int TorchPredictor::width() const {
    return impl_->width;
}
bool TorchPredictor::residual() const {
    return impl_->residual;
}
const InputNormalisation& TorchPredictor::normalisation() const {
    return impl_->norm;
}
void TorchPredictor::setThreads(int threads) {
    if (threads < 1) throw std::invalid_argument("inference threads must be at least 1");
    impl_->threads = threads;
}

std::vector<float> TorchPredictor::predictBatch(const std::vector<float>& density,
                                                const std::vector<float>& u,
                                                const std::vector<float>& v, int count,
                                                const std::vector<std::uint8_t>& ocean, int ny,
                                                int nx) const {
    auto& d = *impl_;  // the module is not const-callable; calls are serialised below
    const std::size_t cells = static_cast<std::size_t>(ny) * static_cast<std::size_t>(nx);
    const std::size_t total = cells * static_cast<std::size_t>(count);
    if (count < 1 || density.size() != total || u.size() != total || v.size() != total ||
        ocean.size() != cells)
        throw std::invalid_argument("prediction inputs do not match the grid (" +
                                    std::to_string(ny) + " x " + std::to_string(nx) + " x " +
                                    std::to_string(count) + ")");
    std::vector<float> input(3 * total);
    const float scale = static_cast<float>(d.norm.densityScale);
    for (int s = 0; s < count; ++s) {
        float* in = input.data() + 3 * cells * static_cast<std::size_t>(s);
        const std::size_t o = cells * static_cast<std::size_t>(s);
        for (std::size_t c = 0; c < cells; ++c) {
            in[c] = ocean[c] ? static_cast<float>((u[o + c] - d.norm.uMean) / d.norm.uStd) : 0.0f;
            in[cells + c] =
                ocean[c] ? static_cast<float>((v[o + c] - d.norm.vMean) / d.norm.vStd) : 0.0f;
            in[2 * cells + c] = density[o + c] * scale;
        }
    }
    std::vector<float> out(total);
    {
        std::lock_guard lock(d.mutex);
        // Setting OpenMP's thread count re-creates its pool: only when it changes (per call it
        // cost many times the forward pass of a small model).
        const int threads =
            d.threads > 0 ? d.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
        if (torchThreads() != threads) setTorchThreads(threads);
        torch::NoGradGuard noGrad;
        const torch::Tensor x = torch::from_blob(input.data(), {count, 3, ny, nx}, torch::kFloat32);
        torch::Tensor y = d.model->forward(x);
        if (d.residual) y = y + x.narrow(1, 2, 1);
        y = y.contiguous();
        std::copy(y.data_ptr<float>(), y.data_ptr<float>() + total, out.begin());
    }
    for (std::size_t i = 0; i < total; ++i) {
        const float value = out[i] / scale;
        out[i] = ocean[i % cells] && value > 0.0f ? value : 0.0f;
    }
    return out;
}

}  // namespace driftlab
