#pragma once
// A model's skill on a split, sample by sample: each pair (release, day d -> d+1) predicted in
// batches and scored with the drift metrics (model/stats/DriftMetrics), plus the same metrics
// of persistence (tomorrow = today) and of the numerical-advection baseline (drift/
// DensityAdvection), the anchors a model must beat, a summary per output day and the mean
// absolute error per cell (where the model fails). No Torch in this header.
#include <string>
#include <vector>

#include "drift/Release.h"
#include "stats/DriftMetrics.h"

namespace driftlab {

class DriftDataset;
class JobControl;
class Predictor;

struct SampleMetrics {
    int release = 0;
    int day = 0;  // the input day; the prediction is of day + 1
    DriftMetricValues model, persistence, advection;
};

// What means hide, per method: the median spread ratio and the tail of the far-mass share.
struct KmDistribution {
    double medianSpreadRatio = 0;
    double farMassP99 = 0;
    double liuWeisbergSkill = 0;  // of the one-day centre steps (observed: the truth's)
};

struct EvaluationResult {
    Split split = Split::Test;
    std::vector<SampleMetrics> samples;               // in file order
    DriftMetricValues model, persistence, advection;  // means over the samples
    std::vector<DriftMetricValues> modelByDay;        // means per input day
    std::vector<DriftMetricValues> persistenceByDay;  // the same for persistence
    std::vector<DriftMetricValues> advectionByDay;    // and for the advection baseline
    KmDistribution modelKm, persistenceKm, advectionKm;
    std::vector<double> meanAbsoluteError;            // per cell, ny x nx, over the samples
    int ny = 0, nx = 0;
    double seconds = 0;

    // One row per sample: release, day, the model's metrics, persistence's, advection's (grid
    // metrics, then the km ones).
    std::string csv() const;
};

// Throws DatasetError if the split has no releases; JobCancelled if stopped.
EvaluationResult evaluateSplit(const Predictor& predictor, const DriftDataset& dataset, Split split,
                               int batchSize, const JobControl& control);

}  // namespace driftlab
