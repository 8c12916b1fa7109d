#include "data/DatasetWriter.h"

#include <stdexcept>

#include "data/DatasetSchema.h"
#include "data/Hdf5.h"
#include "core/Hdf5Lock.h"
#include "core/ParallelFor.h"

namespace driftlab {

using h5::Handle;

namespace {
constexpr int kDeflateLevel = 4;

Handle coordinate(hid_t file, const char* name, hid_t type, hsize_t n, const void* values) {
    Handle d = h5::createDataset(file, name, type, {n});
    h5::writeAll(d, type == H5T_IEEE_F64LE ? H5T_NATIVE_DOUBLE : H5T_NATIVE_INT, values);
    h5::makeDimensionScale(d, name);
    return d;
}

void attach(hid_t var, std::initializer_list<hid_t> scales) {
    unsigned axis = 0;
    for (hid_t s : scales) h5::attachScale(var, s, axis++);
}
}  // namespace

struct DatasetWriter::Impl {
    Impl(const Grid& g, int tile) : codec(g, tile, kDeflateLevel) {}
    Handle file, lon, lat, time, release, day, u, v;
    const CurrentFields* fields = nullptr;
    Handle density, mass, beached;
    TileCodec codec;
    std::vector<ReleaseSpec> releases;
    std::vector<int> placed;
    std::vector<bool> written;
    bool currentsWritten = false;
    int outputDays = 0;
    int startDay = 0;  // date of the first current field
};

DatasetWriter::DatasetWriter(const std::string& path, const CurrentFields& fields,
                             const std::vector<ReleaseSpec>& releases, int outputDays,
                             const Attributes& provenance) {
    std::lock_guard lock(hdf5Mutex());
    const Grid& g = fields.grid();
    impl_ = std::make_unique<Impl>(g, TileCodec::defaultTileSize(g));
    Impl& m = *impl_;
    m.releases = releases;
    m.fields = &fields;
    m.outputDays = outputDays;
    m.startDay = fields.startDay;
    m.placed.assign(releases.size(), 0);
    m.written.assign(releases.size(), false);
    const hsize_t nx = g.nx, ny = g.ny, nt = static_cast<hsize_t>(fields.fieldCount()),
                  nr = releases.size(), nd = outputDays + 1;
    const bool subDaily = fields.stepsPerDay > 1;
    if (subDaily && (24 % fields.stepsPerDay != 0))
        throw std::invalid_argument("dataset writer: the currents' step must divide 24 h");

    m.file = h5::createFile(path);
    hid_t f = m.file;
    h5::setAttr(f, "Conventions", "CF-1.8");
    h5::setAttr(f, "title", "DriftLab Lagrangian drift dataset: particle-density maps");
    h5::setAttr(f, schema::kFormatAttr, schema::kFormatName);
    // Daily currents stay format version 1 (the same bytes as before version 2 existed); a
    // sub-daily step needs version 2's time axis in hours.
    h5::setAttr(f, schema::kVersionAttr, subDaily ? schema::kFormatVersion : 1);
    for (const Attribute& a : provenance) {
        std::visit([&](const auto& v) { h5::setAttr(f, a.name, v); }, a.value);
    }

    // Dimensions / coordinates.
    const auto lons = g.lons(), lats = g.lats();
    m.lon = coordinate(f, schema::kLon, H5T_IEEE_F64LE, nx, lons.data());
    h5::setAttr(m.lon, "units", "degrees_east");
    h5::setAttr(m.lon, "standard_name", "longitude");
    h5::setAttr(m.lon, "long_name", "longitude of cell centre");
    h5::setAttr(m.lon, "axis", "X");
    m.lat = coordinate(f, schema::kLat, H5T_IEEE_F64LE, ny, lats.data());
    h5::setAttr(m.lat, "units", "degrees_north");
    h5::setAttr(m.lat, "standard_name", "latitude");
    h5::setAttr(m.lat, "long_name", "latitude of cell centre");
    h5::setAttr(m.lat, "axis", "Y");
    std::vector<int> times(nt);
    const int stepHours = 24 / fields.stepsPerDay;
    for (hsize_t k = 0; k < nt; ++k)
        times[k] = subDaily ? fields.startDay * 24 + static_cast<int>(k) * stepHours
                            : fields.startDay + static_cast<int>(k);
    m.time = coordinate(f, schema::kTime, H5T_STD_I32LE, nt, times.data());
    h5::setAttr(m.time, "units", subDaily ? schema::kTimeUnitsHours : schema::kTimeUnits);
    h5::setAttr(m.time, "calendar", "proleptic_gregorian");
    h5::setAttr(m.time, "standard_name", "time");
    h5::setAttr(m.time, "axis", "T");
    std::vector<int> index(std::max(nr, nd));
    for (std::size_t k = 0; k < index.size(); ++k) index[k] = static_cast<int>(k);
    m.release = coordinate(f, schema::kRelease, H5T_STD_I32LE, nr, index.data());
    h5::setAttr(m.release, "long_name", "release index");
    m.day = coordinate(f, schema::kDay, H5T_STD_I32LE, nd, index.data());
    h5::setAttr(m.day, "long_name", "days after release");
    h5::setAttr(m.day, "units", "days");

    // Ocean mask.
    {
        Handle mask = h5::createDataset(f, schema::kMask, H5T_STD_U8LE, {ny, nx});
        h5::writeAll(mask, H5T_NATIVE_UINT8, fields.mask.values().data());
        attach(mask, {m.lat, m.lon});
        // Imported currents bring their own land mask; the provenance says whose.
        std::string from = "the GSHHG shoreline";
        bool imported = false;
        for (const Attribute& a : provenance) imported = imported || a.name.rfind("import_", 0) == 0;
        for (const Attribute& a : provenance)
            if (imported && a.name == "coastline" && std::holds_alternative<std::string>(a.value))
                from = std::get<std::string>(a.value);
        h5::setAttr(mask, "long_name", "ocean mask from " + from);
        h5::setAttr(mask, "flag_values", std::vector<std::uint8_t>{0, 1});
        h5::setAttr(mask, "flag_meanings", "land ocean");
    }
    // Currents.
    const char* names[2] = {schema::kU, schema::kV};
    const char* standardNames[2] = {"eastward_sea_water_velocity", "northward_sea_water_velocity"};
    for (int c = 0; c < 2; ++c) {
        Handle& d = c == 0 ? m.u : m.v;
        d = h5::createDataset(f, names[c], H5T_IEEE_F32LE, {nt, ny, nx},
                              {{1, ny, nx}, kDeflateLevel, true});
        attach(d, {m.time, m.lat, m.lon});
        h5::setAttr(d, "units", "m s-1");
        h5::setAttr(d, "standard_name", standardNames[c]);
        h5::setAttr(d, "long_name",
                    c == 0 ? "eastward surface current" : "northward surface current");
    }
    // Density maps: tiles, only the non-empty ones written.
    const hsize_t tile = m.codec.tileSize();
    // A file of currents alone (no release) keeps the release dimension growable: HDF5 takes no
    // chunk larger than a fixed dimension of length 0.
    m.density = h5::createDataset(f, schema::kDensity, H5T_IEEE_F32LE, {nr, nd, ny, nx},
                                  {{1, 1, tile, tile}, kDeflateLevel, true, nr == 0});
    attach(m.density, {m.release, m.day, m.lat, m.lon});
    h5::setAttr(m.density, "units", "1");
    h5::setAttr(m.density, "long_name",
                "particle probability density: fraction of the released particles per cell");
    h5::setAttr(m.density, "smoothing", "Gaussian, normalised over ocean cells (mass-conserving)");
    m.mass = h5::createDataset(f, schema::kMass, H5T_IEEE_F32LE, {nr, nd});
    attach(m.mass, {m.release, m.day});
    h5::setAttr(m.mass, "units", "1");
    h5::setAttr(m.mass, "long_name",
                "fraction of released particles still in the domain (sum of the map)");
    m.beached = h5::createDataset(f, schema::kBeached, H5T_IEEE_F32LE, {nr, nd});
    attach(m.beached, {m.release, m.day});
    h5::setAttr(m.beached, "units", "1");
    h5::setAttr(m.beached, "long_name", "fraction of released particles beached on the coast");
}

DatasetWriter::~DatasetWriter() {
    std::lock_guard lock(hdf5Mutex());
    impl_.reset();
}

const TileCodec& DatasetWriter::codec() const {
    return impl_->codec;
}

void DatasetWriter::writeCurrents(int threads, const JobControl& control) {
    Impl& m = *impl_;
    const CurrentFields& f = *m.fields;
    const std::size_t cells = f.grid().cellCount();
    // Compress a batch of days in parallel, then hand the chunks to HDF5 in day order.
    const int batch = 4 * std::max(threads, 1);
    std::vector<std::vector<unsigned char>> chunks(2 * static_cast<std::size_t>(batch));
    const int fields = f.fieldCount();
    for (int first = 0; first < fields; first += batch) {
        control.throwIfStopped();
        const int n = std::min(batch, fields - first);
        parallelFor(2 * n, threads, [&](int k) {
            const int field = first + k / 2;
            chunks[k] = encodeChunk(k % 2 == 0 ? f.uField(field) : f.vField(field), cells,
                                    kDeflateLevel);
        });
        std::lock_guard lock(hdf5Mutex());
        for (int k = 0; k < 2 * n; ++k) {
            h5::writeRawChunk(k % 2 == 0 ? m.u : m.v, {static_cast<hsize_t>(first + k / 2), 0, 0},
                              chunks[k].data(), chunks[k].size());
        }
        control.report(static_cast<double>(first + n) / fields, "currents");
    }
    m.u.close();
    m.v.close();
    m.currentsWritten = true;
}

void DatasetWriter::writeRelease(int index, const EncodedRelease& r) {
    std::lock_guard lock(hdf5Mutex());
    Impl& m = *impl_;
    const int nd = m.outputDays + 1;
    if (index < 0 || index >= static_cast<int>(m.releases.size()) ||
        static_cast<int>(r.tiles.size()) != nd || static_cast<int>(r.mass.size()) != nd) {
        throw std::invalid_argument("dataset writer: malformed release " + std::to_string(index));
    }
    const hsize_t tile = m.codec.tileSize();
    for (int d = 0; d < nd; ++d) {
        for (const EncodedTile& t : r.tiles[d]) {
            h5::writeRawChunk(
                m.density,
                {static_cast<hsize_t>(index), static_cast<hsize_t>(d), t.tj * tile, t.ti * tile},
                t.bytes.data(), t.bytes.size());
        }
    }
    const std::vector<hsize_t> off{static_cast<hsize_t>(index), 0},
        cnt{1, static_cast<hsize_t>(nd)};
    h5::writeBox(m.mass, H5T_NATIVE_FLOAT, off, cnt, r.mass.data());
    h5::writeBox(m.beached, H5T_NATIVE_FLOAT, off, cnt, r.beached.data());
    m.placed[index] = r.placed;
    m.written[index] = true;
}

void DatasetWriter::finish() {
    std::lock_guard lock(hdf5Mutex());
    Impl& m = *impl_;
    if (!m.currentsWritten) throw std::logic_error("dataset writer: currents not written");
    for (std::size_t k = 0; k < m.written.size(); ++k) {
        if (!m.written[k])
            throw std::logic_error("dataset writer: release " + std::to_string(k) + " missing");
    }
    const hsize_t nr = m.releases.size();
    std::vector<int> day(nr), particles(nr);
    std::vector<double> lon(nr), lat(nr), radius(nr);
    std::vector<std::uint8_t> split(nr);
    // Release times as dates: the date of the release day's field at 00:00.
    for (hsize_t k = 0; k < nr; ++k) {
        const ReleaseSpec& r = m.releases[k];
        day[k] = m.startDay + r.day;
        lon[k] = r.lon;
        lat[k] = r.lat;
        radius[k] = r.radiusKm;
        particles[k] = m.placed[k];
        split[k] = static_cast<std::uint8_t>(r.split);
    }
    hid_t f = m.file;
    auto column = [&](const char* name, hid_t fileType, hid_t memType, const void* values) {
        Handle d = h5::createDataset(f, name, fileType, {nr});
        h5::writeAll(d, memType, values);
        attach(d, {m.release});
        return d;
    };
    Handle t = column(schema::kReleaseTime, H5T_STD_I32LE, H5T_NATIVE_INT, day.data());
    h5::setAttr(t, "units", schema::kTimeUnits);
    h5::setAttr(t, "calendar", "proleptic_gregorian");
    h5::setAttr(t, "long_name", "release date (00:00 UTC)");
    Handle lo = column(schema::kReleaseLon, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, lon.data());
    h5::setAttr(lo, "units", "degrees_east");
    h5::setAttr(lo, "long_name", "longitude of the release centre");
    Handle la = column(schema::kReleaseLat, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, lat.data());
    h5::setAttr(la, "units", "degrees_north");
    h5::setAttr(la, "long_name", "latitude of the release centre");
    Handle ra = column(schema::kReleaseRadius, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, radius.data());
    h5::setAttr(ra, "units", "km");
    h5::setAttr(ra, "long_name", "geodesic radius of the release disc");
    Handle pa = column(schema::kReleaseParticles, H5T_STD_I32LE, H5T_NATIVE_INT, particles.data());
    h5::setAttr(pa, "long_name",
                "particles released (those that would start on land are not placed)");
    Handle sp = column(schema::kSplit, H5T_STD_U8LE, H5T_NATIVE_UINT8, split.data());
    h5::setAttr(sp, "long_name", "machine-learning split of the release");
    h5::setAttr(sp, "flag_values", std::vector<std::uint8_t>{0, 1, 2});
    h5::setAttr(sp, "flag_meanings", "train val test");
    // Close everything in order; the file is complete only now.
    t.close();
    lo.close();
    la.close();
    ra.close();
    pa.close();
    sp.close();
    m.density.close();
    m.mass.close();
    m.beached.close();
    m.lon.close();
    m.lat.close();
    m.time.close();
    m.release.close();
    m.day.close();
    h5::check(H5Fflush(m.file, H5F_SCOPE_GLOBAL), "flush file");
    m.file.close();
}

}  // namespace driftlab
