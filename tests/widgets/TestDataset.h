#pragma once
// A small dataset made once per test process (fixed seed: the same picture every time).
#include <QString>

#include "jobs/DatasetGenerator.h"
#include "support/TinyDataset.h"

namespace driftlab::test {

inline QString smallDatasetPath() {
    static const QString path =
        QString::fromStdString(sharedTinyDataset("widgets", "small.h5", "widget tests",
                                                 {.resolutionDeg = 0.125,  // 64 x 32
                                                  .currentDays = 30,
                                                  .releases = 12,
                                                  .particles = 1500,
                                                  .outputDays = 5,
                                                  .seed = 4,
                                                  .radiusKm = 15.0}));
    return path;
}

}  // namespace driftlab::test
