#pragma once
// The numerical-advection baseline over a whole set of daily currents: advect(k, map) moves a
// map of current-field day k one day on (to day k + 1) with DensityAdvection's remap. The remap
// of a day is built on first use (a few ms on the demo grid) and kept, within a memory budget
// (the oldest days are dropped first), so applying it to the many maps of a day costs
// microseconds. Thread-safe: the trainer's loader threads and the evaluator share one.
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "drift/DensityAdvection.h"
#include "ocean/CurrentFields.h"

namespace driftlab {

class AdvectionBaseline {
public:
    // `fields` must hold the days to be advected and the day after each.
    AdvectionBaseline(CurrentFields fields, AdvectionOptions options,
                      std::size_t budgetBytes = std::size_t{512} << 20);

    // out = `in` (the map on current-field day k, cells values) one day later. Throws
    // std::invalid_argument when day k + 1 is not in the fields.
    void advect(int k, const float* in, float* out) const;
    std::vector<float> advect(int k, const std::vector<float>& in) const;
    // The baseline's rollout: `day0` (the map on current-field day k) and the `days` maps after
    // it, each advected from the one before (days + 1 maps, day0 first).
    std::vector<std::vector<float>> rollout(int k, const std::vector<float>& day0, int days) const;
    // Day k's remap (built if needed).
    std::shared_ptr<const AdvectionTransfer> transfer(int k) const;

    const CurrentFields& fields() const { return fields_; }
    const AdvectionOptions& options() const { return options_; }
    std::size_t cachedBytes() const;

private:
    CurrentFields fields_;
    AdvectionOptions options_;
    std::size_t budget_;
    mutable std::mutex mutex_;
    mutable std::map<int, std::shared_ptr<const AdvectionTransfer>> cache_;
    mutable std::vector<int> order_;  // days in the order they were built
    mutable std::size_t bytes_ = 0;
};

}  // namespace driftlab
