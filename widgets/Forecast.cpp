#include "Forecast.h"

namespace driftlab {

bool Forecast::predictedReady(int day) const {
    return day >= 0 && day < static_cast<int>(predicted.size()) && !predicted[day].empty();
}

int Forecast::predictedDays() const {
    int d = 0;
    while (predictedReady(d)) ++d;
    return d;
}

bool Forecast::complete() const {
    return simulatedReady() && (!hasModel() || predictedDays() == days + 1);
}

void Forecast::dayMetrics(const std::vector<std::uint8_t>& ocean,
                          std::vector<DriftMetricValues>& rolloutMetrics,
                          std::vector<DriftMetricValues>& persistenceMetrics) const {
    rolloutMetrics.clear();
    persistenceMetrics.clear();
    if (!simulatedReady()) return;
    // A rollout's day d is scored against the simulated day d; the mass change is measured from
    // day 0, where both start. Persistence holds day 0 still: the baseline a forecast must beat.
    const float* day0 = simulated[0].data();
    for (int d = 1; d <= days; ++d) {
        DriftMetricAccumulator still(ocean);
        still.add(day0, day0, simulated[d].data());
        persistenceMetrics.push_back(still.value());
        if (!predictedReady(d)) continue;
        DriftMetricAccumulator rollout(ocean);
        rollout.add(day0, predicted[d].data(), simulated[d].data());
        rolloutMetrics.push_back(rollout.value());
    }
}

}  // namespace driftlab
