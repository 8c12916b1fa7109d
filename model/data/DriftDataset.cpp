#include "data/DriftDataset.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <new>
#include <optional>

#include "data/ChildProbe.h"
#include "data/ChunkBTree.h"
#include "data/DatasetError.h"
#include "data/DatasetSchema.h"
#include "data/Hdf5.h"
#include "core/Hdf5Lock.h"

namespace driftlab {

using h5::Handle;

namespace {
FileStamp stampOf(const struct stat& st) {
    FileStamp s;
    s.size = static_cast<std::uint64_t>(st.st_size);
    s.modifiedNs =
        static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    s.device = st.st_dev;
    s.inode = st.st_ino;
    return s;
}
}  // namespace

std::optional<FileStamp> fileStampOf(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return stampOf(st);
}

struct DriftDataset::Impl {
    std::string path;
    Handle file, u, v, density, mass, beached;
    int version = 0;
    OceanMask mask;
    int startDay = 0, days = 0, outputDays = 0, tile = 0;
    int stepsPerDay = 1, fields = 0;  // current fields per day, and in all
    std::vector<ReleaseRecord> releases;
    // The density chunk index, read raw, when the file stores the tiles as DriftLab writes them.
    int rawFd = -1;
    std::optional<ChunkBTree> densityIndex;
    FileStamp stamp;

    Impl() = default;
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;
    ~Impl() {
        if (rawFd >= 0) ::close(rawFd);
    }

    [[noreturn]] void fail(const std::string& why) const { throw DatasetError(path + ": " + why); }
    Handle dataset(const char* name, const std::vector<hsize_t>& dims) const {
        if (!h5::exists(file, name)) fail("missing variable '" + std::string(name) + "'");
        Handle d = h5::openDataset(file, name);
        const auto actual = h5::datasetDims(d);
        if (actual != dims) {
            std::string want, got;
            for (auto x : dims) want += (want.empty() ? "" : " x ") + std::to_string(x);
            for (auto x : actual) got += (got.empty() ? "" : " x ") + std::to_string(x);
            fail("variable '" + std::string(name) + "' has shape " + (got.empty() ? "()" : got) +
                 ", expected " + want);
        }
        return d;
    }
    // A (release, day) table of floats.
    std::vector<float> perMap(hid_t dataset) const {
        std::lock_guard lock(hdf5Mutex());
        std::vector<float> out(releases.size() * static_cast<std::size_t>(outputDays + 1));
        if (!out.empty()) h5::readAll(dataset, H5T_NATIVE_FLOAT, out.data());
        return out;
    }
    // Sets densityIndex if the tiles can be read without HDF5; leaves it empty otherwise (an
    // unknown layout is not an error: such files are read through HDF5). Under the HDF5 lock.
    void openRawTiles() {
        if (tile <= 0 ||
            h5::filterIds(density) != std::vector<int>{H5Z_FILTER_SHUFFLE, H5Z_FILTER_DEFLATE} ||
            !h5::isFloat32LittleEndian(density) || !h5::hasVersion1BTreeIndex(density)) {
            return;
        }
        const h5::RawFileAccess access = h5::rawFileAccess(file);
        if (access.fd < 0) return;
        rawFd = access.fd;
        struct stat st {};
        if (::fstat(rawFd, &st) != 0) return;
        const ChunkBTree::FileLayout layout{rawFd, static_cast<std::uint64_t>(st.st_size),
                                            access.baseAddress, access.sizeOfAddress,
                                            access.sizeOfLength};
        std::vector<std::uint64_t> chunk;
        auto index = ChunkBTree::locate(layout, h5::objectHeaderAddress(density), 4, chunk);
        const std::uint64_t t = static_cast<std::uint64_t>(tile);
        if (!index || chunk != std::vector<std::uint64_t>{1, 1, t, t, sizeof(float)}) return;
        // The first chunk HDF5 lists must be the first the raw walk finds, byte for byte.
        // (Counting HDF5's chunks walks them all, so only when the raw walk finds none.)
        std::optional<ChunkBTree::Entry> firstRaw;
        index->visit([](const auto&, const auto&) { return true; },
                     [&](const ChunkBTree::Entry& e) {
                         firstRaw = e;
                         return false;
                     });
        if (!firstRaw) {
            if (h5::storedChunkCount(density) != 0) return;
        } else {
            const h5::ChunkInfo first = h5::firstChunk(density);
            std::vector<unsigned char> bytes(firstRaw->size);
            index->read(firstRaw->address, bytes.size(), bytes.data());
            bool same = firstRaw->address == access.baseAddress + first.address &&
                        firstRaw->filterMask == first.filterMask && bytes == first.bytes;
            for (std::size_t d = 0; d < first.offset.size(); ++d)
                same = same && firstRaw->offset[d] == first.offset[d];
            if (!same) return;
        }
        densityIndex = std::move(index);
    }
    template <class T>
    std::vector<T> readVector(const char* name, hsize_t n, hid_t memType) const {
        Handle d = dataset(name, {n});
        std::vector<T> out(n);
        h5::readAll(d, memType, out.data());
        return out;
    }
};

DriftDataset::DriftDataset() : impl_(std::make_unique<Impl>()) {}
DriftDataset::~DriftDataset() {
    std::lock_guard lock(hdf5Mutex());
    impl_.reset();
}
DriftDataset::DriftDataset(DriftDataset&&) noexcept = default;
DriftDataset& DriftDataset::operator=(DriftDataset&&) noexcept = default;

DriftDataset DriftDataset::open(const std::string& path) {
    std::lock_guard lock(hdf5Mutex());  // held across the fork: no other thread is inside HDF5
    // First in a child process: what the open reads, and the metadata read later (attributes,
    // per-map tables, the chunk index). libhdf5 crashes on some damaged metadata; in the child
    // the crash becomes a refusal, and the same reads then cannot crash here.
    // DRIFTLAB_NO_CHILD_CHECK=1 skips it (debugging under gdb).
    static const bool childCheck = [] {
        const char* v = std::getenv("DRIFTLAB_NO_CHILD_CHECK");
        return !(v && *v && std::string(v) != "0");
    }();
    if (childCheck) {
        const ChildOutcome c = runInChildProcess(
            [&path] {
                // The copied lock names the parent's thread as its owner (glibc keeps the
                // kernel thread id): a fresh one for the child's only thread.
                new (&hdf5Mutex()) std::recursive_mutex();
                const DriftDataset d = openInProcess(path);
                d.attributes();
                d.mass();
                d.beached();
            },
            std::chrono::seconds(60));
        switch (c.kind) {
            case ChildOutcome::Kind::Failed:
                // The open's own refusals name the file; an HDF5 error deeper down does not.
                if (c.message.rfind(path + ": ", 0) == 0) throw DatasetError(c.message);
                throw DatasetError(path + ": the file is damaged (" + c.message + ")");
            case ChildOutcome::Kind::Crashed:
                throw DatasetError(path +
                                   ": the file is damaged: reading its metadata crashed the HDF5 "
                                   "library (signal " +
                                   std::to_string(c.signal) + ", " + strsignal(c.signal) +
                                   "), so DriftLab does not open it");
            case ChildOutcome::Kind::TimedOut:
                throw DatasetError(path +
                                   ": the file is damaged or unreadable: checking its metadata "
                                   "did not finish within 60 s");
            case ChildOutcome::Kind::Passed:
            case ChildOutcome::Kind::NotRun:  // no child (fork refused): open it as before
                break;
        }
    }
    return openInProcess(path);
}

DriftDataset DriftDataset::openInProcess(const std::string& path) {
    std::lock_guard lock(hdf5Mutex());
    DriftDataset ds;
    Impl& m = *ds.impl_;
    m.path = path;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) m.fail("no such file");
    if (std::filesystem::is_directory(path, ec)) m.fail("is a directory, not a dataset file");
    {
        std::ifstream probe(path, std::ios::binary);
        if (!probe) m.fail("cannot be read (permission denied?)");
    }
    if (!h5::isHdf5(path)) m.fail("not an HDF5 file, so not a DriftLab dataset");
    try {
        m.file = h5::openFileReadOnly(path);
        if (h5::hasAttr(m.file, schema::kFormatAttr) &&
            h5::attrString(m.file, schema::kFormatAttr) == schema::kForecastFormatName) {
            m.fail("a DriftLab forecast file (written by release, rollout or predict), not a "
                   "dataset");
        }
        if (!h5::hasAttr(m.file, schema::kFormatAttr) ||
            h5::attrString(m.file, schema::kFormatAttr) != schema::kFormatName) {
            m.fail("an HDF5 file but not a DriftLab dataset (no '" +
                   std::string(schema::kFormatAttr) + "' = '" + schema::kFormatName +
                   "' attribute)");
        }
        m.version = static_cast<int>(h5::attrInt(m.file, schema::kVersionAttr));
        if (m.version < 1 || m.version > schema::kFormatVersion) {
            m.fail("dataset format version " + std::to_string(m.version) +
                   " is not supported (this DriftLab reads 1.." +
                   std::to_string(schema::kFormatVersion) + "); a newer DriftLab may read it");
        }
        // Grid from the coordinates: regular, ascending.
        auto dimOf = [&](const char* name) {
            if (!h5::exists(m.file, name)) m.fail("missing variable '" + std::string(name) + "'");
            Handle d = h5::openDataset(m.file, name);
            const auto dims = h5::datasetDims(d);
            if (dims.size() != 1)
                m.fail("coordinate '" + std::string(name) + "' is not one-dimensional");
            return dims[0];
        };
        const hsize_t nx = dimOf(schema::kLon), ny = dimOf(schema::kLat), nt = dimOf(schema::kTime);
        const hsize_t nr = dimOf(schema::kRelease), nd = dimOf(schema::kDay);
        if (nx < 2 || ny < 2) m.fail("the grid needs at least 2 x 2 cells");
        if (nt < 1 || nd < 2) m.fail("needs at least one current field and two output days");
        const auto lon = m.readVector<double>(schema::kLon, nx, H5T_NATIVE_DOUBLE);
        const auto lat = m.readVector<double>(schema::kLat, ny, H5T_NATIVE_DOUBLE);
        Grid g;
        g.nx = static_cast<int>(nx);
        g.ny = static_cast<int>(ny);
        g.dLon = (lon.back() - lon.front()) / (nx - 1);
        g.dLat = (lat.back() - lat.front()) / (ny - 1);
        g.lonMin = lon.front() - 0.5 * g.dLon;
        g.latMin = lat.front() - 0.5 * g.dLat;
        if (!(g.dLon > 0) || !(g.dLat > 0)) m.fail("longitude and latitude must be ascending");
        for (hsize_t i = 0; i < nx; ++i) {
            if (std::abs(lon[i] - g.lon(static_cast<int>(i))) > 1e-6 * g.dLon + 1e-9)
                m.fail("longitudes are not evenly spaced");
        }
        for (hsize_t j = 0; j < ny; ++j) {
            if (std::abs(lat[j] - g.lat(static_cast<int>(j))) > 1e-6 * g.dLat + 1e-9)
                m.fail("latitudes are not evenly spaced");
        }
        {
            Handle md = m.dataset(schema::kMask, {ny, nx});
            std::vector<std::uint8_t> ocean(g.cellCount());
            h5::readAll(md, H5T_NATIVE_UINT8, ocean.data());
            for (auto& o : ocean) o = o != 0;
            m.mask = OceanMask(g, std::move(ocean));
        }
        const auto times = m.readVector<int>(schema::kTime, nt, H5T_NATIVE_INT);
        // Version 2 may store currents more often than daily: time in hours, a step that
        // divides 24 h, the first field at 00:00.
        Handle timeVar = h5::openDataset(m.file, schema::kTime);
        const bool hours = h5::hasAttr(timeVar, "units") &&
                           h5::attrString(timeVar, "units").rfind("hours since 1970-01-01", 0) == 0;
        if (hours && m.version < 2) m.fail("a version 1 dataset must have a daily time axis");
        const int step = hours && nt > 1 ? times[1] - times[0] : (hours ? 24 : 1);
        if (hours && (step <= 0 || 24 % step != 0 || times[0] % 24 != 0))
            m.fail("the time axis's step (" + std::to_string(step) +
                   " h) does not divide a day, or it does not start at 00:00");
        for (hsize_t k = 1; k < nt; ++k) {
            if (times[k] != times[0] + static_cast<int>(k) * step)
                m.fail(hours ? "the time axis is not evenly spaced" : "the time axis is not daily");
        }
        m.stepsPerDay = hours ? 24 / step : 1;
        if ((nt - 1) % static_cast<hsize_t>(m.stepsPerDay) != 0)
            m.fail("the current fields do not end at 00:00 of a day");
        m.startDay = hours ? times[0] / 24 : times[0];
        m.fields = static_cast<int>(nt);
        m.days = static_cast<int>((nt - 1) / static_cast<hsize_t>(m.stepsPerDay)) + 1;
        m.outputDays = static_cast<int>(nd) - 1;
        m.u = m.dataset(schema::kU, {nt, ny, nx});
        m.v = m.dataset(schema::kV, {nt, ny, nx});
        m.density = m.dataset(schema::kDensity, {nr, nd, ny, nx});
        m.mass = m.dataset(schema::kMass, {nr, nd});
        m.beached = m.dataset(schema::kBeached, {nr, nd});
        {
            Handle dcpl(H5Dget_create_plist(m.density));
            hsize_t chunk[4] = {0, 0, 0, 0};
            m.tile = H5Pget_layout(dcpl) == H5D_CHUNKED && H5Pget_chunk(dcpl, 4, chunk) == 4
                         ? static_cast<int>(chunk[3])
                         : 0;
        }
        const auto rtime = m.readVector<int>(schema::kReleaseTime, nr, H5T_NATIVE_INT);
        const auto rlon = m.readVector<double>(schema::kReleaseLon, nr, H5T_NATIVE_DOUBLE);
        const auto rlat = m.readVector<double>(schema::kReleaseLat, nr, H5T_NATIVE_DOUBLE);
        const auto rrad = m.readVector<double>(schema::kReleaseRadius, nr, H5T_NATIVE_DOUBLE);
        const auto rpart = m.readVector<int>(schema::kReleaseParticles, nr, H5T_NATIVE_INT);
        const auto rsplit = m.readVector<std::uint8_t>(schema::kSplit, nr, H5T_NATIVE_UINT8);
        m.releases.resize(nr);
        for (hsize_t k = 0; k < nr; ++k) {
            ReleaseRecord& r = m.releases[k];
            r.date = rtime[k];
            r.spec.day = rtime[k] - m.startDay;
            if (r.spec.day < 0 || r.spec.day + m.outputDays > m.days - 1) {
                m.fail("release " + std::to_string(k) + " has a date outside the current fields");
            }
            r.spec.lon = rlon[k];
            r.spec.lat = rlat[k];
            r.spec.radiusKm = rrad[k];
            r.spec.particles = rpart[k];
            r.placed = rpart[k];
            if (rsplit[k] > 2)
                m.fail("release " + std::to_string(k) + " has an unknown split value");
            r.spec.split = static_cast<Split>(rsplit[k]);
        }
    } catch (const h5::Hdf5Error& e) {
        m.fail(e.what());
    }
    try {
        m.openRawTiles();
    } catch (const std::exception&) {
        m.densityIndex.reset();  // not readable raw: maps are read through HDF5
    }
    // The version HDF5 has open: its descriptor's if we have it (a rename over the path since
    // then does not fool it), else the path's.
    struct stat st {};
    if (m.rawFd >= 0 ? ::fstat(m.rawFd, &st) == 0 : ::stat(path.c_str(), &st) == 0)
        m.stamp = stampOf(st);
    return ds;
}

const std::string& DriftDataset::path() const {
    return impl_->path;
}
int DriftDataset::formatVersion() const {
    return impl_->version;
}
const Grid& DriftDataset::grid() const {
    return impl_->mask.grid();
}
const OceanMask& DriftDataset::mask() const {
    return impl_->mask;
}
int DriftDataset::startDay() const {
    return impl_->startDay;
}
int DriftDataset::currentDays() const {
    return impl_->days;
}
int DriftDataset::outputDays() const {
    return impl_->outputDays;
}
int DriftDataset::releaseCount() const {
    return static_cast<int>(impl_->releases.size());
}
int DriftDataset::tileSize() const {
    return impl_->tile;
}
const std::vector<ReleaseRecord>& DriftDataset::releases() const {
    return impl_->releases;
}

std::vector<int> DriftDataset::releasesInSplit(Split split) const {
    std::vector<int> out;
    for (int k = 0; k < releaseCount(); ++k) {
        if (impl_->releases[k].spec.split == split) out.push_back(k);
    }
    return out;
}

void DriftDataset::readCurrents(int k, std::vector<float>& u, std::vector<float>& v) const {
    if (k < 0 || k >= impl_->days)
        throw std::out_of_range("current day " + std::to_string(k) + " out of range");
    readCurrentField(k * impl_->stepsPerDay, u, v);
}

int DriftDataset::currentStepsPerDay() const {
    return impl_->stepsPerDay;
}

void DriftDataset::readCurrentField(int k, std::vector<float>& u, std::vector<float>& v) const {
    const Impl& m = *impl_;
    if (k < 0 || k >= m.fields)
        throw std::out_of_range("current field " + std::to_string(k) + " out of range");
    const Grid& g = grid();
    u.resize(g.cellCount());
    v.resize(g.cellCount());
    {
        std::lock_guard lock(hdf5Mutex());
        try {
            const std::vector<hsize_t> off{static_cast<hsize_t>(k), 0, 0};
            const std::vector<hsize_t> cnt{1, static_cast<hsize_t>(g.ny),
                                           static_cast<hsize_t>(g.nx)};
            h5::readBox(m.u, H5T_NATIVE_FLOAT, off, cnt, u.data());
            h5::readBox(m.v, H5T_NATIVE_FLOAT, off, cnt, v.data());
        } catch (const h5::Hdf5Error& e) {
            m.fail(e.what());
        }
    }
    for (std::size_t c = 0; c < u.size(); ++c) {
        if (!std::isfinite(u[c]) || !std::isfinite(v[c])) {
            m.fail("current field " + std::to_string(k) + " has NaN or Inf at lon " +
                   std::to_string(g.lon(static_cast<int>(c % g.nx))) + ", lat " +
                   std::to_string(g.lat(static_cast<int>(c / g.nx))));
        }
    }
}

CurrentFields DriftDataset::readAllCurrents() const {
    CurrentFields f;
    f.mask = impl_->mask;
    f.startDay = impl_->startDay;
    f.days = impl_->days;
    f.stepsPerDay = impl_->stepsPerDay;
    const std::size_t n = grid().cellCount();
    f.u.resize(n * static_cast<std::size_t>(f.fieldCount()));
    f.v.resize(n * static_cast<std::size_t>(f.fieldCount()));
    std::vector<float> u, v;
    for (int k = 0; k < f.fieldCount(); ++k) {
        readCurrentField(k, u, v);
        std::copy(u.begin(), u.end(), f.uField(k));
        std::copy(v.begin(), v.end(), f.vField(k));
    }
    return f;
}

void DriftDataset::readDensity(int release, int day, std::vector<float>& map) const {
    const Impl& m = *impl_;
    if (release < 0 || release >= releaseCount() || day < 0 || day > m.outputDays) {
        throw std::out_of_range("density map (" + std::to_string(release) + ", " +
                                std::to_string(day) + ") out of range");
    }
    const Grid& g = grid();
    map.resize(g.cellCount());
    std::lock_guard lock(hdf5Mutex());
    try {
        h5::readBox(m.density, H5T_NATIVE_FLOAT,
                    {static_cast<hsize_t>(release), static_cast<hsize_t>(day), 0, 0},
                    {1, 1, static_cast<hsize_t>(g.ny), static_cast<hsize_t>(g.nx)}, map.data());
    } catch (const h5::Hdf5Error& e) {
        m.fail(e.what());
    }
}

std::vector<std::pair<int, int>> DriftDataset::storedTiles(int release, int day) const {
    const Impl& m = *impl_;
    std::vector<std::pair<int, int>> out;
    if (m.tile <= 0) return out;
    const Grid& g = grid();
    std::lock_guard lock(hdf5Mutex());
    const hsize_t t = m.tile;
    for (int tj = 0; tj * m.tile < g.ny; ++tj) {
        for (int ti = 0; ti * m.tile < g.nx; ++ti) {
            if (h5::chunkStored(m.density, {static_cast<hsize_t>(release),
                                            static_cast<hsize_t>(day), tj * t, ti * t})) {
                out.emplace_back(ti, tj);
            }
        }
    }
    return out;
}

std::uint64_t DriftDataset::storedTileCount() const {
    std::lock_guard lock(hdf5Mutex());
    return impl_->tile > 0 ? h5::storedChunkCount(impl_->density) : 0;
}

bool DriftDataset::rawTilesReadable() const {
    return impl_->densityIndex.has_value();
}

void DriftDataset::scanRawTiles(const MapSelection& maps, std::size_t maxTiles, std::size_t maxMaps,
                                const std::function<void(RawTileBatch&)>& sink) const {
    const Impl& m = *impl_;
    if (!m.densityIndex) {
        m.fail(
            "the density tiles are not stored in DriftLab's layout (was the file rewritten by "
            "another tool?); read its maps one by one");
    }
    const ChunkBTree& index = *m.densityIndex;
    const int nr = releaseCount(), nd = outputDays() + 1;
    // Rank of each release and day in the selection, -1 if not selected.
    const auto ranks = [](const std::vector<int>& chosen, int n, const char* what) {
        std::vector<int> rank(static_cast<std::size_t>(n), -1);
        for (std::size_t k = 0; k < chosen.size(); ++k) {
            if (chosen[k] < 0 || chosen[k] >= n || (k > 0 && chosen[k] <= chosen[k - 1])) {
                throw std::invalid_argument(std::string("map selection: ") + what +
                                            " must exist and be ascending");
            }
            rank[chosen[k]] = static_cast<int>(k);
        }
        return rank;
    };
    const std::vector<int> releaseRank = ranks(maps.releases, nr, "releases");
    const std::vector<int> dayRank = ranks(maps.days, nd, "days");
    if (maps.mapCount() == 0) return;
    const auto position = [&](int r, int d) {
        return static_cast<std::size_t>(releaseRank[r]) * maps.days.size() + dayRank[d];
    };
    // Whether a subtree whose keys run from `low` to `high` can hold a selected map.
    const auto wanted = [&](const ChunkBTree::Offset& low, const ChunkBTree::Offset& high) {
        const auto below = [](int a, std::uint64_t b) { return static_cast<std::uint64_t>(a) < b; };
        auto r = std::lower_bound(maps.releases.begin(), maps.releases.end(), low[0], below);
        for (; r != maps.releases.end() && static_cast<std::uint64_t>(*r) <= high[0]; ++r) {
            const std::uint64_t first = static_cast<std::uint64_t>(*r) == low[0] ? low[1] : 0;
            const std::uint64_t last =
                static_cast<std::uint64_t>(*r) == high[0] ? high[1] : ~std::uint64_t{0};
            const auto d = std::lower_bound(maps.days.begin(), maps.days.end(), first, below);
            if (d != maps.days.end() && static_cast<std::uint64_t>(*d) <= last) return true;
        }
        return false;
    };
    const Grid& g = grid();
    const std::uint64_t t = static_cast<std::uint64_t>(m.tile);
    // Tiles of neighbouring maps are usually neighbours in the file: read runs of them at once,
    // across small gaps (index nodes, per-release tables), up to a bound.
    constexpr std::uint64_t kMaxGap = 8 << 10, kMaxRun = 1 << 20;
    RawTileBatch batch;
    std::size_t mapsInBatch = 0;
    int lastRelease = -1, lastDay = -1;
    bool runOpen = false;
    std::uint64_t runStart = 0, runEnd = 0;
    std::size_t runAt = 0;  // where the run goes in batch.bytes
    const auto flushRun = [&] {
        if (runOpen) index.read(runStart, runEnd - runStart, batch.bytes.data() + runAt);
        runOpen = false;
    };
    const auto flushBatch = [&](std::size_t mapsDone) {
        flushRun();
        batch.mapsDone = mapsDone;
        sink(batch);
        batch.tiles.clear();
        batch.bytes.clear();
        mapsInBatch = 0;
    };
    try {
        index.visit(wanted, [&](const ChunkBTree::Entry& e) {
            if (e.offset[0] >= static_cast<std::uint64_t>(nr) ||
                e.offset[1] >= static_cast<std::uint64_t>(nd) || e.offset[2] % t != 0 ||
                e.offset[3] % t != 0 || e.offset[2] >= static_cast<std::uint64_t>(g.ny) ||
                e.offset[3] >= static_cast<std::uint64_t>(g.nx)) {
                throw ChunkBTree::Error("damaged chunk index: a tile outside the density maps");
            }
            const int r = static_cast<int>(e.offset[0]), d = static_cast<int>(e.offset[1]);
            if (releaseRank[r] < 0 || dayRank[d] < 0) return true;
            if (r != lastRelease || d != lastDay) {
                if (!batch.tiles.empty() &&
                    (batch.tiles.size() >= maxTiles || mapsInBatch >= maxMaps)) {
                    flushBatch(position(r, d));
                }
                ++mapsInBatch;
                lastRelease = r;
                lastDay = d;
            }
            RawTile tile;
            tile.release = r;
            tile.day = d;
            tile.tj = static_cast<int>(e.offset[2] / t);
            tile.ti = static_cast<int>(e.offset[3] / t);
            tile.filterMask = e.filterMask;
            tile.size = e.size;
            tile.fileOffset = e.address;
            if (runOpen && e.address >= runEnd && e.address - runEnd <= kMaxGap &&
                e.address + e.size - runStart <= kMaxRun) {
                runEnd = e.address + e.size;
            } else {
                flushRun();
                runOpen = true;
                runStart = e.address;
                runEnd = e.address + e.size;
                runAt = batch.bytes.size();
            }
            tile.offset = runAt + static_cast<std::size_t>(e.address - runStart);
            batch.bytes.resize(runAt + static_cast<std::size_t>(runEnd - runStart));
            batch.tiles.push_back(tile);
            return true;
        });
        if (!batch.tiles.empty()) flushBatch(maps.mapCount());
    } catch (const ChunkBTree::Error& e) {
        m.fail(e.what());
    }
}

std::uint64_t DriftDataset::possibleTileCount() const {
    if (impl_->tile <= 0) return 0;
    const Grid& g = grid();
    const std::uint64_t perMap =
        static_cast<std::uint64_t>((g.nx + impl_->tile - 1) / impl_->tile) *
        ((g.ny + impl_->tile - 1) / impl_->tile);
    return perMap * releaseCount() * (outputDays() + 1);
}

std::vector<float> DriftDataset::mass() const {
    return impl_->perMap(impl_->mass);
}

std::vector<float> DriftDataset::beached() const {
    return impl_->perMap(impl_->beached);
}

std::vector<std::pair<std::string, std::string>> DriftDataset::attributes() const {
    std::lock_guard lock(hdf5Mutex());
    return h5::attrsAsText(impl_->file);
}

std::optional<double> DriftDataset::numberAttribute(const std::string& name) const {
    std::lock_guard lock(hdf5Mutex());
    if (!h5::hasAttr(impl_->file, name)) return std::nullopt;
    try {
        return h5::attrDouble(impl_->file, name);
    } catch (const h5::Hdf5Error&) {
        return std::nullopt;  // text or an array: not a number
    }
}

const FileStamp& DriftDataset::fileStamp() const {
    return impl_->stamp;
}

std::uint64_t DriftDataset::fileSizeBytes() const {
    std::error_code ec;
    const auto s = std::filesystem::file_size(impl_->path, ec);
    return ec ? 0 : s;
}

}  // namespace driftlab
