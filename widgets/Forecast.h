#pragma once
// A forecast the explorer shows day by day: the simulated density maps of a release (a dataset
// release, or a new one clicked on the map) beside the model's rollout from the same day 0,
// with the simulated particles when kept. Filled in as the work progresses: the simulation
// first, then the model's days one by one (a view shows day 1 before the rest exists).
#include <QString>
#include <memory>
#include <vector>

#include "drift/Release.h"
#include "stats/CloudGeometry.h"
#include "stats/DriftMetrics.h"

namespace driftlab {

struct Forecast {
    enum class Kind { Rollout, Release };
    Kind kind = Kind::Rollout;
    QString title;     // "Release 12 rolled out", "New release at 5.200 E 43.100 N, 2021-02-03"
    ReleaseSpec spec;  // spec.day: current-field day of day 0
    int date = 0;      // release date, days since 1970-01-01
    int placed = 0;    // particles placed (a new release)
    int sourceRelease = -1;  // the dataset release a rollout repeats, -1 for a new release
    int days = 0;            // output days: maps 0..days
    QString model;           // the model's description, empty without one
    std::vector<std::vector<float>> simulated;  // days + 1 maps once simulated, else empty
    std::vector<float> mass;                    // fraction of the particles in the domain
    std::vector<std::vector<float>> predicted;  // days + 1 slots; a slot is empty until ready
    // The numerical-advection baseline rolled out from the same day 0 (days + 1 maps), with a
    // model; empty until ready.
    std::vector<std::vector<float>> advected;
    std::vector<std::vector<float>> particleLon, particleLat;  // per day; empty when not kept
    double firstDayMs = -1;  // from the start until day 1 could be shown (simulation + model)
    double totalMs = -1;     // until everything was ready

    bool hasModel() const { return !model.isEmpty(); }
    bool simulatedReady() const { return static_cast<int>(simulated.size()) == days + 1; }
    bool predictedReady(int day) const;
    bool complete() const;
    int predictedDays() const;  // consecutive days ready from day 0
    // Per-day metrics of the model's rollout against the simulation (days 1..days, index 0 is
    // day 1), of persistence (day 0 held still) and of the advection baseline (when `advection`
    // is given and its maps are ready), over the days ready so far.
    // With `geometry` (the dataset's grid), the km metrics too.
    void dayMetrics(const std::vector<std::uint8_t>& ocean,
                    std::shared_ptr<const CloudGeometry> geometry,
                    std::vector<DriftMetricValues>& rolloutMetrics,
                    std::vector<DriftMetricValues>& persistenceMetrics,
                    std::vector<DriftMetricValues>* advectionMetrics = nullptr) const;
};

}  // namespace driftlab
