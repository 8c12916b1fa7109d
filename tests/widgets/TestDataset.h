#pragma once
// A small dataset made once per test process (fixed seed: the same picture every time).
#include <QDir>
#include <QString>
#include <cstdlib>

#include "jobs/DatasetGenerator.h"

namespace driftlab::test {

inline QString smallDatasetPath() {
    static const QString path = [] {
        const char* base = std::getenv("DRIFTLAB_TEST_TMP");
        QDir dir(base ? base : QDir::tempPath());
        dir.mkpath("widgets");
        const QString p = dir.filePath("widgets/small.h5");
        GeneratorConfig c = GeneratorConfig::fromPreset("demo");
        c.ocean.resolutionDeg = 0.125;  // 64 x 32
        c.ocean.days = 30;
        c.releases.count = 12;
        c.releases.particles = 1500;
        c.releases.radiusKm = 15.0;
        c.simulation.outputDays = 5;
        c.seed = 4;
        c.threads = 2;
        // No remove first: ctest runs each test in its own process, and another one may be
        // reading the file. The generator writes a temporary file and renames it over the old
        // one (same seed, same bytes), so a reader sees the old file or the new, never none.
        generateDataset(c, p.toStdString(), "widget tests");
        return p;
    }();
    return path;
}

}  // namespace driftlab::test
