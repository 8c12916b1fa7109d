#include "data/ForecastWriter.h"

#include <filesystem>
#include <sstream>
#include <stdexcept>

#include "DriftLabVersion.h"
#include "core/Hdf5Lock.h"
#include "data/AtomicFile.h"
#include "data/CfGridWriter.h"
#include "data/DatasetSchema.h"
#include "data/DriftDataset.h"
#include "data/Hdf5.h"

namespace driftlab {

using h5::Handle;

namespace {
constexpr int kDeflateLevel = 4;
constexpr hsize_t kColumnChunk = 256;

std::string describe(const char* what, std::size_t got, std::size_t want) {
    std::ostringstream s;
    s << "forecast record: " << what << " has " << got << ", expected " << want;
    return s.str();
}

void checkTrack(const CloudTrack& track, std::size_t days, bool separation, const char* what) {
    const std::size_t want = separation ? days : 0;
    if (track.lon.size() != days || track.lat.size() != days || track.spreadKm.size() != days ||
        track.separationKm.size() != want)
        throw std::invalid_argument(std::string("forecast record: the ") + what +
                                    " cloud track needs one value per day");
}
}  // namespace

struct ForecastWriter::Impl {
    explicit Impl(const std::string& path)
        : atomic(path),
          cf(atomic.tempPath(), "DriftLab forecast: simulated and predicted particle-density maps",
             schema::kForecastFormatName, schema::kForecastFormatVersion) {}
    AtomicFile atomic;  // first member: it removes the temporary file after HDF5 closed it
    CfGridWriter cf;
    Handle density, prediction, mass, predictionMass, advection;
    int advected = -1;  // -1: no record yet; 0 / 1: the records carry no / an advected forecast
    int clouds = -1;    // the same for the cloud tracks
    // centre_lon, centre_lat, spread_km, separation_km of the simulated / predicted / advected
    // maps (the simulated track has no separation).
    struct TrackVariables {
        Handle lon, lat, spread, separation;
    };
    TrackVariables simulatedTrack, predictedTrack, advectedTrack;

    // The tracks' variables, (release, day) float64, made with the first record.
    void createTracks(bool withAdvection) {
        const hsize_t nd = static_cast<hsize_t>(outputDays) + 1;
        const h5::ChunkSpec rows{{64, nd}, 0, false, true};
        auto make = [&](const std::string& name, const char* units, const std::string& meaning) {
            return cf.variable(name.c_str(), H5T_IEEE_F64LE, {0, nd}, rows,
                               {cf.release(), cf.day()}, units, meaning);
        };
        auto track = [&](TrackVariables& t, const std::string& prefix, const std::string& whose,
                         bool separation) {
            t.lon = make(prefix + "centre_lon", "degrees_east",
                         "centre of mass of " + whose + " (NaN: no mass)");
            t.lat = make(prefix + "centre_lat", "degrees_north",
                         "centre of mass of " + whose + " (NaN: no mass)");
            t.spread = make(prefix + "spread_km", "km",
                            "spread of " + whose + ": rms distance of the mass from its centre");
            if (separation)
                t.separation = make(prefix + "separation_km", "km",
                                    "great-circle distance of the centre of " + whose +
                                        " from the simulated map's centre");
        };
        track(simulatedTrack, "", "the simulated map", false);
        if (model) track(predictedTrack, "prediction_", "the predicted map", true);
        if (withAdvection) track(advectedTrack, "advection_", "the advection baseline's map", true);
    }
    void writeTrack(TrackVariables& t, const CloudTrack& track) {
        const hsize_t k = static_cast<hsize_t>(count), days = track.lon.size();
        auto row = [&](Handle& var, const std::vector<double>& values) {
            h5::setExtent(var, {k + 1, days});
            h5::writeBox(var, H5T_NATIVE_DOUBLE, {k, 0}, {1, days}, values.data());
        };
        row(t.lon, track.lon);
        row(t.lat, track.lat);
        row(t.spread, track.spreadKm);
        if (t.separation.valid()) row(t.separation, track.separationKm);
    }
    Grid grid;
    int outputDays = 0;
    bool model = false;
    int count = 0;
    bool finished = false;
    ReleaseTable table;  // written in finish() (a few numbers per record)
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

    CfGridWriter& cf = m.cf;
    hid_t f = cf.file();
    h5::setAttr(f, "driftlab_version", kDriftLabVersion);
    h5::setAttr(f, "forecast_kind", kind);
    h5::setAttr(f, "forecast_model", m.model ? modelDescription : std::string("none"));
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(source.path(), ec);
    h5::setAttr(f, "source_dataset", ec ? source.path() : absolute.lexically_normal().string());
    h5::setAttr(f, "source_format_version", source.formatVersion());
    cf.writeAttributes(extra);

    cf.writeGrid(g);
    cf.writeDays(nd);
    // The record dimension grows with each add(): NetCDF sees it as unlimited.
    cf.writeReleases(0, "forecast record index", {{kColumnChunk}, 0, false, true});
    cf.writeMask(source.mask().values().data(), "the GSHHG shoreline");
    // One chunk per map: a predicted map has small values almost everywhere, so tiles would not
    // be sparse as the simulated ones are; shuffle + deflate still shrink the zeros.
    const h5::ChunkSpec maps{{1, 1, ny, nx}, kDeflateLevel, true, true};
    const std::initializer_list<hid_t> mapDims = {cf.release(), cf.day(), cf.lat(), cf.lon()};
    const h5::ChunkSpec rows{{64, nd}, 0, false, true};
    m.density = cf.variable(schema::kDensity, H5T_IEEE_F32LE, {0, nd, ny, nx}, maps, mapDims, "1",
                            "simulated particle probability density (the truth): fraction of "
                            "the released particles per cell");
    m.mass = cf.variable(
        schema::kMass, H5T_IEEE_F32LE, {0, nd}, rows, {cf.release(), cf.day()}, "1",
        "fraction of released particles still in the domain (sum of the simulated map)");
    if (m.model) {
        m.prediction =
            cf.variable(schema::kPrediction, H5T_IEEE_F32LE, {0, nd, ny, nx}, maps, mapDims, "1",
                        "particle probability density predicted by the model (day 0: "
                        "the initial state, the simulated map)");
        h5::setAttr(m.prediction, "model", modelDescription);
        m.predictionMass = cf.variable(schema::kPredictionMass, H5T_IEEE_F32LE, {0, nd}, rows,
                                       {cf.release(), cf.day()}, "1", "sum of the predicted map");
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
    const int clouds = r.simulatedCloud.empty() ? 0 : 1;
    if (m.clouds >= 0 && clouds != m.clouds)
        throw std::invalid_argument(clouds ? "forecast record: cloud tracks, but the file's "
                                             "records have none"
                                           : "forecast record: no cloud tracks, but the file's "
                                             "records have them");
    if (clouds) {
        checkTrack(r.simulatedCloud, nd, false, "simulated");
        if (m.model) checkTrack(r.predictedCloud, nd, true, "predicted");
        if (advected) checkTrack(r.advectedCloud, nd, true, "advected");
    }
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
        CfGridWriter& cf = m.cf;
        m.advection = cf.variable(
            schema::kAdvection, H5T_IEEE_F32LE, {0, days, ny, nx}, maps,
            {cf.release(), cf.day(), cf.lat(), cf.lon()}, "1",
            "particle probability density forecast by the numerical-advection baseline "
            "(conservative Lagrangian remap on the dataset's currents; day 0: the simulated map)");
    }
    m.advected = advected;
    if (m.clouds < 0 && clouds) m.createTracks(advected != 0);
    m.clouds = clouds;
    if (clouds) {
        m.writeTrack(m.simulatedTrack, r.simulatedCloud);
        if (m.model) m.writeTrack(m.predictedTrack, r.predictedCloud);
        if (advected) m.writeTrack(m.advectedTrack, r.advectedCloud);
    }
    writeMaps(m.density, r.simulated);
    writeRow(m.mass, mass);
    if (advected) writeMaps(m.advection, r.advected);
    if (m.model) {
        writeMaps(m.prediction, r.predicted);
        writeRow(m.predictionMass, sums(r.predicted));
    }
    ReleaseTable& t = m.table;
    t.dates.push_back(r.date);
    t.particles.push_back(r.placed);
    t.sources.push_back(r.sourceRelease);
    t.lons.push_back(r.spec.lon);
    t.lats.push_back(r.spec.lat);
    t.radii.push_back(r.spec.radiusKm);
    t.splits.push_back(static_cast<std::uint8_t>(r.spec.split));
    ++m.count;
}

void ForecastWriter::finish() {
    std::lock_guard lock(hdf5Mutex());
    Impl& m = *impl_;
    if (m.finished) throw std::logic_error("forecast writer: finished twice");
    m.cf.growReleases(static_cast<hsize_t>(m.count));
    m.table.hasSources = true;
    m.cf.writeReleaseTable(m.table, {{kColumnChunk}, 0, false, true});
    for (Handle* h : {&m.density, &m.prediction, &m.mass, &m.predictionMass, &m.advection})
        h->close();
    for (Impl::TrackVariables* t : {&m.simulatedTrack, &m.predictedTrack, &m.advectedTrack})
        for (Handle* h : {&t->lon, &t->lat, &t->spread, &t->separation}) h->close();
    m.cf.close();
    m.atomic.commit();
    m.finished = true;
}

}  // namespace driftlab
