#include "stats/DayMetrics.h"

namespace driftlab {

DayMetrics::DayMetrics(std::vector<std::uint8_t> ocean, int outputDays) {
    for (int d = 0; d < outputDays; ++d) {
        model_.emplace_back(ocean);
        persistence_.emplace_back(ocean);
        advection_.emplace_back(ocean);
    }
}

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
