#pragma once
// Per-sample drift metrics summed over samples; value() gives the means (the km ones over the
// samples that had them). The sums travel as kSums numbers: data-parallel validation adds up the
// ranks' sums and sets the total back.
#include <cstddef>
#include <vector>

#include "stats/DriftMetricValues.h"

namespace driftlab {

class MetricSums {
public:
    void add(const DriftMetricValues& sample);
    DriftMetricValues value() const;
    std::size_t samples() const { return samples_; }
    std::size_t kmSamples() const { return kmSamples_; }

    static constexpr std::size_t kSums = 13;
    std::vector<double> sums() const;
    void setSums(const std::vector<double>& sums);  // throws std::invalid_argument on a bad size

private:
    std::size_t samples_ = 0, kmSamples_ = 0;
    DriftMetricValues sum_;
};

}  // namespace driftlab
