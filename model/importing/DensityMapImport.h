#pragma once
// UncertainDrift's density-map files (density_map(ensemble_id, obs, lat, lon)) made into a
// DriftLab dataset: one release per ensemble with mass on day 0, its centre and radius from that
// map; the maps are copied as they are.
#include <string>
#include <vector>

#include "core/JobControl.h"
#include "importing/TrajectoryImporter.h"
#include "netcdf/NcFile.h"

namespace driftlab {

// As importTrajectories (TrajectoryImporter.h), for files that hold density_map.
TrajectoryImportResult importDensityMaps(const std::vector<nc::File>& files,
                                         const TrajectoryImportOptions& o,
                                         const std::string& outPath, const std::string& history,
                                         const JobControl& control);

}  // namespace driftlab
