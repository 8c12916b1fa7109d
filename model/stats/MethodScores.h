#pragma once
// The three methods a drift model is judged beside, scored on the same samples: the model,
// persistence (tomorrow = today) and the numerical-advection baseline. The one accumulator of
// training's validation and of evaluate: the truth of a sample is prepared once (DriftScorer)
// and the three predictions scored against it; the sums travel as kSums numbers, which
// data-parallel validation adds up over the ranks.
#include <cstddef>
#include <vector>

#include "stats/DriftScorer.h"
#include "stats/MetricSums.h"

namespace driftlab {

// One sample's values, or the means over samples.
struct MethodValues {
    DriftMetricValues model, persistence, advection;
};

class MethodScores {
public:
    // One sample scored with `scorer` (whose truth it sets): the input at t (persistence's
    // prediction), the model's and the advection baseline's predictions for t+1, the truth.
    static MethodValues score(DriftScorer& scorer, const float* inputAtT, const float* predicted,
                              const float* advected, const float* truth);

    void add(const MethodValues& sample);
    MethodValues value() const;  // the means
    std::size_t samples() const { return model_.samples(); }

    static constexpr std::size_t kSums = 3 * MetricSums::kSums;
    std::vector<double> sums() const;
    void setSums(const std::vector<double>& sums);  // throws std::invalid_argument on a bad size

private:
    MetricSums model_, persistence_, advection_;
};

}  // namespace driftlab
