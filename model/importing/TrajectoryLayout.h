#pragma once
// How a trajectory file is laid out: which 2-D variables hold the positions (particle x
// observation, as OpenDrift and OceanParcels write them, in either order), their time, OpenDrift's
// status flags and the ensemble variable that groups particles into releases.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "importing/TrajectoryImporter.h"
#include "netcdf/CfTime.h"
#include "netcdf/NcFile.h"

namespace driftlab {

constexpr double kSameTimeDays = 60.0 / 86400.0;  // times within a minute are the same time
constexpr std::size_t kTrajectoryChunk = 2048;    // trajectories read at a time

struct TrajectoryLayout {
    std::string kind;  // "OpenDrift", "OceanParcels", "CF trajectories"
    nc::VarInfo lon, lat, time;
    int pDim = 0, oDim = 1;  // particle and observation dimensions of lon / lat
    bool time2D = false;
    CfTime cf;
    std::optional<nc::VarInfo> status;
    int strandedValue = -9999;
    std::vector<int> goneValues;
    std::optional<nc::VarInfo> ensemble;
};

// Throws InputError naming what is missing (positions, their time, --ensemble).
TrajectoryLayout detectTrajectoryLayout(const nc::File& f, const std::string& ensembleVar);

// The CF time axis of `var` (cfTimeOf); units it cannot read are an InputError naming the file.
CfTime trajectoryTimeAxis(const nc::File& f, const std::string& var);

// Reads the rows [p0, p0 + n) of a (particle, obs) variable as (n x obs), decoded.
std::vector<double> readTrajectoryRows(const nc::File& f, const nc::VarInfo& v, int pDim,
                                       std::size_t p0, std::size_t n);

// What the files hold, read in this process (inspectTrajectories probes them first).
TrajectoryFileInfo inspectTrajectoryFiles(const std::vector<std::string>& paths,
                                          const std::string& ensembleVar);

}  // namespace driftlab
