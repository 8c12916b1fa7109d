#pragma once
// Scores predictions of one sample against its truth, prepared once: the truth's mass, its
// top-mass regions, and with the grid its cloud and the cells near its mass (the far-mass
// dilation). A sample scored for several methods (the model, persistence, the advection
// baseline) prepares its truth once, not once per method. The metrics are those of
// stats/DriftMetrics.h; DriftMetricAccumulator and MethodScores score through this class.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "stats/CloudGeometry.h"
#include "stats/DriftMetricValues.h"

namespace driftlab {

class DriftScorer {
public:
    // Throws std::invalid_argument without an ocean cell, or when the geometry (which must
    // outlive the scorer; null: no km metrics) does not fit the mask.
    explicit DriftScorer(std::vector<std::uint8_t> ocean, const CloudGeometry* geometry = nullptr);

    // The sample: the input map at t and the truth at t+1. Both must stay valid while its
    // predictions are scored.
    void setTruth(const float* inputAtT, const float* truth);
    // One prediction for t+1 of the sample set last.
    DriftMetricValues score(const float* predicted) const;

private:
    std::vector<std::uint8_t> ocean_;
    const CloudGeometry* geometry_ = nullptr;
    std::size_t oceanCells_ = 0;
    // The prepared truth.
    const float* truth_ = nullptr;
    double massIn_ = 0, massTrue_ = 0;
    std::vector<std::uint8_t> top50_, top90_;
    Cloud cloud_;
    std::vector<std::uint8_t> nearTruth_;
};

}  // namespace driftlab
