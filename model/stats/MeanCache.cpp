#include "stats/MeanCache.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <system_error>

#include "stats/NpyWriter.h"

namespace driftlab {

namespace fs = std::filesystem;

// The dataset file's name and version, as the key of its entries.
struct MeanCache::Stamp {
    std::string absolutePath;
    FileStamp file;
};

namespace {

std::uint64_t fnv1a(const std::string& text) {
    std::uint64_t h = 14695981039346656037ULL;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

std::string hex(std::uint64_t v) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return buf;
}

std::string subsetKey(const MeanSubset& s) {
    return std::string("split=") + (s.split ? splitName(*s.split) : "all") +
           ";day=" + (s.day ? std::to_string(*s.day) : std::string("all"));
}

// Entries of one file and subset share the first part of their name; the second part is the
// file's version.
std::string entryPrefix(const std::string& absolutePath, const MeanSubset& subset) {
    return "mean-" + hex(fnv1a(absolutePath + '\n' + subsetKey(subset))) + "-";
}

// The path with symbolic links resolved, so two names of one file share entries.
std::string absoluteName(const std::string& path) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(path, ec);
    if (!ec && !canonical.empty()) return canonical.string();
    const fs::path absolute = fs::absolute(path, ec);
    return ec ? path : absolute.string();
}

}  // namespace

MeanCache::MeanCache(fs::path folder) : folder_(std::move(folder)) {}

fs::path MeanCache::defaultFolder() {
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    if (xdg && *xdg && fs::path(xdg).is_absolute()) return fs::path(xdg) / "driftlab";
    const char* home = std::getenv("HOME");
    if (home && *home) return fs::path(home) / ".cache" / "driftlab";
    return fs::temp_directory_path() / "driftlab-cache";
}

fs::path MeanCache::entryPath(const MeanSubset& subset, const Stamp& stamp) const {
    const FileStamp& f = stamp.file;
    const std::string version = std::to_string(f.size) + "," + std::to_string(f.modifiedNs) + "," +
                                std::to_string(f.device) + "," + std::to_string(f.inode);
    return folder_ / (entryPrefix(stamp.absolutePath, subset) +
                      hex(fnv1a(version + '\n' + stamp.absolutePath)) + ".npy");
}

fs::path MeanCache::entryPath(const DriftDataset& ds, const MeanSubset& subset) const {
    return entryPath(subset, Stamp{absoluteName(ds.path()), ds.fileStamp()});
}

std::optional<MeanResult> MeanCache::find(const DriftDataset& ds, const MeanSubset& subset,
                                          const Stamp& stamp) const {
    const auto start = std::chrono::steady_clock::now();
    const fs::path entry = entryPath(subset, stamp);
    std::error_code ec;
    if (!fs::is_regular_file(entry, ec)) return std::nullopt;
    NpyArray a;
    try {
        a = readNpy(entry.string());
    } catch (const std::exception&) {
        return std::nullopt;
    }
    if (a.ny != ds.grid().ny || a.nx != ds.grid().nx || a.type != NpyType::Float64)
        return std::nullopt;
    MeanResult r;
    r.nx = a.nx;
    r.ny = a.ny;
    r.mean = std::move(a.values);
    r.maps = selectMaps(ds, subset).mapCount();
    r.fromCache = true;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

void MeanCache::store(const MeanSubset& subset, const MeanResult& result,
                      const Stamp& stamp) const {
    std::error_code ec;
    fs::create_directories(folder_, ec);
    if (ec) {
        throw std::runtime_error("cannot create the cache folder " + folder_.string() + " (" +
                                 ec.message() + ")");
    }
    const fs::path entry = entryPath(subset, stamp);
    writeNpy(entry.string(), result.mean, result.ny, result.nx, NpyType::Float64);
    // Entries of older versions of the same file and subset will never be hit again.
    const std::string prefix = entryPrefix(stamp.absolutePath, subset);
    for (const auto& e : fs::directory_iterator(folder_, ec)) {
        const std::string name = e.path().filename().string();
        if (name.rfind(prefix, 0) == 0 && name != entry.filename().string() &&
            e.path().extension() == ".npy") {
            fs::remove(e.path(), ec);
        }
    }
}

std::optional<MeanResult> MeanCache::find(const DriftDataset& ds, const MeanSubset& subset) const {
    const auto now = fileStampOf(ds.path());
    if (!now || !(*now == ds.fileStamp())) return std::nullopt;  // changed since it was opened
    return find(ds, subset, Stamp{absoluteName(ds.path()), *now});
}

void MeanCache::store(const DriftDataset& ds, const MeanSubset& subset,
                      const MeanResult& result) const {
    const auto now = fileStampOf(ds.path());
    if (!now || !(*now == ds.fileStamp())) {
        throw std::runtime_error(ds.path() +
                                 " changed since it was opened; its mean is not cached");
    }
    store(subset, result, Stamp{absoluteName(ds.path()), *now});
}

MeanResult MeanCache::getOrCompute(const DriftDataset& ds, const MeanSubset& subset, int threads,
                                   const JobControl& control, std::string* warning) const {
    if (auto hit = find(ds, subset)) {
        control.report(1.0, "mean");
        return std::move(*hit);
    }
    MeanResult r = computeMeanDensity(ds, subset, threads, control);
    try {
        store(ds, subset, r);
    } catch (const std::exception& e) {
        if (warning) *warning = std::string("mean not cached: ") + e.what();
    }
    return r;
}

}  // namespace driftlab
