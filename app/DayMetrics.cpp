#include "DayMetrics.h"

#include "ForecastSupport.h"
#include "ProgressBar.h"

namespace driftlab::cli {

DayMetrics::DayMetrics(std::vector<std::uint8_t> ocean, int outputDays) {
    for (int d = 0; d < outputDays; ++d) {
        model_.emplace_back(ocean);
        persistence_.emplace_back(ocean);
    }
}

void DayMetrics::add(const std::vector<std::vector<float>>& truth,
                     const std::vector<std::vector<float>>& predicted,
                     bool persistenceFromDayZero) {
    for (std::size_t d = 1; d <= model_.size() && d < truth.size() && d < predicted.size(); ++d) {
        const float* input = truth[d - 1].data();
        model_[d - 1].add(input, predicted[d].data(), truth[d].data());
        const float* held = persistenceFromDayZero ? truth[0].data() : input;
        persistence_[d - 1].add(input, held, truth[d].data());
    }
    ++releases_;
}

DriftMetricValues DayMetrics::model(int day) const {
    return model_.at(static_cast<std::size_t>(day - 1)).value();
}

DriftMetricValues DayMetrics::persistence(int day) const {
    return persistence_.at(static_cast<std::size_t>(day - 1)).value();
}

void DayMetrics::print(std::ostream& out) const {
    for (std::size_t d = 1; d <= model_.size(); ++d) {
        const DriftMetricValues m = model(static_cast<int>(d)), p = persistence(static_cast<int>(d));
        out << "  day " << d << ": MSE " << sci(m.mse) << ", MAE " << sci(m.mae) << ", IoU50 "
            << formatFixed(m.iou50, 3) << ", IoU90 " << formatFixed(m.iou90, 3) << ", mass error "
            << sci(m.massError) << "   (persistence: MAE " << sci(p.mae) << ", IoU50 "
            << formatFixed(p.iou50, 3) << ")\n";
    }
}

}  // namespace driftlab::cli
