#include "data/ForecastWriter.h"

#include <filesystem>
#include <numeric>
#include <sstream>
#include <stdexcept>

#include "DriftLabVersion.h"
#include "data/AtomicFile.h"
#include "data/DatasetSchema.h"
#include "data/DriftDataset.h"
#include "data/Hdf5.h"
#include "core/Hdf5Lock.h"

namespace driftlab {

using h5::Handle;

namespace {
constexpr int kDeflateLevel = 4;
constexpr hsize_t kColumnChunk = 256;

Handle coordinate(hid_t file, const char* name, hid_t type, const std::vector<hsize_t>& dims,
                  const h5::ChunkSpec& spec, const void* values) {
    Handle d = h5::createDataset(file, name, type, dims, spec);
    if (values)
        h5::writeAll(d, type == H5T_IEEE_F64LE ? H5T_NATIVE_DOUBLE : H5T_NATIVE_INT, values);
    h5::makeDimensionScale(d, name);
    return d;
}

void attach(hid_t var, std::initializer_list<hid_t> scales) {
    unsigned axis = 0;
    for (hid_t s : scales) h5::attachScale(var, s, axis++);
}

std::string describe(const char* what, std::size_t got, std::size_t want) {
    std::ostringstream s;
    s << "forecast record: " << what << " has " << got << ", expected " << want;
    return s.str();
}
}  // namespace

struct ForecastWriter::Impl {
    explicit Impl(const std::string& path) : atomic(path) {}
    AtomicFile atomic;  // first member: it removes the temporary file after HDF5 closed it
    Handle file, lon, lat, day, release, density, prediction, mass, predictionMass, advection;
    int advected = -1;  // -1: no record yet; 0 / 1: the records carry no / an advected forecast
    Grid grid;
    int outputDays = 0;
    bool model = false;
    int count = 0;
    bool finished = false;
    // The release table, written in finish() (a few numbers per record).
    std::vector<int> dates, particles, sources;
    std::vector<double> lons, lats, radii;
    std::vector<std::uint8_t> splits;
};

ForecastWriter::ForecastWriter(const std::string& path, const DriftDataset& source, int outputDays,
                               const std::string& kind, const std::string& modelDescription,
                               const Attributes& extra) {
    if (kind != "rollout" && kind != "one-step" && kind != "release")
        throw std::invalid_argument("unknown forecast kind '" + kind +
                                    "' (rollout, one-step or release)");
    if (outputDays < 1) throw std::invalid_argument("a forecast needs at least one output day");
    std::lock_guard lock(hdf5Mutex());
    impl_ = std::make_unique<Impl>(path);
    Impl& m = *impl_;
    m.grid = source.grid();
    m.outputDays = outputDays;
    m.model = !modelDescription.empty();
    const Grid& g = m.grid;
    const hsize_t nx = static_cast<hsize_t>(g.nx), ny = static_cast<hsize_t>(g.ny),
                  nd = static_cast<hsize_t>(outputDays) + 1;

    m.file = h5::createFile(m.atomic.tempPath());
    hid_t f = m.file;
    h5::setAttr(f, "Conventions", "CF-1.8");
    h5::setAttr(f, "title", "DriftLab forecast: simulated and predicted particle-density maps");
    h5::setAttr(f, schema::kFormatAttr, schema::kForecastFormatName);
    h5::setAttr(f, schema::kVersionAttr, schema::kForecastFormatVersion);
    h5::setAttr(f, "driftlab_version", kDriftLabVersion);
    h5::setAttr(f, "forecast_kind", kind);
    h5::setAttr(f, "forecast_model", m.model ? modelDescription : std::string("none"));
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(source.path(), ec);
    h5::setAttr(f, "source_dataset", ec ? source.path() : absolute.lexically_normal().string());
    h5::setAttr(f, "source_format_version", source.formatVersion());
    for (const Attribute& a : extra)
        std::visit([&](const auto& v) { h5::setAttr(f, a.name, v); }, a.value);

    const auto lonValues = g.lons(), latValues = g.lats();
    m.lon = coordinate(f, schema::kLon, H5T_IEEE_F64LE, {nx}, {}, lonValues.data());
    h5::setAttr(m.lon, "units", "degrees_east");
    h5::setAttr(m.lon, "standard_name", "longitude");
    h5::setAttr(m.lon, "long_name", "longitude of cell centre");
    h5::setAttr(m.lon, "axis", "X");
    m.lat = coordinate(f, schema::kLat, H5T_IEEE_F64LE, {ny}, {}, latValues.data());
    h5::setAttr(m.lat, "units", "degrees_north");
    h5::setAttr(m.lat, "standard_name", "latitude");
    h5::setAttr(m.lat, "long_name", "latitude of cell centre");
    h5::setAttr(m.lat, "axis", "Y");
    std::vector<int> days(nd);
    std::iota(days.begin(), days.end(), 0);
    m.day = coordinate(f, schema::kDay, H5T_STD_I32LE, {nd}, {}, days.data());
    h5::setAttr(m.day, "long_name", "days after release");
    h5::setAttr(m.day, "units", "days");
    // The record dimension grows with each add(): NetCDF sees it as unlimited.
    m.release = coordinate(f, schema::kRelease, H5T_STD_I32LE, {0},
                           {{kColumnChunk}, 0, false, true}, nullptr);
    h5::setAttr(m.release, "long_name", "forecast record index");
    {
        Handle mask = h5::createDataset(f, schema::kMask, H5T_STD_U8LE, {ny, nx});
        h5::writeAll(mask, H5T_NATIVE_UINT8, source.mask().values().data());
        attach(mask, {m.lat, m.lon});
        h5::setAttr(mask, "long_name", "ocean mask from the GSHHG shoreline");
        h5::setAttr(mask, "flag_values", std::vector<std::uint8_t>{0, 1});
        h5::setAttr(mask, "flag_meanings", "land ocean");
    }
    // One chunk per map: a predicted map has small values almost everywhere, so tiles would not
    // be sparse as the simulated ones are; shuffle + deflate still shrink the zeros.
    const h5::ChunkSpec maps{{1, 1, ny, nx}, kDeflateLevel, true, true};
    m.density = h5::createDataset(f, schema::kDensity, H5T_IEEE_F32LE, {0, nd, ny, nx}, maps);
    attach(m.density, {m.release, m.day, m.lat, m.lon});
    h5::setAttr(m.density, "units", "1");
    h5::setAttr(m.density, "long_name",
                "simulated particle probability density (the truth): fraction of the released "
                "particles per cell");
    m.mass =
        h5::createDataset(f, schema::kMass, H5T_IEEE_F32LE, {0, nd}, {{64, nd}, 0, false, true});
    attach(m.mass, {m.release, m.day});
    h5::setAttr(m.mass, "units", "1");
    h5::setAttr(m.mass, "long_name",
                "fraction of released particles still in the domain (sum of the simulated map)");
    if (m.model) {
        m.prediction =
            h5::createDataset(f, schema::kPrediction, H5T_IEEE_F32LE, {0, nd, ny, nx}, maps);
        attach(m.prediction, {m.release, m.day, m.lat, m.lon});
        h5::setAttr(m.prediction, "units", "1");
        h5::setAttr(m.prediction, "long_name",
                    "particle probability density predicted by the model (day 0: the initial "
                    "state, the simulated map)");
        h5::setAttr(m.prediction, "model", modelDescription);
        m.predictionMass = h5::createDataset(f, schema::kPredictionMass, H5T_IEEE_F32LE, {0, nd},
                                             {{64, nd}, 0, false, true});
        attach(m.predictionMass, {m.release, m.day});
        h5::setAttr(m.predictionMass, "units", "1");
        h5::setAttr(m.predictionMass, "long_name", "sum of the predicted map");
    }
}

ForecastWriter::~ForecastWriter() {
    std::lock_guard lock(hdf5Mutex());
    impl_.reset();
}

bool ForecastWriter::hasModel() const {
    return impl_->model;
}

int ForecastWriter::records() const {
    return impl_->count;
}

void ForecastWriter::add(const ForecastRecord& r) {
    Impl& m = *impl_;
    if (m.finished) throw std::logic_error("forecast writer: add after finish");
    const std::size_t nd = static_cast<std::size_t>(m.outputDays) + 1, cells = m.grid.cellCount();
    auto check = [&](const std::vector<std::vector<float>>& maps, const char* what) {
        if (maps.size() != nd) throw std::invalid_argument(describe(what, maps.size(), nd));
        for (const auto& map : maps)
            if (map.size() != cells)
                throw std::invalid_argument(describe("a map", map.size(), cells));
    };
    check(r.simulated, "the simulated maps");
    if (m.model) {
        check(r.predicted, "the predicted maps");
    } else if (!r.predicted.empty()) {
        throw std::invalid_argument("forecast record: predicted maps, but the file has no model");
    }
    const int advected = r.advected.empty() ? 0 : 1;
    if (m.advected >= 0 && advected != m.advected)
        throw std::invalid_argument(
            advected ? "forecast record: an advected forecast, but the file's records have none"
                     : "forecast record: no advected forecast, but the file's records have one");
    if (advected) check(r.advected, "the advected maps");
    if (!r.mass.empty() && r.mass.size() != nd)
        throw std::invalid_argument(describe("mass", r.mass.size(), nd));
    auto sums = [&](const std::vector<std::vector<float>>& maps) {
        std::vector<float> out(nd);
        for (std::size_t d = 0; d < nd; ++d) {
            double s = 0;
            for (float v : maps[d]) s += v;
            out[d] = static_cast<float>(s);
        }
        return out;
    };
    const std::vector<float> mass = r.mass.empty() ? sums(r.simulated) : r.mass;

    std::lock_guard lock(hdf5Mutex());
    const hsize_t k = static_cast<hsize_t>(m.count), n = k + 1, days = nd;
    const hsize_t ny = static_cast<hsize_t>(m.grid.ny), nx = static_cast<hsize_t>(m.grid.nx);
    auto writeMaps = [&](hid_t var, const std::vector<std::vector<float>>& maps) {
        h5::setExtent(var, {n, days, ny, nx});
        for (hsize_t d = 0; d < days; ++d)
            h5::writeBox(var, H5T_NATIVE_FLOAT, {k, d, 0, 0}, {1, 1, ny, nx}, maps[d].data());
    };
    auto writeRow = [&](hid_t var, const std::vector<float>& row) {
        h5::setExtent(var, {n, days});
        h5::writeBox(var, H5T_NATIVE_FLOAT, {k, 0}, {1, days}, row.data());
    };
    if (m.advected < 0 && advected) {
        const h5::ChunkSpec maps{{1, 1, ny, nx}, kDeflateLevel, true, true};
        m.advection =
            h5::createDataset(m.file, schema::kAdvection, H5T_IEEE_F32LE, {0, days, ny, nx}, maps);
        attach(m.advection, {m.release, m.day, m.lat, m.lon});
        h5::setAttr(m.advection, "units", "1");
        h5::setAttr(m.advection, "long_name",
                    "particle probability density forecast by the numerical-advection baseline "
                    "(conservative Lagrangian remap on the dataset's currents; day 0: the "
                    "simulated map)");
    }
    m.advected = advected;
    writeMaps(m.density, r.simulated);
    writeRow(m.mass, mass);
    if (advected) writeMaps(m.advection, r.advected);
    if (m.model) {
        writeMaps(m.prediction, r.predicted);
        writeRow(m.predictionMass, sums(r.predicted));
    }
    m.dates.push_back(r.date);
    m.particles.push_back(r.placed);
    m.sources.push_back(r.sourceRelease);
    m.lons.push_back(r.spec.lon);
    m.lats.push_back(r.spec.lat);
    m.radii.push_back(r.spec.radiusKm);
    m.splits.push_back(static_cast<std::uint8_t>(r.spec.split));
    ++m.count;
}

void ForecastWriter::finish() {
    std::lock_guard lock(hdf5Mutex());
    Impl& m = *impl_;
    if (m.finished) throw std::logic_error("forecast writer: finished twice");
    const hsize_t n = static_cast<hsize_t>(m.count);
    std::vector<int> index(m.count);
    std::iota(index.begin(), index.end(), 0);
    h5::setExtent(m.release, {n});
    if (n > 0) h5::writeAll(m.release, H5T_NATIVE_INT, index.data());
    hid_t f = m.file;
    auto column = [&](const char* name, hid_t fileType, hid_t memType, const void* values) {
        Handle d = h5::createDataset(f, name, fileType, {n}, {{kColumnChunk}, 0, false, true});
        if (n > 0) h5::writeAll(d, memType, values);
        attach(d, {m.release});
        return d;
    };
    {
        Handle t = column(schema::kReleaseTime, H5T_STD_I32LE, H5T_NATIVE_INT, m.dates.data());
        h5::setAttr(t, "units", schema::kTimeUnits);
        h5::setAttr(t, "calendar", "proleptic_gregorian");
        h5::setAttr(t, "long_name", "release date (00:00 UTC)");
        Handle lo = column(schema::kReleaseLon, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, m.lons.data());
        h5::setAttr(lo, "units", "degrees_east");
        h5::setAttr(lo, "long_name", "longitude of the release centre");
        Handle la = column(schema::kReleaseLat, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, m.lats.data());
        h5::setAttr(la, "units", "degrees_north");
        h5::setAttr(la, "long_name", "latitude of the release centre");
        Handle ra =
            column(schema::kReleaseRadius, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, m.radii.data());
        h5::setAttr(ra, "units", "km");
        h5::setAttr(ra, "long_name", "geodesic radius of the release disc");
        Handle pa =
            column(schema::kReleaseParticles, H5T_STD_I32LE, H5T_NATIVE_INT, m.particles.data());
        h5::setAttr(pa, "long_name",
                    "particles released (those that would start on land are not placed)");
        Handle sp = column(schema::kSplit, H5T_STD_U8LE, H5T_NATIVE_UINT8, m.splits.data());
        h5::setAttr(sp, "long_name", "machine-learning split of the release");
        h5::setAttr(sp, "flag_values", std::vector<std::uint8_t>{0, 1, 2});
        h5::setAttr(sp, "flag_meanings", "train val test");
        Handle so = column(schema::kSourceRelease, H5T_STD_I32LE, H5T_NATIVE_INT, m.sources.data());
        h5::setAttr(so, "long_name",
                    "release of the source dataset this record repeats (-1: a new release)");
    }
    m.density.close();
    m.prediction.close();
    m.mass.close();
    m.predictionMass.close();
    m.lon.close();
    m.lat.close();
    m.day.close();
    m.release.close();
    h5::check(H5Fflush(m.file, H5F_SCOPE_GLOBAL), "flush file");
    m.file.close();
    m.atomic.commit();
    m.finished = true;
}

}  // namespace driftlab
