#pragma once
// The CF / NetCDF-4 skeleton DriftLab's dataset and forecast files share (docs/dataset-format.md):
// global attributes, the lon / lat / day / release coordinate variables as dimension scales,
// the ocean mask, and the release table. Only model/data uses it (it speaks HDF5). Not
// thread-safe: the caller holds the HDF5 lock.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "data/Attribute.h"
#include "data/Hdf5.h"
#include "ocean/Grid.h"

namespace driftlab {

// One row per release: what finish() of either writer stores.
struct ReleaseTable {
    std::vector<int> dates;  // release date (00:00 UTC), days since 1970-01-01
    std::vector<double> lons, lats, radii;
    std::vector<int> particles;  // particles placed
    std::vector<std::uint8_t> splits;
    bool hasSources = false;   // forecasts: the source_release column
    std::vector<int> sources;  // the source release each repeats, -1 for a new one
    std::size_t size() const { return dates.size(); }
};

class CfGridWriter {
public:
    // Creates (truncates) the file with Conventions, title and DriftLab's format name / version.
    CfGridWriter(const std::string& path, const char* title, const char* formatName,
                 int formatVersion);

    hid_t file() const { return file_; }
    const h5::Handle& lon() const { return lon_; }
    const h5::Handle& lat() const { return lat_; }
    const h5::Handle& day() const { return day_; }
    const h5::Handle& release() const { return release_; }

    // Global attributes (provenance, settings), in their order.
    void writeAttributes(const Attributes& attributes);
    // lon(nx), lat(ny): the cell centres, CF coordinate variables.
    void writeGrid(const Grid& g);
    // day(days): days after release, 0 .. days - 1.
    void writeDays(hsize_t days);
    // release(count): indices 0 .. count - 1; with a growable spec, empty (NetCDF sees an
    // unlimited dimension) for records added one by one, sized by growReleases.
    void writeReleases(hsize_t count, const char* longName, const h5::ChunkSpec& spec = {});
    void growReleases(hsize_t count);
    // mask(lat, lon): 1 ocean, 0 land; `from` says whose shoreline.
    void writeMask(const std::uint8_t* values, const std::string& from);

    // A 1-D coordinate variable and dimension scale of its own name; values may be null.
    h5::Handle coordinate(const char* name, hid_t type, const std::vector<hsize_t>& dims,
                          const h5::ChunkSpec& spec, const void* values);
    // A variable over `scales` (its dimensions, in order) with units and long_name.
    h5::Handle variable(const char* name, hid_t type, const std::vector<hsize_t>& dims,
                        const h5::ChunkSpec& spec, std::initializer_list<hid_t> scales,
                        const char* units, const std::string& longName);
    static void attach(hid_t var, std::initializer_list<hid_t> scales);

    // The release table over `release` (column chunks by `spec`).
    void writeReleaseTable(const ReleaseTable& table, const h5::ChunkSpec& spec);
    // Closes the coordinates, flushes and closes the file: the file is complete only now.
    void close();

private:
    h5::Handle file_, lon_, lat_, day_, release_;
    hsize_t nx_ = 0, ny_ = 0;
};

}  // namespace driftlab
