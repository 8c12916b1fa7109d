#include "Forecast.h"

#include "stats/DayMetrics.h"

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
                          std::shared_ptr<const CloudGeometry> geometry,
                          std::vector<DriftMetricValues>& rolloutMetrics,
                          std::vector<DriftMetricValues>& persistenceMetrics,
                          std::vector<DriftMetricValues>* advectionMetrics) const {
    rolloutMetrics.clear();
    persistenceMetrics.clear();
    if (advectionMetrics) advectionMetrics->clear();
    if (!simulatedReady()) return;
    // A rollout's day d is scored against the simulated day d (days not ready yet are skipped);
    // persistence holds day 0 still: the baseline a forecast must beat.
    DayMetrics metrics(ocean, days, std::move(geometry));
    metrics.add(simulated, predicted, DayMetrics::Persistence::DayZero,
                advected.empty() ? nullptr : &advected);
    for (int d = 1; d <= days; ++d) {
        persistenceMetrics.push_back(metrics.persistence(d));
        if (advectionMetrics && metrics.advectionSamples(d) > 0)
            advectionMetrics->push_back(metrics.advection(d));
        if (metrics.modelSamples(d) > 0) rolloutMetrics.push_back(metrics.model(d));
    }
}

}  // namespace driftlab
