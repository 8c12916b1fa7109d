#include "learn/TorchPredictor.h"

#include <torch/torch.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>

#include "core/CoreCount.h"
#include "core/JobControl.h"
#include "data/DriftDataset.h"
#include "learn/AnchoredOutput.h"
#include "learn/Checkpoint.h"
#include "learn/InputChannels.h"
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
    std::vector<InputChannel> inputs = recipeFromName("seed").inputs;
    Anchor anchor = Anchor::Persistence;
    AdvectionScheme advection = AdvectionScheme::Remap;
    int width = 0;
    std::string description, source;
    int threads = 0;
    torch::Device device{torch::kCPU};
    mutable std::mutex mutex;
};

TorchPredictor::TorchPredictor() : impl_(std::make_unique<Impl>()) {}
TorchPredictor::~TorchPredictor() = default;

std::unique_ptr<TorchPredictor> TorchPredictor::load(const std::string& pathText,
                                                     const DriftDataset* dataset,
                                                     DeviceChoice device) {
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
        d.inputs = meta.config.inputs;
        d.anchor = meta.config.anchor;
        d.advection = meta.config.advection;
        d.norm = meta.norm;
        d.model = UNet(meta.config.inputChannels(), outputChannelsOf(d.anchor), d.width);
        torch::optim::AdamW unused(d.model->parameters());
        loadCheckpointState(path.string(), d.model, unused);
        std::ostringstream s;
        s << path.parent_path().filename().string() << ": epoch " << meta.position.epochsDone
          << " of " << meta.config.epochs << " (" << path.stem().string() << "), width " << d.width
          << ", " << meta.config.recipeName();
        if (meta.config.recipeName() == "custom")
            s << " (" << channelsText(d.inputs) << "; anchor " << anchorName(d.anchor)
              << "; advection " << advectionSchemeName(d.advection) << ")";
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
        const int channels = inputChannelsOfStateDict(dict);
        const std::string sidecarFile = weightsSidecarPath(path.string());
        std::string origin;
        if (const auto sidecar = readWeightsSidecar(path.string())) {
            d.norm = sidecar->norm;
            d.inputs = sidecar->inputs;
            d.anchor = sidecar->anchor;
            d.advection = sidecar->advection;
            origin = "normalisation from " + fs::path(sidecarFile).filename().string();
        } else if (dataset) {
            const auto pairs = PairLoader::pairsOf(*dataset, Split::Train, 0, 1);
            d.norm = PairLoader::computeNormalisation(*dataset, pairs, JobControl());
            d.inputs =
                channels == 5 ? recipeFromName("research").inputs : recipeFromName("seed").inputs;
            d.anchor = Anchor::Persistence;
            origin = "normalisation from the dataset, inputs " + channelsText(d.inputs) +
                     " and residual on persistence assumed";
        } else {
            throw std::runtime_error(path.string() + ": PyTorch weights without " +
                                     fs::path(sidecarFile).filename().string() +
                                     " need a dataset to compute the input normalisation from");
        }
        if (channels != static_cast<int>(d.inputs.size()))
            throw std::runtime_error(path.string() + ": the weights take " +
                                     std::to_string(channels) + " input channels, not the " +
                                     std::to_string(d.inputs.size()) + " of " +
                                     channelsText(d.inputs));
        d.model = UNet(channels, outputChannelsOf(d.anchor), d.width);
        loadStateDict(d.model, dict);
        d.description = path.filename().string() + ": PyTorch weights, width " +
                        std::to_string(d.width) + ", " + origin;
    }
    d.device = resolveDevice(device);
    d.model->to(d.device);
    d.model->eval();
    if (d.device.is_cuda()) d.description += ", on " + describeDevice(d.device);
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
const std::vector<InputChannel>& TorchPredictor::inputs() const {
    return impl_->inputs;
}
Anchor TorchPredictor::anchor() const {
    return impl_->anchor;
}
AdvectionScheme TorchPredictor::advection() const {
    return impl_->advection;
}
const InputNormalisation& TorchPredictor::normalisation() const {
    return impl_->norm;
}
void TorchPredictor::setThreads(int threads) {
    if (threads < 1) throw std::invalid_argument("inference threads must be at least 1");
    impl_->threads = threads;
}

std::vector<float> TorchPredictor::predictBatch(const PredictorInputs& in,
                                                const std::vector<std::uint8_t>& ocean, int ny,
                                                int nx) const {
    auto& d = *impl_;  // the module is not const-callable; calls are serialised below
    const int count = in.count;
    const std::size_t cells = static_cast<std::size_t>(ny) * static_cast<std::size_t>(nx);
    const std::size_t total = cells * static_cast<std::size_t>(std::max(count, 0));
    const bool next = needsNextCurrents(d.inputs);
    const bool advected = needsAdvected(d.inputs) || advectedAnchor(d.anchor);
    if (count < 1 || in.density.size() != total || in.u.size() != total || in.v.size() != total ||
        ocean.size() != cells || (next && (in.uNext.size() != total || in.vNext.size() != total)) ||
        (advected && in.advected.size() != total))
        throw std::invalid_argument("prediction inputs do not match the grid (" +
                                    std::to_string(ny) + " x " + std::to_string(nx) + " x " +
                                    std::to_string(count) + ") or the model's inputs (" +
                                    channelsText(d.inputs) + ")");
    const std::size_t channels = d.inputs.size();
    std::vector<float> input(channels * total), anchor;
    for (int s = 0; s < count; ++s) {
        const std::size_t o = cells * static_cast<std::size_t>(s);
        ChannelSources src;
        src.u = in.u.data() + o;
        src.v = in.v.data() + o;
        if (next) {
            src.uNext = in.uNext.data() + o;
            src.vNext = in.vNext.data() + o;
        }
        src.density = in.density.data() + o;
        if (advected) src.advected = in.advected.data() + o;
        assembleInput(d.inputs, d.norm, ocean.data(), cells, src, input.data() + channels * o);
    }
    const float scale = static_cast<float>(d.norm.densityScale);
    if (d.anchor != Anchor::None) {
        const std::vector<float>& from = advectedAnchor(d.anchor) ? in.advected : in.density;
        anchor.resize(total);
        std::transform(from.begin(), from.end(), anchor.begin(),
                       [scale](float x) { return x * scale; });
    }
    std::vector<float> out(total);
    {
        std::lock_guard lock(d.mutex);
        // Setting OpenMP's thread count re-creates its pool: only when it changes (per call it
        // cost many times the forward pass of a small model).
        const int threads = d.threads > 0 ? d.threads : coreCount();
        if (torchThreads() != threads) setTorchThreads(threads);
        torch::NoGradGuard noGrad;
        const torch::Tensor x = torch::from_blob(
            input.data(), {count, static_cast<std::int64_t>(channels), ny, nx}, torch::kFloat32);
        std::vector<float> mask(ocean.begin(), ocean.end());
        const torch::Tensor oceanMask =
            torch::from_blob(mask.data(), {1, 1, ny, nx}, torch::kFloat32);
        const torch::Tensor anchorMap =
            anchor.empty() ? torch::Tensor()
                           : torch::from_blob(anchor.data(), {count, 1, ny, nx}, torch::kFloat32);
        const torch::Tensor maskOnDevice = oceanMask.to(d.device);
        torch::Tensor y = anchoredOutput(d.model->forward(x.to(d.device)),
                                         anchorMap.defined() ? anchorMap.to(d.device) : anchorMap,
                                         d.anchor, maskOnDevice, oceanMask.sum().item<double>());
        y = y.to(torch::kCPU).contiguous();
        std::copy(y.data_ptr<float>(), y.data_ptr<float>() + total, out.begin());
    }
    for (int s = 0; s < count; ++s) {
        float* map = out.data() + cells * static_cast<std::size_t>(s);
        double raw = 0, kept = 0;
        for (std::size_t c = 0; c < cells; ++c) {
            const float value = map[c] / scale;
            if (ocean[c]) raw += value;
            map[c] = ocean[c] && value > 0.0f ? value : 0.0f;
            kept += map[c];
        }
        // The hybrid's map has the anchor's mass: the clamp at 0 must not add to it.
        if (advectedAnchor(d.anchor) && raw > 0 && kept > 0) {
            const float f = static_cast<float>(raw / kept);
            for (std::size_t c = 0; c < cells; ++c) map[c] *= f;
        }
    }
    return out;
}

}  // namespace driftlab
