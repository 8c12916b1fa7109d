// `driftlab mean FILE.h5 [--split S] [--day D] [--threads T] [--npy OUT.npy] [--no-cache]`: the
// mean density map, headless (docs/mean-density.md). The mean itself comes from the model
// (MeanCache::getOrCompute, what the GUI calls too); this file parses, reports and writes the
// outputs, one writer per output, so an image writer can join writeOutputs().
#include <QString>
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "ArgParser.h"
#include "CliJob.h"
#include "Commands.h"
#include "OffscreenRender.h"
#include "ProgressBar.h"
#include "SceneBuilder.h"
#include "core/CoreCount.h"
#include "core/InputError.h"
#include "data/DriftDataset.h"
#include "stats/MeanCache.h"
#include "stats/MeanDensity.h"
#include "stats/NpyWriter.h"

namespace driftlab::cli {
namespace {

struct MeanRequest {
    std::string file;
    MeanSubset subset;
    int threads = 1;
    std::string npy;  // empty: no .npy output
    std::string png;  // empty: no image
    int width = 1200, height = 700;
    bool useCache = true;
};

MeanRequest parseRequest(const std::vector<std::string>& args) {
    ArgParser p(args, {"split", "day", "threads", "npy", "output", "width", "height"},
                {"no-cache"});
    if (p.positional().size() != 1) throw UsageError("mean needs exactly one dataset file");
    MeanRequest r;
    r.file = p.positional()[0];
    r.subset.split = parseSplitFilter(p.text("split", "all"));
    if (p.text("day", "all") != "all")
        r.subset.day = static_cast<int>(p.integer("day", 0, 0, 1'000'000));
    r.threads = static_cast<int>(p.integer("threads", coreCount(), 1, 1024));
    r.npy = p.text("npy", "");
    if (p.has("npy") && r.npy.empty()) throw UsageError("--npy needs a file name");
    r.useCache = !p.has("no-cache");
    r.png = p.text("output", "");
    if (p.has("output") && r.png.empty()) throw UsageError("-o needs a file name");
    r.width = static_cast<int>(p.integer("width", r.width, 64, 8192));
    r.height = static_cast<int>(p.integer("height", r.height, 64, 8192));
    return r;
}

// A folder an output file cannot be written to, said before the work rather than after.
std::string unwritableFolder(const std::string& file) {
    const std::filesystem::path dir = std::filesystem::path(file).parent_path();
    std::error_code ec;
    if (!dir.empty() && !std::filesystem::is_directory(dir, ec)) return dir.string();
    return {};
}

// Writes the outputs asked for; returns an exit code.
int writeOutputs(const std::shared_ptr<const DriftDataset>& ds, const MeanRequest& request,
                 const MeanResult& result, std::ostream& out) {
    if (!request.npy.empty()) {
        writeNpy(request.npy, result.mean, result.ny, result.nx, NpyType::Float64);
        out << "  wrote " << request.npy << " (float64, " << result.ny << " x " << result.nx
            << " = lat x lon, row 0 = southernmost latitude)\n";
    }
    if (!request.png.empty()) {
        // The seed's figure: log colour scale, coastline and axes.
        const QString caption = QString("Mean density over %1 maps (%2)")
                                    .arg(result.maps)
                                    .arg(QString::fromStdString(request.subset.describe()));
        return renderPng(
            ds, request.width, request.height, request.png,
            [&](SceneBuilder& scene, MapView& view) {
                scene.applyMean(view, result.mean, caption);
            },
            "driftlab mean");
    }
    return kOk;
}

void printSummary(const DriftDataset& ds, const MeanRequest& request, const MeanResult& r,
                  const std::string& cacheFile, std::ostream& out) {
    const Grid& g = ds.grid();
    out << "mean density of " << ds.path() << ": " << r.maps << " maps ("
        << request.subset.describe() << "), " << r.ny << " x " << r.nx << " cells (lat x lon)\n";
    if (r.fromCache) {
        out << "  from the cache in " << formatFixed(r.seconds, 4) << " s (" << cacheFile << ")\n";
    } else if (!r.rawTiles) {
        out << "  computed in " << formatFixed(r.seconds, 4)
            << " s, whole maps read through HDF5 (the tiles are not stored in DriftLab's layout)\n";
    } else {
        out << "  computed in " << formatFixed(r.seconds, 4) << " s on " << request.threads
            << " threads: " << r.tilesRead << " stored tiles, " << r.bytesRead << " bytes read ("
            << formatFixed(r.bytesRead / std::max(r.seconds, 1e-9) / 1e6, 1) << " MB/s)\n";
    }
    const auto peak = std::max_element(r.mean.begin(), r.mean.end());
    if (peak != r.mean.end()) {
        const auto c = static_cast<std::size_t>(peak - r.mean.begin());
        const int i = static_cast<int>(c % r.nx), j = static_cast<int>(c / r.nx);
        double total = 0;
        for (double v : r.mean) total += v;
        out << "  max " << *peak << " at lon " << formatFixed(g.lon(i), 4) << " E, lat "
            << formatFixed(g.lat(j), 4) << " N (column " << i << ", row " << j << "); sum "
            << formatFixed(total, 4) << " (mean fraction of particles in the domain)\n";
    }
}

}  // namespace

int runMean(const std::vector<std::string>& args) {
    const CliJob job("mean");
    MeanRequest request;
    const int parsed = job.parse([&] {
        request = parseRequest(args);
        for (const std::string& file : {request.npy, request.png}) {
            if (const std::string dir = unwritableFolder(file); !dir.empty())
                throw InputError(file + ": folder " + dir + " does not exist");
        }
    });
    if (parsed != kOk) return parsed;
    return job.run([&] {
        const auto dataset = std::make_shared<const DriftDataset>(DriftDataset::open(request.file));
        const DriftDataset& ds = *dataset;
        try {
            selectMaps(ds, request.subset);
        } catch (const std::invalid_argument& e) {
            // --day past the file's days is the command line's; an empty split is the file's.
            if (request.subset.day && *request.subset.day > ds.outputDays())
                throw UsageError(e.what());
            throw InputError(e.what());
        }
        const MeanCache cache(MeanCache::defaultFolder());
        std::string warning;
        const MeanResult result = job.withProgress(
            "mean " + request.file, [&](ProgressBar& bar, const JobControl& control) {
                MeanResult r =
                    request.useCache
                        ? cache.getOrCompute(ds, request.subset, request.threads, control, &warning)
                        : computeMeanDensity(ds, request.subset, request.threads, control);
                bar.finish(r.fromCache ? "from the cache" : "done");
                return r;
            });
        if (!warning.empty()) std::cerr << "driftlab mean: warning: " << warning << "\n";
        const std::string cacheFile =
            result.fromCache ? cache.entryPath(ds, request.subset).string() : "";
        printSummary(ds, request, result, cacheFile, std::cout);
        return writeOutputs(dataset, request, result, std::cout);
    });
}

}  // namespace driftlab::cli
