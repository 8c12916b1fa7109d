#pragma once
// A model's prediction of day t+1 for one sample of the explorer, scored against the simulated
// day t+1 with the drift metrics (DriftMetricAccumulator, the functions the training's
// validation uses), and the same metrics of persistence (tomorrow = today) and of the
// numerical-advection baseline for comparison.
#include <cstdint>
#include <vector>

#include "stats/DriftMetrics.h"

namespace driftlab {

class DriftDataset;
class Predictor;
struct Sample;

struct SamplePrediction {
    int release = -1, day = -1;     // the input day; the prediction is of day + 1
    std::vector<float> predicted;   // ny x nx, fractions per cell
    std::vector<float> advected;    // the advection baseline's map of day + 1
    DriftMetricValues metrics;      // the model's
    DriftMetricValues persistence;  // tomorrow = today
    DriftMetricValues advection;    // the numerical-advection baseline
    double seconds = 0;             // inference time (Predictor::predict only)
};

// Predicts day + 1 of `sample` (which must have its densityNext) and scores it. Throws
// std::invalid_argument on the last day, and whatever the predictor throws.
SamplePrediction predictSample(const Predictor& predictor, const Sample& sample,
                               const DriftDataset& dataset);

}  // namespace driftlab
