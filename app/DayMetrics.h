#pragma once
// Drift metrics of forecasts per output day, summed over releases: the model against the
// simulation, next to persistence (the map held still), for the forecast commands' summaries.
#include <cstdint>
#include <ostream>
#include <vector>

#include "stats/DriftMetrics.h"

namespace driftlab::cli {

class DayMetrics {
public:
    DayMetrics(std::vector<std::uint8_t> ocean, int outputDays);
    // One release: truth and predicted days 0..D. Day d scores predicted[d] against truth[d]
    // (input for the mass change: truth[d - 1]). Persistence is truth[0] held for every day
    // when `persistenceFromDayZero` (a rollout's baseline), else truth[d - 1] (one step).
    void add(const std::vector<std::vector<float>>& truth,
             const std::vector<std::vector<float>>& predicted, bool persistenceFromDayZero);
    DriftMetricValues model(int day) const;  // day 1..D, means over the releases
    DriftMetricValues persistence(int day) const;
    std::size_t releases() const { return releases_; }
    // One line per day: the model, and persistence's MAE and IoU50 beside it.
    void print(std::ostream& out) const;

private:
    std::vector<DriftMetricAccumulator> model_, persistence_;
    std::size_t releases_ = 0;
};

}  // namespace driftlab::cli
