#include "learn/Predictor.h"

#include <mutex>
#include <stdexcept>

#include "data/DriftDataset.h"
#include "drift/AdvectionBaseline.h"
#include "drift/SharpAdvection.h"
#include "jobs/DatasetSimulation.h"
#include "core/JobControl.h"
#include "learn/InputChannels.h"
#include "learn/LearningBackend.h"
#include "learn/PredictorBackend.h"

namespace driftlab {

struct Predictor::Cache {
    std::mutex mutex;
    std::string path;
    FileStamp stamp;
    std::shared_ptr<const AdvectionBaseline> advection;
    std::shared_ptr<const SharpAdvection> anchor;
};

Predictor::Predictor(std::unique_ptr<PredictorBackend> backend)
    : backend_(std::move(backend)), cache_(std::make_unique<Cache>()) {}
Predictor::~Predictor() = default;
Predictor::Predictor(Predictor&&) noexcept = default;
Predictor& Predictor::operator=(Predictor&&) noexcept = default;

Predictor Predictor::load(const std::string& path, const DriftDataset* dataset,
                          DeviceChoice device) {
    return Predictor(learningBackend().loadPredictor(path, dataset, device));
}

const std::string& Predictor::description() const {
    return backend_->description();
}
const std::string& Predictor::source() const {
    return backend_->source();
}
int Predictor::width() const {
    return backend_->width();
}
const std::vector<InputChannel>& Predictor::inputs() const {
    return backend_->inputs();
}
Anchor Predictor::anchor() const {
    return backend_->anchor();
}
AdvectionScheme Predictor::advectionScheme() const {
    return backend_->advection();
}
bool Predictor::needsNextCurrents() const {
    return driftlab::needsNextCurrents(inputs());
}
bool Predictor::needsAdvected() const {
    return driftlab::needsAdvected(inputs()) || advectedAnchor(anchor());
}

std::shared_ptr<const AdvectionBaseline> Predictor::advection(const DriftDataset& dataset) const {
    std::lock_guard lock(cache_->mutex);
    if (!cache_->advection || cache_->path != dataset.path() ||
        !(cache_->stamp == dataset.fileStamp())) {
        cache_->advection = advectionBaselineOf(dataset);
        cache_->path = dataset.path();
        cache_->stamp = dataset.fileStamp();
    }
    return cache_->advection;
}

std::shared_ptr<const SharpAdvection> Predictor::anchorAdvection(const DriftDataset& dataset) const {
    auto remap = advection(dataset);
    std::lock_guard lock(cache_->mutex);
    if (!cache_->anchor || cache_->anchor->remap() != remap)  // built for another dataset
        cache_->anchor = modelAdvectionOf(dataset, remap,
                                          advectionScheme() == AdvectionScheme::Sharp);
    return cache_->anchor;
}
const InputNormalisation& Predictor::normalisation() const {
    return backend_->normalisation();
}
void Predictor::setThreads(int threads) {
    backend_->setThreads(threads);
}

std::vector<float> Predictor::predictBatch(const PredictorInputs& in,
                                           const std::vector<std::uint8_t>& ocean, int ny,
                                           int nx) const {
    return backend_->predictBatch(in, ocean, ny, nx);
}

std::vector<float> Predictor::predictBatch(const DriftDataset& dataset,
                                           const std::vector<float>& density,
                                           const std::vector<int>& currentDays) const {
    const Grid& g = dataset.grid();
    const std::size_t cells = g.cellCount();
    if (currentDays.empty() || density.size() != cells * currentDays.size())
        throw std::invalid_argument("the prediction inputs do not match the grid (" +
                                    std::to_string(g.ny) + " x " + std::to_string(g.nx) + " x " +
                                    std::to_string(currentDays.size()) + ")");
    PredictorInputs in;
    in.count = static_cast<int>(currentDays.size());
    in.density = density;
    const bool next = needsNextCurrents(), moved = needsAdvected();
    const auto advected = moved ? anchorAdvection(dataset) : nullptr;
    std::vector<float> u, v;
    for (std::size_t s = 0; s < currentDays.size(); ++s) {
        const int k = currentDays[s];
        if (k < 0 || k >= dataset.currentDays() ||
            ((next || moved) && k + 1 >= dataset.currentDays()))
            throw std::invalid_argument("a prediction from current day " + std::to_string(k) +
                                        " needs days past the dataset's " +
                                        std::to_string(dataset.currentDays()));
        dataset.readCurrents(k, u, v);
        in.u.insert(in.u.end(), u.begin(), u.end());
        in.v.insert(in.v.end(), v.begin(), v.end());
        if (next) {
            dataset.readCurrents(k + 1, u, v);
            in.uNext.insert(in.uNext.end(), u.begin(), u.end());
            in.vNext.insert(in.vNext.end(), v.begin(), v.end());
        }
        if (moved) {
            in.advected.resize((s + 1) * cells);
            advected->advect(k, density.data() + s * cells, in.advected.data() + s * cells);
        }
    }
    return predictBatch(in, dataset.mask().values(), g.ny, g.nx);
}

std::vector<float> Predictor::predict(const DriftDataset& dataset,
                                      const std::vector<float>& density, int currentDay) const {
    return predictBatch(dataset, density, std::vector<int>{currentDay});
}

std::vector<std::vector<float>> Predictor::rollout(const DriftDataset& dataset, int release,
                                                   int days, const JobControl& control) const {
    if (release < 0 || release >= dataset.releaseCount())
        throw std::invalid_argument("release " + std::to_string(release) + " does not exist");
    std::vector<float> day0;
    dataset.readDensity(release, 0, day0);
    return rolloutFrom(day0, dataset,
                       dataset.releases()[static_cast<std::size_t>(release)].spec.day, days,
                       control);
}

std::vector<std::vector<float>> Predictor::rolloutFrom(
    const std::vector<float>& day0, const DriftDataset& dataset, int firstCurrentDay, int days,
    const JobControl& control,
    const std::function<void(int day, const std::vector<float>& map)>& onDay) const {
    const Grid& g = dataset.grid();
    if (day0.size() != g.cellCount())
        throw std::invalid_argument("the initial map has " + std::to_string(day0.size()) +
                                    " cells, the grid " + std::to_string(g.cellCount()));
    // Day d is predicted with the currents of day firstCurrentDay + d - 1 (and of the next day
    // where the model takes them, or the advection baseline needs them).
    const int extra = needsNextCurrents() || needsAdvected() ? 1 : 0;
    if (days < 0 || firstCurrentDay < 0 || firstCurrentDay + days + extra > dataset.currentDays())
        throw std::invalid_argument("a rollout of " + std::to_string(days) + " days from day " +
                                    std::to_string(firstCurrentDay) + " runs past the currents");
    std::vector<std::vector<float>> maps(static_cast<std::size_t>(days) + 1);
    maps[0] = day0;
    if (onDay) onDay(0, maps[0]);
    for (int d = 1; d <= days; ++d) {
        control.throwIfStopped();
        const auto k = static_cast<std::size_t>(d);
        maps[k] = predict(dataset, maps[k - 1], firstCurrentDay + d - 1);
        if (onDay) onDay(d, maps[k]);
        control.report(static_cast<double>(d) / days, "rollout");
    }
    return maps;
}

}  // namespace driftlab
