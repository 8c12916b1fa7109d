#pragma once
// Drift metrics of forecasts per output day, summed over releases: the model against the
// simulation, next to persistence and the numerical-advection baseline, the anchors it must beat.
// Serves the forecast commands' summaries (rollout, predict, release) and the explorer's per-day
// plots, which score a forecast while its days are still arriving.
#include <cstdint>
#include <memory>
#include <vector>

#include "stats/CloudGeometry.h"
#include "stats/DriftMetrics.h"

namespace driftlab {

class DayMetrics {
public:
    // What persistence holds still: day 0 for every day (a rollout's baseline), or the day
    // before (one-step predictions).
    enum class Persistence { DayZero, PreviousDay };

    DayMetrics(std::vector<std::uint8_t> ocean, int outputDays);
    // With the grid: the km metrics per day, and the Liu & Weisberg skill of each release's
    // track of centres (rollouts: persistence DayZero).
    DayMetrics(std::vector<std::uint8_t> ocean, int outputDays, const Grid& grid);
    // The same with a geometry made once (the explorer rescores a forecast as its days arrive);
    // null: no km metrics.
    DayMetrics(std::vector<std::uint8_t> ocean, int outputDays,
               std::shared_ptr<const CloudGeometry> geometry);
    // One release: simulated days 0..D and the model's days 0..D. Day d scores predicted[d]
    // against truth[d]; a predicted day that is empty (not ready yet) or missing is skipped, and
    // persistence is scored on every simulated day. (The mass change is measured from
    // truth[d - 1] for both, so the mass error is the predicted mass minus the simulated one.)
    // `advected` (optional, days 0..D like `predicted`): the advection baseline's forecast of the
    // same release (rolled out day by day, or one step from each simulated day), scored the
    // same way.
    void add(const std::vector<std::vector<float>>& truth,
             const std::vector<std::vector<float>>& predicted, Persistence persistence,
             const std::vector<std::vector<float>>* advected = nullptr);
    int outputDays() const { return static_cast<int>(model_.size()); }
    DriftMetricValues model(int day) const;  // day 1..D, means over the releases scored
    DriftMetricValues persistence(int day) const;
    DriftMetricValues advection(int day) const;  // zeros if no advected forecast was added
    std::size_t advectionSamples(int day) const;
    std::size_t modelSamples(int day) const;  // releases whose day `day` was scored
    std::size_t releases() const { return releases_; }
    // Mean Liu & Weisberg skill of the releases' centre tracks over all days; NaN if none was
    // scored (no grid, one-step forecasts, or days still arriving).
    double modelSkill() const;
    double advectionSkill() const;

private:
    std::shared_ptr<const CloudGeometry> geometry_;
    std::vector<DriftMetricAccumulator> model_, persistence_, advection_;
    std::size_t releases_ = 0;
    double modelSkillSum_ = 0, advectionSkillSum_ = 0;
    std::size_t modelSkillCount_ = 0, advectionSkillCount_ = 0;
};

}  // namespace driftlab
