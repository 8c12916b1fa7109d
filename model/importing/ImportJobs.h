#pragma once
// What the explorer's import dialogs run off the GUI thread: an import, and the dataset
// generated on the imported currents, so the result opens in the explorer (a currents file
// alone has no release to show).
#include <cstdint>
#include <string>
#include <vector>

#include "importing/CurrentsImporter.h"
#include "core/JobControl.h"

namespace driftlab {

struct GenerateOnCurrents {
    bool enabled = true;
    int releases = 200;
    int particles = 1000;
    int outputDays = 10;  // lowered to what the currents allow (days - 1)
    double radiusKm = 10.0;
    std::uint64_t seed = 1;
    int threads = 1;
};

// Imports the currents into `currentsPath`, then (if enabled) generates `datasetPath` on them.
// Returns the file to open: the dataset, or the currents file. Progress: import 0..0.5,
// generation 0.5..1. Throws as importCurrents / generateDataset do.
std::string importCurrentsAndGenerate(const std::vector<std::string>& paths,
                                      const CurrentsImportOptions& options,
                                      const std::string& currentsPath,
                                      const GenerateOnCurrents& generate,
                                      const std::string& datasetPath, const std::string& history,
                                      const JobControl& control = {});

class DriftDataset;

// What a dataset made on another DriftLab file's currents records of them: where they came from
// and, for imported currents, how they were imported (the import_* attributes).
Attributes currentsProvenance(const DriftDataset& currents);

// Generates `datasetPath` on the currents of a DriftLab file (a currents file or a dataset).
void generateOnCurrentsFile(const std::string& currentsPath, const GenerateOnCurrents& generate,
                            const std::string& datasetPath, const std::string& history,
                            const JobControl& control = {});

}  // namespace driftlab
