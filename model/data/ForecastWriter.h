#pragma once
// Writes a DriftLab forecast file (docs/dataset-format.md, "Forecast files"): for each record,
// the simulated density maps (the truth) and, with a model, the model's maps, on the source
// dataset's grid, with the dataset file's conventions (NetCDF-4 readable, CF attributes,
// dimension scales, the dataset's release-table names). Records are streamed: memory stays at
// one record whatever their number. The file appears under its name only in finish(); a writer
// destroyed before (an error, Ctrl-C) leaves nothing. Not thread-safe: one thread writes.
#include <memory>
#include <string>
#include <vector>

#include "data/Attribute.h"
#include "drift/Release.h"

namespace driftlab {

class DriftDataset;

// One map sequence's cloud per day, outputDays + 1 values (day 0 included; NaN on a day whose
// map holds no mass): centre of mass (degrees east / north), spread (rms radius, km) and, for a
// forecast, its centre's distance from the simulated one (km; empty for the simulated track).
// Computed by the caller with stats/CloudGeometry (stats/ForecastClouds.h): model/data sits
// below model/stats.
struct CloudTrack {
    std::vector<double> lon, lat, spreadKm, separationKm;
    bool empty() const { return lon.empty(); }
};

struct ForecastRecord {
    ReleaseSpec spec;        // centre, radius, split; spec.day: current-field day at release
    int date = 0;            // release date, days since 1970-01-01
    int placed = 0;          // particles placed (release_particles)
    int sourceRelease = -1;  // the source dataset's release it repeats, -1 for a new release
    // outputDays + 1 maps each, ny x nx. predicted: empty without a model; with one, day 0 is
    // the initial state (the simulated day 0), not a prediction.
    std::vector<std::vector<float>> simulated, predicted;
    // The numerical-advection baseline's forecast of the same days (day 0 = the simulated day
    // 0), written as the `advection` variable beside `prediction`: empty for none. Either every
    // record of a file has it or none has (the first record decides).
    std::vector<std::vector<float>> advected;
    std::vector<float> mass;  // fraction of particles in the domain per day; empty: map sums
    // The clouds in km of the simulated, predicted and advected maps (written as centre_lon,
    // prediction_centre_lon, ...): empty for none. Either every record of a file has them or
    // none has (the first record decides); then each forecast the record has needs its track.
    CloudTrack simulatedCloud, predictedCloud, advectedCloud;
};

class ForecastWriter {
public:
    // kind: "rollout" (the model fed its own output), "one-step" (each day predicted from the
    // simulated day before) or "release" (a new release: simulated, and rolled out if there is
    // a model). modelDescription: "" when there is no model (then the file has no `prediction`
    // variable). `extra`: more global attributes (history, simulation settings). Throws
    // std::invalid_argument for an unknown kind or outputDays < 1, std::runtime_error (with
    // the path) if the folder cannot be written.
    ForecastWriter(const std::string& path, const DriftDataset& source, int outputDays,
                   const std::string& kind, const std::string& modelDescription,
                   const Attributes& extra = {});
    ~ForecastWriter();
    ForecastWriter(const ForecastWriter&) = delete;
    ForecastWriter& operator=(const ForecastWriter&) = delete;

    bool hasModel() const;
    int records() const;  // added so far
    // Appends one record. Throws std::invalid_argument if its maps do not fit (outputDays + 1
    // maps of the grid; predicted present exactly when the writer has a model).
    void add(const ForecastRecord& record);
    // Writes the release table, closes the file and renames it to its final name.
    void finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace driftlab
