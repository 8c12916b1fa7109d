#include "data/CfGridWriter.h"

#include <algorithm>
#include <numeric>
#include <variant>

#include "data/DatasetSchema.h"

namespace driftlab {

using h5::Handle;

CfGridWriter::CfGridWriter(const std::string& path, const char* title, const char* formatName,
                           int formatVersion) {
    file_ = h5::createFile(path);
    h5::setAttr(file_, "Conventions", "CF-1.8");
    h5::setAttr(file_, "title", title);
    h5::setAttr(file_, schema::kFormatAttr, formatName);
    h5::setAttr(file_, schema::kVersionAttr, formatVersion);
}

void CfGridWriter::writeAttributes(const Attributes& attributes) {
    for (const Attribute& a : attributes)
        std::visit([&](const auto& v) { h5::setAttr(file_, a.name, v); }, a.value);
}

void CfGridWriter::writeGrid(const Grid& g) {
    const auto lons = g.lons(), lats = g.lats();
    nx_ = static_cast<hsize_t>(g.nx);
    ny_ = static_cast<hsize_t>(g.ny);
    lon_ = coordinate(schema::kLon, H5T_IEEE_F64LE, {static_cast<hsize_t>(g.nx)}, {}, lons.data());
    h5::setAttr(lon_, "units", "degrees_east");
    h5::setAttr(lon_, "standard_name", "longitude");
    h5::setAttr(lon_, "long_name", "longitude of cell centre");
    h5::setAttr(lon_, "axis", "X");
    lat_ = coordinate(schema::kLat, H5T_IEEE_F64LE, {static_cast<hsize_t>(g.ny)}, {}, lats.data());
    h5::setAttr(lat_, "units", "degrees_north");
    h5::setAttr(lat_, "standard_name", "latitude");
    h5::setAttr(lat_, "long_name", "latitude of cell centre");
    h5::setAttr(lat_, "axis", "Y");
}

void CfGridWriter::writeDays(hsize_t days) {
    std::vector<int> index(days);
    std::iota(index.begin(), index.end(), 0);
    day_ = coordinate(schema::kDay, H5T_STD_I32LE, {days}, {}, index.data());
    h5::setAttr(day_, "long_name", "days after release");
    h5::setAttr(day_, "units", "days");
}

void CfGridWriter::writeReleases(hsize_t count, const char* longName, const h5::ChunkSpec& spec) {
    if (spec.growable) {
        release_ = coordinate(schema::kRelease, H5T_STD_I32LE, {0}, spec, nullptr);
    } else {
        std::vector<int> index(std::max<hsize_t>(count, 1));  // written even when empty
        std::iota(index.begin(), index.end(), 0);
        release_ = coordinate(schema::kRelease, H5T_STD_I32LE, {count}, spec, index.data());
    }
    h5::setAttr(release_, "long_name", longName);
}

void CfGridWriter::growReleases(hsize_t count) {
    std::vector<int> index(count);
    std::iota(index.begin(), index.end(), 0);
    h5::setExtent(release_, {count});
    if (count > 0) h5::writeAll(release_, H5T_NATIVE_INT, index.data());
}

void CfGridWriter::writeMask(const std::uint8_t* values, const std::string& from) {
    Handle mask = h5::createDataset(file_, schema::kMask, H5T_STD_U8LE, {ny_, nx_});
    h5::writeAll(mask, H5T_NATIVE_UINT8, values);
    attach(mask, {lat_, lon_});
    h5::setAttr(mask, "long_name", "ocean mask from " + from);
    h5::setAttr(mask, "flag_values", std::vector<std::uint8_t>{0, 1});
    h5::setAttr(mask, "flag_meanings", "land ocean");
}

Handle CfGridWriter::coordinate(const char* name, hid_t type, const std::vector<hsize_t>& dims,
                                const h5::ChunkSpec& spec, const void* values) {
    Handle d = h5::createDataset(file_, name, type, dims, spec);
    if (values)
        h5::writeAll(d, type == H5T_IEEE_F64LE ? H5T_NATIVE_DOUBLE : H5T_NATIVE_INT, values);
    h5::makeDimensionScale(d, name);
    return d;
}

Handle CfGridWriter::variable(const char* name, hid_t type, const std::vector<hsize_t>& dims,
                              const h5::ChunkSpec& spec, std::initializer_list<hid_t> scales,
                              const char* units, const std::string& longName) {
    Handle d = h5::createDataset(file_, name, type, dims, spec);
    attach(d, scales);
    h5::setAttr(d, "units", units);
    h5::setAttr(d, "long_name", longName);
    return d;
}

void CfGridWriter::attach(hid_t var, std::initializer_list<hid_t> scales) {
    unsigned axis = 0;
    for (hid_t s : scales) h5::attachScale(var, s, axis++);
}

void CfGridWriter::writeReleaseTable(const ReleaseTable& t, const h5::ChunkSpec& spec) {
    const hsize_t n = t.size();
    auto column = [&](const char* name, hid_t fileType, hid_t memType, const void* values) {
        Handle d = h5::createDataset(file_, name, fileType, {n}, spec);
        if (n > 0) h5::writeAll(d, memType, values);
        attach(d, {release_});
        return d;
    };
    Handle time = column(schema::kReleaseTime, H5T_STD_I32LE, H5T_NATIVE_INT, t.dates.data());
    h5::setAttr(time, "units", schema::kTimeUnits);
    h5::setAttr(time, "calendar", "proleptic_gregorian");
    h5::setAttr(time, "long_name", "release date (00:00 UTC)");
    Handle lo = column(schema::kReleaseLon, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, t.lons.data());
    h5::setAttr(lo, "units", "degrees_east");
    h5::setAttr(lo, "long_name", "longitude of the release centre");
    Handle la = column(schema::kReleaseLat, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, t.lats.data());
    h5::setAttr(la, "units", "degrees_north");
    h5::setAttr(la, "long_name", "latitude of the release centre");
    Handle ra = column(schema::kReleaseRadius, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, t.radii.data());
    h5::setAttr(ra, "units", "km");
    h5::setAttr(ra, "long_name", "geodesic radius of the release disc");
    Handle pa =
        column(schema::kReleaseParticles, H5T_STD_I32LE, H5T_NATIVE_INT, t.particles.data());
    h5::setAttr(pa, "long_name",
                "particles released (those that would start on land are not placed)");
    Handle sp = column(schema::kSplit, H5T_STD_U8LE, H5T_NATIVE_UINT8, t.splits.data());
    h5::setAttr(sp, "long_name", "machine-learning split of the release");
    h5::setAttr(sp, "flag_values", std::vector<std::uint8_t>{0, 1, 2});
    h5::setAttr(sp, "flag_meanings", "train val test");
    if (t.hasSources) {
        Handle so = column(schema::kSourceRelease, H5T_STD_I32LE, H5T_NATIVE_INT, t.sources.data());
        h5::setAttr(so, "long_name",
                    "release of the source dataset this record repeats (-1: a new release)");
    }
}

void CfGridWriter::close() {
    lon_.close();
    lat_.close();
    day_.close();
    release_.close();
    h5::check(H5Fflush(file_, H5F_SCOPE_GLOBAL), "flush file");
    file_.close();
}

}  // namespace driftlab
