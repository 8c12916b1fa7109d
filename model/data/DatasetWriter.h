#pragma once
// Writes a DriftLab dataset file (docs/dataset-format.md). Grid and mask go in at construction,
// then the currents (writeCurrents), then each release's density maps as encoded tiles, in any
// order, from the generator's writer thread; finish() writes the release table last. Not
// thread-safe: one thread writes.
//
// The file is written under the path given; making it appear atomically (temporary name, then
// rename) is the caller's job (see AtomicFile).
#include <memory>
#include <string>
#include <vector>

#include "data/Attribute.h"
#include "data/TileCodec.h"
#include "drift/Release.h"
#include "core/JobControl.h"
#include "ocean/CurrentFields.h"

namespace driftlab {

struct EncodedRelease {
    int placed = 0;
    std::vector<float> mass, beached;             // per output day
    std::vector<std::vector<EncodedTile>> tiles;  // per output day
};

class DatasetWriter {
public:
    DatasetWriter(const std::string& path, const CurrentFields& fields,
                  const std::vector<ReleaseSpec>& releases, int outputDays,
                  const Attributes& provenance);
    ~DatasetWriter();
    DatasetWriter(const DatasetWriter&) = delete;
    DatasetWriter& operator=(const DatasetWriter&) = delete;

    const TileCodec& codec() const;
    // Writes the current fields given at construction, compressing days on `threads` threads.
    void writeCurrents(int threads, const JobControl& control = {});
    void writeRelease(int index, const EncodedRelease& release);
    // Writes the per-release tables and closes the file. Throws if a release is missing.
    void finish();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace driftlab
