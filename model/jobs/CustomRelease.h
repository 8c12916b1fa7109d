#pragma once
// A release anywhere in a dataset's domain (the explorer's click on the map, `driftlab
// release`): checked, then simulated with the dataset's own simulator settings, so its maps are
// those the generator would have written for the same release (docs/predictions.md).
#include <cstdint>
#include <string>

#include "drift/Simulator.h"
#include "jobs/DatasetSimulation.h"
#include "core/JobControl.h"
#include "ocean/CurrentFields.h"

namespace driftlab {

class DriftDataset;

// The random stream of a custom release. The generator gives release k the stream k + 1, so
// stream 0 never repeats one of the dataset's own clouds.
inline constexpr std::uint64_t kCustomReleaseStream = 0;

// "" when a release can be centred at (lon, lat); else a sentence that says why not:
// "(12.000, 43.000) is outside the domain (lon 2.000 .. 10.000 E, lat 41.000 .. 45.000 N)" or
// "(4.500, 43.900) is on land".
std::string releasePointProblem(const DriftDataset& dataset, double lon, double lat);
std::string releasePointProblem(const OceanMask& mask, double lon, double lat);

// The last current-field day a release may start on so that every output day has currents:
// currentDays - 1 - outputDays (negative when no day can).
int latestReleaseDay(const DriftDataset& dataset);
int latestReleaseDay(const CurrentFields& fields, const DatasetSimulation& sim);

// The currents one release starting on `releaseDay` needs, read from the file: fields of the
// dataset's size (so day indices are the dataset's), with days releaseDay - 1 .. releaseDay +
// outputDays + 1 read (one either side, which the time interpolation may touch with a zero
// weight) and the others left at zero. A release simulated on them gives the same bits as on
// readAllCurrents(), for a fraction of the reading (the command line reads once per run; the
// explorer keeps all currents). Throws InputError for a day out of range.
CurrentFields readCurrentsForRelease(const DriftDataset& dataset, int releaseDay);

// Simulates `spec` (spec.day: index of the current field at release) with the dataset's
// settings `sim` and the random numbers of (sim.seed, stream): the generator's release k is
// (spec of k, particles = sim.particles, stream k + 1). keepParticles keeps the particle
// positions of each output day (outputDays + 1 snapshots). Throws InputError with a
// clear sentence for a day out of range, a radius <= 0, particles outside 1..10,000,000, or a
// centre outside the domain / on land; JobCancelled if `control` is stopped before it starts
// or before it returns (one release is not interruptible in between).
ReleaseResult simulateCustomRelease(const CurrentFields& fields, const DatasetSimulation& sim,
                                    const ReleaseSpec& spec, std::uint64_t stream,
                                    bool keepParticles, const JobControl& control = {});

}  // namespace driftlab
