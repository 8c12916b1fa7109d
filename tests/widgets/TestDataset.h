#pragma once
// A small dataset made once per test process (fixed seed: the same picture every time).
#include <QString>

#include "jobs/DatasetGenerator.h"
#include "support/TinyDataset.h"

namespace driftlab::test {

inline QString smallDatasetPath() {
    static const QString path = [] {
        const QString p = QString::fromStdString((testFolder("widgets") / "small.h5").string());
        const GeneratorConfig c = tinyConfig({.resolutionDeg = 0.125,  // 64 x 32
                                              .currentDays = 30,
                                              .releases = 12,
                                              .particles = 1500,
                                              .outputDays = 5,
                                              .seed = 4,
                                              .radiusKm = 15.0});
        // No remove first: ctest runs each test in its own process, and another one may be
        // reading the file. The generator writes a temporary file and renames it over the old
        // one (same seed, same bytes), so a reader sees the old file or the new, never none.
        generateDataset(c, p.toStdString(), "widget tests");
        return p;
    }();
    return path;
}

}  // namespace driftlab::test
