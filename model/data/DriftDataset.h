#pragma once
// Read access to a DriftLab dataset file: the one door through which the rest of DriftLab
// reads datasets. Opening validates the file (format attribute, version, every variable and its
// shape) and throws DatasetError with a message that names the file and the problem.
// All methods are safe to call from several threads (HDF5 calls are serialised).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "drift/Release.h"
#include "ocean/CurrentFields.h"

namespace driftlab {

// The maps a raw tile scan visits: every listed release on every listed day (both ascending).
struct MapSelection {
    std::vector<int> releases;
    std::vector<int> days;
    std::size_t mapCount() const { return releases.size() * days.size(); }
};

// One stored density tile as it is in the file (TileCodec's encoding), not decoded.
struct RawTile {
    int release = 0, day = 0;
    int ti = 0, tj = 0;            // tile column and row
    std::uint32_t filterMask = 0;  // HDF5's: bit 0 set = not shuffled, bit 1 = not deflated
    std::uint32_t size = 0;        // stored bytes
    std::size_t offset = 0;        // where they start in RawTileBatch::bytes
    std::uint64_t fileOffset = 0;  // where they start in the file
};

struct RawTileBatch {
    std::vector<RawTile> tiles;
    std::vector<unsigned char> bytes;
    std::size_t mapsDone = 0;  // selected maps, in selection order, complete with this batch
};

// Identifies the file's version: what it was when opened.
struct FileStamp {
    std::uint64_t size = 0;
    std::int64_t modifiedNs = 0;  // modification time, ns since 1970
    std::uint64_t device = 0, inode = 0;
    bool operator==(const FileStamp&) const = default;
};
// The file at `path` now; nothing if it cannot be stat'ed.
std::optional<FileStamp> fileStampOf(const std::string& path);

struct ReleaseRecord {
    ReleaseSpec spec;  // day: index into the current fields; particles: as requested
    int placed = 0;    // particles actually released
    int date = 0;      // release date, days since 1970-01-01
};

class DriftDataset {
public:
    // Checks the file in a short-lived child process first (data/ChildProbe.h): a file whose
    // damaged metadata crashes libhdf5 is refused with a DatasetError, never a crash here.
    static DriftDataset open(const std::string& path);
    ~DriftDataset();
    DriftDataset(DriftDataset&&) noexcept;
    DriftDataset& operator=(DriftDataset&&) noexcept;

    const std::string& path() const;
    int formatVersion() const;
    const Grid& grid() const;
    const OceanMask& mask() const;
    int startDay() const;     // date of current field 0, days since 1970-01-01
    int currentDays() const;  // days the currents cover (fields at 00:00 of each)
    int outputDays() const;   // maps per release = outputDays + 1
    int releaseCount() const;
    int tileSize() const;  // side of a density chunk
    const std::vector<ReleaseRecord>& releases() const;
    std::vector<int> releasesInSplit(Split split) const;

    // Current field at 00:00 of day k (ny x nx each). Throws DatasetError on NaN or Inf.
    void readCurrents(int k, std::vector<float>& u, std::vector<float>& v) const;
    // Current fields per day: 1 for daily currents, more for a shorter step (format version 2).
    int currentStepsPerDay() const;
    // Current field n of all (currentDays() - 1) * currentStepsPerDay() + 1.
    void readCurrentField(int n, std::vector<float>& u, std::vector<float>& v) const;
    CurrentFields readAllCurrents() const;
    // Density map of a release on an output day (ny x nx).
    void readDensity(int release, int day, std::vector<float>& map) const;
    // Stored (non-empty) tiles of one map, as (tile column, tile row).
    std::vector<std::pair<int, int>> storedTiles(int release, int day) const;
    std::uint64_t storedTileCount() const;  // over all maps
    // True when scanRawTiles can read this file: its density tiles are stored as DriftLab writes
    // them (one chunk per tile, float32, shuffle + deflate, HDF5 1.10's B-tree chunk index). A
    // file rewritten by other tools may store them otherwise: read its maps with readDensity.
    bool rawTilesReadable() const;
    // Reads the stored tiles of the selected maps in file order (release, day, tile row, tile
    // column) straight from the file, still compressed: empty tiles are skipped unread. Hands
    // them to `sink` in batches that end on a map boundary once they hold `maxTiles` tiles or
    // `maxMaps` maps. Memory stays at one batch and one index node whatever the file size. It
    // makes no HDF5 call after the start and holds no lock while `sink` runs, so other threads
    // can decode earlier batches meanwhile. `sink` may swap the batch's contents out; it is
    // cleared before it is filled again. Throws DatasetError (file name, what is wrong) if the
    // file is not rawTilesReadable() or its chunk index is damaged; passes on what sink throws.
    void scanRawTiles(const MapSelection& maps, std::size_t maxTiles, std::size_t maxMaps,
                      const std::function<void(RawTileBatch&)>& sink) const;
    std::uint64_t possibleTileCount() const;
    std::vector<float> mass() const;     // releases x (outputDays + 1)
    std::vector<float> beached() const;  // releases x (outputDays + 1)
    // Global attributes as text (provenance), in name order.
    std::vector<std::pair<std::string, std::string>> attributes() const;
    // A numeric global attribute at full precision (the text above rounds); nothing if the file
    // lacks it or it is not a single number.
    std::optional<double> numberAttribute(const std::string& name) const;
    std::uint64_t fileSizeBytes() const;
    // The file as it was opened (a later change on disk does not show in this object).
    const FileStamp& fileStamp() const;

private:
    DriftDataset();
    // open() without the check in a child process.
    static DriftDataset openInProcess(const std::string& path);
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace driftlab
