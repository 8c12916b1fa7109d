#include "data/DatasetWriter.h"

#include <stdexcept>

#include "core/Hdf5Lock.h"
#include "core/ParallelFor.h"
#include "data/CfGridWriter.h"
#include "data/DatasetSchema.h"
#include "data/Hdf5.h"

namespace driftlab {

using h5::Handle;

namespace {
constexpr int kDeflateLevel = 4;
}  // namespace

struct DatasetWriter::Impl {
    Impl(const std::string& path, bool subDaily, const Grid& g, int tile)
        : cf(path, "DriftLab Lagrangian drift dataset: particle-density maps", schema::kFormatName,
             subDaily ? schema::kFormatVersion : 1),
          codec(g, tile, kDeflateLevel) {}
    // Daily currents stay format version 1 (the same bytes as before version 2 existed); a
    // sub-daily step needs version 2's time axis in hours.
    CfGridWriter cf;
    Handle time, u, v;
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
    const bool subDaily = fields.stepsPerDay > 1;
    if (subDaily && (24 % fields.stepsPerDay != 0))
        throw std::invalid_argument("dataset writer: the currents' step must divide 24 h");
    impl_ = std::make_unique<Impl>(path, subDaily, g, TileCodec::defaultTileSize(g));
    Impl& m = *impl_;
    m.releases = releases;
    m.fields = &fields;
    m.outputDays = outputDays;
    m.startDay = fields.startDay;
    m.placed.assign(releases.size(), 0);
    m.written.assign(releases.size(), false);
    const hsize_t nx = g.nx, ny = g.ny, nt = static_cast<hsize_t>(fields.fieldCount()),
                  nr = releases.size(), nd = outputDays + 1;
    CfGridWriter& cf = m.cf;
    cf.writeAttributes(provenance);

    // Dimensions / coordinates.
    cf.writeGrid(g);
    std::vector<int> times(nt);
    const int stepHours = 24 / fields.stepsPerDay;
    for (hsize_t k = 0; k < nt; ++k)
        times[k] = subDaily ? fields.startDay * 24 + static_cast<int>(k) * stepHours
                            : fields.startDay + static_cast<int>(k);
    m.time = cf.coordinate(schema::kTime, H5T_STD_I32LE, {nt}, {}, times.data());
    h5::setAttr(m.time, "units", subDaily ? schema::kTimeUnitsHours : schema::kTimeUnits);
    h5::setAttr(m.time, "calendar", "proleptic_gregorian");
    h5::setAttr(m.time, "standard_name", "time");
    h5::setAttr(m.time, "axis", "T");
    cf.writeReleases(nr, "release index");
    cf.writeDays(nd);

    // Imported currents bring their own land mask; the provenance says whose.
    std::string from = "the GSHHG shoreline";
    bool imported = false;
    for (const Attribute& a : provenance) imported = imported || a.name.rfind("import_", 0) == 0;
    for (const Attribute& a : provenance)
        if (imported && a.name == "coastline" && std::holds_alternative<std::string>(a.value))
            from = std::get<std::string>(a.value);
    cf.writeMask(fields.mask.values().data(), from);
    // Currents.
    const char* names[2] = {schema::kU, schema::kV};
    const char* standardNames[2] = {"eastward_sea_water_velocity", "northward_sea_water_velocity"};
    for (int c = 0; c < 2; ++c) {
        Handle& d = c == 0 ? m.u : m.v;
        d = h5::createDataset(cf.file(), names[c], H5T_IEEE_F32LE, {nt, ny, nx},
                              {{1, ny, nx}, kDeflateLevel, true});
        CfGridWriter::attach(d, {m.time, cf.lat(), cf.lon()});
        h5::setAttr(d, "units", "m s-1");
        h5::setAttr(d, "standard_name", standardNames[c]);
        h5::setAttr(d, "long_name",
                    c == 0 ? "eastward surface current" : "northward surface current");
    }
    // Density maps: tiles, only the non-empty ones written.
    const hsize_t tile = m.codec.tileSize();
    // A file of currents alone (no release) keeps the release dimension growable: HDF5 takes no
    // chunk larger than a fixed dimension of length 0.
    m.density =
        cf.variable(schema::kDensity, H5T_IEEE_F32LE, {nr, nd, ny, nx},
                    {{1, 1, tile, tile}, kDeflateLevel, true, nr == 0},
                    {cf.release(), cf.day(), cf.lat(), cf.lon()}, "1",
                    "particle probability density: fraction of the released particles per cell");
    h5::setAttr(m.density, "smoothing", "Gaussian, normalised over ocean cells (mass-conserving)");
    m.mass = cf.variable(schema::kMass, H5T_IEEE_F32LE, {nr, nd}, {}, {cf.release(), cf.day()}, "1",
                         "fraction of released particles still in the domain (sum of the map)");
    m.beached =
        cf.variable(schema::kBeached, H5T_IEEE_F32LE, {nr, nd}, {}, {cf.release(), cf.day()}, "1",
                    "fraction of released particles beached on the coast");
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
            chunks[k] =
                encodeChunk(k % 2 == 0 ? f.uField(field) : f.vField(field), cells, kDeflateLevel);
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
    ReleaseTable table;
    // Release times as dates: the date of the release day's field at 00:00.
    for (std::size_t k = 0; k < m.releases.size(); ++k) {
        const ReleaseSpec& r = m.releases[k];
        table.dates.push_back(m.startDay + r.day);
        table.lons.push_back(r.lon);
        table.lats.push_back(r.lat);
        table.radii.push_back(r.radiusKm);
        table.particles.push_back(m.placed[k]);
        table.splits.push_back(static_cast<std::uint8_t>(r.split));
    }
    m.cf.writeReleaseTable(table, {});
    // Close everything in order; the file is complete only now.
    m.density.close();
    m.mass.close();
    m.beached.close();
    m.time.close();
    m.cf.close();
}

}  // namespace driftlab
