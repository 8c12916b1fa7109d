#pragma once
// Small generated datasets for the tests: the demo preset (real coastline, generated currents)
// on a coarse grid with few releases and particles and a fixed seed, so the same settings give
// the same bytes every time.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "jobs/DatasetGenerator.h"

namespace driftlab::test {

struct TinyDataset {
    double resolutionDeg = 0.25;  // 32 x 16 cells
    int currentDays = 20;
    int releases = 24;
    int particles = 300;
    int outputDays = 4;
    std::uint64_t seed = 5;
    int threads = 2;
    std::optional<double> radiusKm{}, khM2s{}, sigmaCells{};  // the preset's when not given
};

inline GeneratorConfig tinyConfig(const TinyDataset& t) {
    GeneratorConfig c = GeneratorConfig::fromPreset("demo");
    c.ocean.resolutionDeg = t.resolutionDeg;
    c.ocean.days = t.currentDays;
    c.releases.count = t.releases;
    c.releases.particles = t.particles;
    c.simulation.outputDays = t.outputDays;
    c.seed = t.seed;
    c.threads = t.threads;
    if (t.radiusKm) c.releases.radiusKm = *t.radiusKm;
    if (t.khM2s) c.simulation.khM2s = *t.khM2s;
    if (t.sigmaCells) c.simulation.sigmaCells = *t.sigmaCells;
    return c;
}

// $DRIFTLAB_TEST_TMP/SUB (under the system's temporary folder without it), created.
inline std::filesystem::path testFolder(const std::string& sub) {
    const char* base = std::getenv("DRIFTLAB_TEST_TMP");
    const auto dir =
        std::filesystem::path(base ? base : std::filesystem::temp_directory_path().string()) / sub;
    std::filesystem::create_directories(dir);
    return dir;
}

// A dataset the tests of one process share: made at $DRIFTLAB_TEST_TMP/SUB/NAME from `t` (with
// `history` as its history attribute) and returned by path. Keep the result in a function-local
// static to make it once per process. No remove first: ctest runs each test in its own process, two
// at a time, and another may be reading the file. The generator renames a complete file over the
// old one (same seed, same bytes), so a reader sees the old file or the new, never none.
inline std::string sharedTinyDataset(const std::string& sub, const std::string& name,
                                     const std::string& history, const TinyDataset& t) {
    const std::string path = (testFolder(sub) / name).string();
    generateDataset(tinyConfig(t), path, history);
    return path;
}

}  // namespace driftlab::test
