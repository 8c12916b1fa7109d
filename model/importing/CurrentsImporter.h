#pragma once
// The `import-currents` job: real model output (CMEMS, HYCOM, NEMO, ROMS/CROCO, any CF file)
// read one time step and one box at a time, the surface (or chosen) level taken, C-grid
// components regridded from their own points, grid-relative components rotated to east/north,
// and everything put on a regular DriftLab lon/lat grid with the file's own land mask; daily
// fields, or the files' own step when it is shorter than a day and divides it (--daily-mean
// averages it per UTC day); missing days or steps interpolated in time and reported.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "data/Attribute.h"
#include "importing/CurrentsLayout.h"
#include "core/JobControl.h"
#include "ocean/CurrentFields.h"

namespace driftlab {

struct CurrentsImportOptions {
    CurrentsOverrides overrides;
    std::optional<std::pair<double, double>> lonRange, latRange;  // box edges, degrees
    std::optional<std::pair<int, int>> timeRange;  // first and last day, days since 1970
    std::optional<double> resolutionDeg;           // default: the file's own spacing
    bool dailyMean = false;  // average sub-daily steps per day (else a step dividing 24 h is kept)
};

// What an import will do, before reading any field: shown by the CLI and the import dialog.
struct CurrentsImportPlan {
    CurrentsLayout layout;
    Grid grid;                     // the DriftLab grid (sides divisible by 16)
    int firstDay = 0;              // days since 1970 of the first daily field
    int days = 0;                  // days covered
    int stepsPerDay = 1;           // 1: daily fields; more: the files' own sub-daily step, kept
    std::vector<int> sourceSteps;  // indices into layout.u.steps that are read
    double landFraction = 0;       // of the source points in the box (mask, or the first field)
    std::vector<std::string> notes;
    std::string summary() const;
};

struct ImportedCurrents {
    CurrentFields fields;
    CurrentsImportPlan plan;
    double landFraction = 0;
    std::size_t filledDays = 0;          // days (or sub-daily fields) interpolated in time (gaps)
    std::size_t missingOceanValues = 0;  // ocean cells without a value at some step (set to 0)
    std::size_t implausibleValues = 0;   // |velocity| > 10 m/s in the file, taken as missing
    std::vector<std::string> notes;
};

// Opens the files and plans the import. Throws InputError (bad input: what was found
// and what is missing) or nc::NcError (a file that cannot be read).
CurrentsImportPlan planCurrentsImport(const std::vector<std::string>& paths,
                                      const CurrentsImportOptions& options);
// Plans and runs the import. Throws JobCancelled if stopped.
ImportedCurrents importCurrents(const std::vector<std::string>& paths,
                                const CurrentsImportOptions& options,
                                const JobControl& control = {});

// Writes imported currents as a DriftLab dataset without releases, a "currents file"
// (driftlab_content = "currents"): `info` and the explorer show it, `generate --currents` and
// `import-trajectories --grid` use it. Atomic: a temporary name renamed when complete.
void writeCurrentsFile(const ImportedCurrents& currents, const std::string& path,
                       const std::string& history);
// The provenance attributes of an import (source files, what was detected, notes).
Attributes importProvenance(const ImportedCurrents& currents);

}  // namespace driftlab
