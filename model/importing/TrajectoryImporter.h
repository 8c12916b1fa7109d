#pragma once
// The `import-trajectories` job: particle trajectories another model already simulated
// (OpenDrift, OceanParcels NetCDF, any CF trajectory file) or UncertainDrift's density-map
// files, made into a DriftLab dataset. Particles are grouped into releases (an ensemble
// variable, else the same start time and place), each release gets one density map per day
// after its start with DriftLab's own histogram and mass-conserving smoothing, and the dataset
// carries the currents of --grid when given (so it can be trained on).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "drift/ReleasePlanner.h"
#include "core/JobControl.h"

namespace driftlab {

struct TrajectoryImportOptions {
    std::string gridPath;  // a DriftLab file (currents file or dataset): grid, mask, currents
    std::optional<double> resolutionDeg;                          // without gridPath
    std::optional<std::pair<double, double>> lonRange, latRange;  // without gridPath
    double sigmaCells = 1.0;
    std::string ensembleVar;        // groups particles into releases
    std::optional<int> outputDays;  // default: the longest all releases cover
    double groupRadiusKm = 25.0;    // particles starting together within this are one release
    SplitMode splitMode = SplitMode::Random;
    double valFraction = 0.1, testFraction = 0.1;
    std::uint64_t seed = 1;
};

struct TrajectoryImportResult {
    std::string kind;  // "OpenDrift", "OceanParcels", "CF trajectories", "UncertainDrift maps"
    std::size_t particles = 0;
    int releases = 0, outputDays = 0;
    int droppedReleases = 0;  // outside the currents' days, or too short
    std::vector<std::string> notes;
    std::string summary() const;
};

// What a set of trajectory files holds, read from their dimensions and times only (the import
// dialog shows it before the import).
struct TrajectoryFileInfo {
    std::string kind;
    std::size_t particles = 0, observations = 0;  // per file, summed / the longest
    double firstDay = 0, lastDay = 0;             // days since 1970
    std::string ensembleVar;                      // found or given; empty: by time and place
    bool hasStatus = false;                       // OpenDrift's status (stranded particles)
    std::string summary() const;
};
TrajectoryFileInfo inspectTrajectories(const std::vector<std::string>& paths,
                                       const std::string& ensembleVar = {});

// Reads the files, writes the dataset to `outPath` atomically. Throws InputError for
// files it cannot use (with what was found and what is missing), nc::NcError for unreadable
// files, JobCancelled if stopped (no file is left).
TrajectoryImportResult importTrajectories(const std::vector<std::string>& paths,
                                          const TrajectoryImportOptions& options,
                                          const std::string& outPath, const std::string& history,
                                          const JobControl& control = {});

}  // namespace driftlab
