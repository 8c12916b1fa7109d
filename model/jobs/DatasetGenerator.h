#pragma once
// The `generate` job: synthetic currents on the real coastline, planned releases, Lagrangian
// simulation of every release on several threads, and the dataset file, written atomically.
// The file does not depend on the thread count: the same config gives the same bytes.
#include <cstdint>
#include <memory>
#include <string>

#include "data/Attribute.h"
#include "drift/ReleasePlanner.h"
#include "drift/Simulator.h"
#include "core/JobControl.h"
#include "ocean/OceanGenerator.h"

namespace driftlab {

struct GeneratorConfig {
    std::string presetName = "demo";
    OceanGeneratorParams ocean;
    SimulationParams simulation;
    ReleasePlan releases;  // firstDay / lastDay / seed are filled in by the generator
    std::uint64_t seed = 1;
    int threads = 1;
    // Currents to use instead of the synthetic ocean (imported from real model output, or
    // another dataset's): `ocean` is then ignored, and `currentsSource` describes them in the
    // file's provenance (source, the import's settings).
    std::shared_ptr<const CurrentFields> currents;
    Attributes currentsSource;
    // Split generation (jobs/DatasetParts.h): this run makes part `part` of `parts` (0-based):
    // releases part, part + parts, ... `singleRunHistory` is the command line of the run it is a
    // part of, with {OUT} for its output (what merge writes into the merged file).
    int part = 0, parts = 1;
    std::string singleRunHistory;

    // "demo" (the built-in default dataset) or "research" (the sizes of Jenkins et al. 2022).
    // Throws std::invalid_argument for another name.
    static GeneratorConfig fromPreset(const std::string& name);
};

struct GenerationStats {
    int releases = 0;
    int maps = 0;
    std::uint64_t particleSteps = 0;
    std::uint64_t storedTiles = 0, possibleTiles = 0;
    double oceanSeconds = 0, simulationSeconds = 0, totalSeconds = 0;
    std::uint64_t fileBytes = 0;
};

// Writes the dataset to `outPath` (atomically). `history` goes into the file's history
// attribute (the command line). Throws JobCancelled if stopped (no file is left behind),
// InputError for a bad config or currents too short for it, std::runtime_error for I/O problems.
GenerationStats generateDataset(const GeneratorConfig& config, const std::string& outPath,
                                const std::string& history, const JobControl& control = {});

}  // namespace driftlab
