#include "learn/Predictor.h"

#include <stdexcept>

#include "data/DriftDataset.h"
#include "jobs/JobControl.h"
#include "learn/LearningBackend.h"
#include "learn/PredictorBackend.h"

namespace driftlab {

Predictor::Predictor(std::unique_ptr<PredictorBackend> backend) : backend_(std::move(backend)) {}
Predictor::~Predictor() = default;
Predictor::Predictor(Predictor&&) noexcept = default;
Predictor& Predictor::operator=(Predictor&&) noexcept = default;

Predictor Predictor::load(const std::string& path, const DriftDataset* dataset) {
    return Predictor(learningBackend().loadPredictor(path, dataset));
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
bool Predictor::residual() const {
    return backend_->residual();
}
const InputNormalisation& Predictor::normalisation() const {
    return backend_->normalisation();
}
void Predictor::setThreads(int threads) {
    backend_->setThreads(threads);
}

std::vector<float> Predictor::predictBatch(const std::vector<float>& density,
                                           const std::vector<float>& u, const std::vector<float>& v,
                                           int count, const std::vector<std::uint8_t>& ocean,
                                           int ny, int nx) const {
    return backend_->predictBatch(density, u, v, count, ocean, ny, nx);
}

std::vector<float> Predictor::predict(const std::vector<float>& density,
                                      const std::vector<float>& u, const std::vector<float>& v,
                                      const std::vector<std::uint8_t>& ocean, int ny,
                                      int nx) const {
    return predictBatch(density, u, v, 1, ocean, ny, nx);
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
    // Day d is predicted with the currents of day firstCurrentDay + d - 1: the last one used is
    // firstCurrentDay + days - 1.
    if (days < 0 || firstCurrentDay < 0 || firstCurrentDay + days > dataset.currentDays())
        throw std::invalid_argument("a rollout of " + std::to_string(days) + " days from day " +
                                    std::to_string(firstCurrentDay) + " runs past the currents");
    std::vector<std::vector<float>> maps(static_cast<std::size_t>(days) + 1);
    maps[0] = day0;
    if (onDay) onDay(0, maps[0]);
    std::vector<float> u, v;
    for (int d = 1; d <= days; ++d) {
        control.throwIfStopped();
        dataset.readCurrents(firstCurrentDay + d - 1, u, v);
        const auto k = static_cast<std::size_t>(d);
        maps[k] = predict(maps[k - 1], u, v, dataset.mask().values(), g.ny, g.nx);
        if (onDay) onDay(d, maps[k]);
        control.report(static_cast<double>(d) / days, "rollout");
    }
    return maps;
}

}  // namespace driftlab
