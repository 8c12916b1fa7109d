#pragma once
// Read access to a DriftLab dataset file: the one door through which the rest of DriftLab
// reads datasets. Opening validates the file (format attribute, version, every variable and its
// shape) and throws DatasetError with a message that names the file and the problem.
// All methods are safe to call from several threads (HDF5 calls are serialised).
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "drift/Release.h"
#include "ocean/CurrentFields.h"

namespace driftlab {

struct ReleaseRecord {
    ReleaseSpec spec;  // day: index into the current fields; particles: as requested
    int placed = 0;    // particles actually released
    int date = 0;      // release date, days since 1970-01-01
};

class DriftDataset {
public:
    static DriftDataset open(const std::string& path);
    ~DriftDataset();
    DriftDataset(DriftDataset&&) noexcept;
    DriftDataset& operator=(DriftDataset&&) noexcept;

    const std::string& path() const;
    int formatVersion() const;
    const Grid& grid() const;
    const OceanMask& mask() const;
    int startDay() const;     // date of current field 0, days since 1970-01-01
    int currentDays() const;  // number of daily current fields
    int outputDays() const;   // maps per release = outputDays + 1
    int releaseCount() const;
    int tileSize() const;  // side of a density chunk
    const std::vector<ReleaseRecord>& releases() const;
    std::vector<int> releasesInSplit(Split split) const;

    // Current field of day k (ny x nx each). Throws DatasetError on NaN or Inf.
    void readCurrents(int k, std::vector<float>& u, std::vector<float>& v) const;
    CurrentFields readAllCurrents() const;
    // Density map of a release on an output day (ny x nx).
    void readDensity(int release, int day, std::vector<float>& map) const;
    // Stored (non-empty) tiles of one map, as (tile column, tile row).
    std::vector<std::pair<int, int>> storedTiles(int release, int day) const;
    std::uint64_t storedTileCount() const;  // over all maps
    std::uint64_t possibleTileCount() const;
    std::vector<float> mass() const;     // releases x (outputDays + 1)
    std::vector<float> beached() const;  // releases x (outputDays + 1)
    // Global attributes as text (provenance), in name order.
    std::vector<std::pair<std::string, std::string>> attributes() const;
    std::uint64_t fileSizeBytes() const;

private:
    DriftDataset();
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace driftlab
