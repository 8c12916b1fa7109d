#include "stats/DayMetrics.h"

#include <cmath>

namespace driftlab {

DayMetrics::DayMetrics(std::vector<std::uint8_t> ocean, int outputDays)
    : DayMetrics(std::move(ocean), outputDays, std::shared_ptr<const CloudGeometry>()) {}

DayMetrics::DayMetrics(std::vector<std::uint8_t> ocean, int outputDays, const Grid& grid)
    : DayMetrics(ocean, outputDays, std::make_shared<const CloudGeometry>(grid, ocean)) {}

DayMetrics::DayMetrics(std::vector<std::uint8_t> ocean, int outputDays,
                       std::shared_ptr<const CloudGeometry> geometry)
    : geometry_(std::move(geometry)) {
    for (int d = 0; d < outputDays; ++d) {
        model_.emplace_back(ocean, geometry_.get());
        persistence_.emplace_back(ocean, geometry_.get());
        advection_.emplace_back(ocean, geometry_.get());
    }
}

namespace {

// The centres of days 0..D of a forecast (day 0 the truth's, where both start); empty if a day
// is missing or holds no mass.
std::vector<std::pair<double, double>> track(const CloudGeometry& g,
                                             const std::vector<std::vector<float>>& truth,
                                             const std::vector<std::vector<float>>& days,
                                             std::size_t count) {
    std::vector<std::pair<double, double>> out;
    for (std::size_t d = 0; d < count; ++d) {
        const std::vector<float>& map = d == 0 ? truth[0] : (d < days.size() ? days[d] : truth[0]);
        if (d > 0 && (d >= days.size() || days[d].empty())) return {};
        const Cloud c = g.cloud(map.data());
        if (c.empty()) return {};
        out.emplace_back(c.lon, c.lat);
    }
    return out;
}

}  // namespace

void DayMetrics::add(const std::vector<std::vector<float>>& truth,
                     const std::vector<std::vector<float>>& predicted, Persistence persistence,
                     const std::vector<std::vector<float>>* advected) {
    for (std::size_t d = 1; d <= model_.size() && d < truth.size(); ++d) {
        const float* input = truth[d - 1].data();
        if (d < predicted.size() && !predicted[d].empty())
            model_[d - 1].add(input, predicted[d].data(), truth[d].data());
        const float* held = persistence == Persistence::DayZero ? truth[0].data() : input;
        persistence_[d - 1].add(input, held, truth[d].data());
        if (advected && d < advected->size() && !(*advected)[d].empty())
            advection_[d - 1].add(input, (*advected)[d].data(), truth[d].data());
    }
    ++releases_;
    if (!geometry_ || persistence != Persistence::DayZero) return;
    const std::size_t count = std::min(truth.size(), model_.size() + 1);
    const auto observed = track(*geometry_, truth, truth, count);
    if (observed.size() < 2) return;
    const auto addSkill = [&](const std::vector<std::vector<float>>& days, double& sum,
                              std::size_t& n) {
        const auto t = track(*geometry_, truth, days, count);
        if (t.size() != observed.size()) return;
        const double s = liuWeisbergSkill(t, observed);
        if (!std::isfinite(s)) return;
        sum += s;
        ++n;
    };
    addSkill(predicted, modelSkillSum_, modelSkillCount_);
    if (advected) addSkill(*advected, advectionSkillSum_, advectionSkillCount_);
}

double DayMetrics::modelSkill() const {
    return modelSkillCount_ ? modelSkillSum_ / static_cast<double>(modelSkillCount_) : std::nan("");
}

double DayMetrics::advectionSkill() const {
    return advectionSkillCount_ ? advectionSkillSum_ / static_cast<double>(advectionSkillCount_)
                                : std::nan("");
}

DriftMetricValues DayMetrics::model(int day) const {
    return model_.at(static_cast<std::size_t>(day - 1)).value();
}

DriftMetricValues DayMetrics::persistence(int day) const {
    return persistence_.at(static_cast<std::size_t>(day - 1)).value();
}

DriftMetricValues DayMetrics::advection(int day) const {
    return advection_.at(static_cast<std::size_t>(day - 1)).value();
}

std::size_t DayMetrics::advectionSamples(int day) const {
    return advection_.at(static_cast<std::size_t>(day - 1)).samples();
}

std::size_t DayMetrics::modelSamples(int day) const {
    return model_.at(static_cast<std::size_t>(day - 1)).samples();
}

}  // namespace driftlab
