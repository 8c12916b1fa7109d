#pragma once
// The mean-density job: the mean of the density maps of a dataset, or of a subset (one split,
// one output day), as in the mean-density figure of the UncertainDrift seed notes.
//
// It streams: memory stays at a few maps whatever the dataset size. The reading thread takes
// the stored tiles straight from the file, still compressed (DriftDataset::scanRawTiles), worker
// threads decompress them, and the reading thread adds them up in file order, so the result is
// the same to the bit whatever the thread count. Empty tiles are never read.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "data/DriftDataset.h"
#include "core/JobControl.h"

namespace driftlab {

// Which maps to average.
struct MeanSubset {
    std::optional<Split> split;    // none: every release
    std::optional<int> day;        // none: every output day
    std::string describe() const;  // "all splits, all days", "train, day 3"
    bool operator==(const MeanSubset&) const = default;
};

// "train" | "val" | "test" | "all" (none); throws std::invalid_argument for another word.
std::optional<Split> parseSplitFilter(const std::string& text);

struct MeanResult {
    int nx = 0, ny = 0;
    std::vector<double> mean;     // ny x nx, row 0 = southernmost latitude (the lat axis)
    std::uint64_t maps = 0;       // maps averaged
    std::uint64_t tilesRead = 0;  // stored tiles read and decompressed
    std::uint64_t bytesRead = 0;  // their stored (compressed) bytes
    double seconds = 0;           // wall time of the computation (or of the cache read)
    bool rawTiles = false;        // read as raw tiles; false: whole maps through HDF5
    bool fromCache = false;
};

// The maps `subset` selects. Throws std::invalid_argument (saying why) for a day outside the
// dataset's output days or a subset without maps (a split with no release).
MapSelection selectMaps(const DriftDataset& ds, const MeanSubset& subset);

// Computes the mean on `threads` worker threads (the result does not depend on it). Reports
// progress and throws JobCancelled within a few maps of the stop flag being set. Throws
// std::invalid_argument for a bad subset, DatasetError for a damaged file. Files whose tiles
// cannot be read raw (rewritten by other tools) go through computeMeanDensityDecoded.
MeanResult computeMeanDensity(const DriftDataset& ds, const MeanSubset& subset, int threads,
                              const JobControl& control = {});

// The same from whole maps read through HDF5 (DriftDataset::readDensity), one at a time: any
// storage layout, several times slower. Same additions in the same order, so the same bits.
MeanResult computeMeanDensityDecoded(const DriftDataset& ds, const MeanSubset& subset,
                                     const JobControl& control = {});

}  // namespace driftlab
