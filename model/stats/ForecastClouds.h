#pragma once
// The cloud tracks a forecast file stores beside its maps (ForecastRecord::simulatedCloud, ...):
// each day's centre, spread and centre distance from the simulation, in km, by the same
// CloudGeometry the metrics use, so a file's numbers are the ones DriftLab printed.
#include "data/ForecastWriter.h"
#include "stats/CloudGeometry.h"

namespace driftlab {

// One track of `maps` (one per day); with `truth` (the simulated maps of the same days), each
// day's centre distance from the truth's (NaN where either map holds no mass).
CloudTrack cloudTrack(const CloudGeometry& geometry, const std::vector<std::vector<float>>& maps,
                      const std::vector<std::vector<float>>* truth = nullptr);

// Fills the record's tracks from its simulated, predicted and advected maps (those it has).
void addCloudTracks(ForecastRecord& record, const CloudGeometry& geometry);

}  // namespace driftlab
