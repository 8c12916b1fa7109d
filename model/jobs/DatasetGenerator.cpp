#include "jobs/DatasetGenerator.h"

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "DriftLabVersion.h"
#include "core/InputError.h"
#include "data/AtomicFile.h"
#include "data/DatasetWriter.h"
#include "jobs/DatasetParts.h"
#include "ocean/CivilDate.h"

namespace driftlab {

GeneratorConfig GeneratorConfig::fromPreset(const std::string& name) {
    GeneratorConfig c;
    c.presetName = name;
    if (name == "demo") {
        // Small enough to generate in seconds and train a small UNet in minutes on 2 cores:
        // 128 x 64 cells, 800 releases x 10 days = 8,000 training pairs.
        c.ocean.resolutionDeg = 1.0 / 16.0;
        c.ocean.days = 365;
        c.releases.count = 800;
        c.releases.particles = 2000;
        c.releases.radiusKm = 10.0;
        c.simulation.outputDays = 10;
    } else if (name == "research") {
        // Jenkins et al. 2022 (UncertainDrift): 20,000 releases of 10,000 particles in a 5 km
        // radius, RK4 with 6 h steps, daily maps for 15 days, 1/64 degree.
        c.ocean.resolutionDeg = 1.0 / 64.0;
        c.ocean.days = 365;
        c.releases.count = 20000;
        c.releases.particles = 10000;
        c.releases.radiusKm = 5.0;
        c.simulation.outputDays = 15;
    } else {
        throw std::invalid_argument("unknown preset '" + name + "' (demo or research)");
    }
    c.simulation.dtHours = 6.0;
    c.simulation.sigmaCells = 1.0;
    return c;
}

namespace {

// The releases' and the simulation's settings, and the integration rule, in the order the
// files have always had them.
Attributes simulationAttributes(const GeneratorConfig& c) {
    const SimulationParams& s = c.simulation;
    const ReleasePlan& r = c.releases;
    return {
        {"generator_releases", static_cast<std::int64_t>(r.count)},
        {"generator_particles_per_release", static_cast<std::int64_t>(r.particles)},
        {"generator_release_radius_km", r.radiusKm},
        {"generator_output_days", static_cast<std::int64_t>(s.outputDays)},
        {"generator_dt_hours", s.dtHours},
        {"generator_kh_m2_s", s.khM2s},
        {"generator_sigma_cells", s.sigmaCells},
        {"generator_split_mode", std::string(splitModeName(r.splitMode))},
        {"generator_val_fraction", r.valFraction},
        {"generator_test_fraction", r.testFraction},
        {"integration",
         std::string("RK4, bilinear in space, linear in time; beached particles stay at their "
                     "last ocean position; particles leaving the grid are removed")},
    };
}

Attributes provenance(const GeneratorConfig& c, const std::string& history) {
    const OceanGeneratorParams& o = c.ocean;
    Attributes a;
    if (c.currents) {
        a = {
            {"driftlab_version", std::string(kDriftLabVersion)},
            {"history", history},
            {"references", std::string("Jenkins et al. 2022, UncertainDrift, arXiv:2204.05891")},
            {"generator_preset", c.presetName},
            {"generator_seed", static_cast<std::int64_t>(c.seed)},
            {"generator_resolution_deg", c.currents->grid().dLon},
            {"generator_start_date", formatDate(c.currents->startDay)},
            {"generator_current_days", static_cast<std::int64_t>(c.currents->days)},
        };
    } else {
        a = {
            {"driftlab_version", std::string(kDriftLabVersion)},
            {"history", history},
            {"source",
             std::string("DriftLab synthetic ocean: stream-function currents (boundary current, "
                         "gyre, drifting eddies) on the GSHHG coastline; RK4 Lagrangian "
                         "simulation")},
            {"coastline",
             std::string("GSHHG shoreline (Wessel and Smith, LGPL), rasterised with GMT "
                         "grdlandmask")},
            {"references", std::string("Jenkins et al. 2022, UncertainDrift, arXiv:2204.05891")},
            {"generator_preset", c.presetName},
            {"generator_seed", static_cast<std::int64_t>(c.seed)},
            {"generator_resolution_deg", o.resolutionDeg},
            {"generator_start_date", formatDate(o.startDay)},
            {"generator_current_days", static_cast<std::int64_t>(o.days)},
            {"generator_boundary_current_speed_m_s", o.boundaryCurrentSpeed},
            {"generator_boundary_current_width_km", o.boundaryCurrentWidthKm},
            {"generator_seasonal_amplitude", o.seasonalAmplitude},
            {"generator_gyre_speed_m_s", o.gyreSpeed},
            {"generator_eddies_per_day", o.eddiesPerDay},
        };
    }
    const Attributes sim = simulationAttributes(c);
    a.insert(a.end(), sim.begin(), sim.end());
    if (c.currents) a.insert(a.end(), c.currentsSource.begin(), c.currentsSource.end());
    return a;
}

}  // namespace

GenerationStats generateDataset(const GeneratorConfig& config, const std::string& outPath,
                                const std::string& history, const JobControl& control) {
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    if (config.threads < 1) throw InputError("threads must be at least 1");
    Simulator::checkParams(config.simulation);  // before the currents are made
    AtomicFile file(outPath);  // checks the folder before any work

    OceanGeneratorParams oceanParams = config.ocean;
    oceanParams.seed = config.seed;
    control.report(0.0, "currents");
    const OceanGenerator ocean(oceanParams);
    const CurrentFields fields = config.currents
                                     ? *config.currents
                                     : ocean.generate(config.threads, control.slice(0.0, 0.03));
    if (fields.days < config.simulation.outputDays + 1)
        throw InputError(
            "no release day has currents for every output day: the "
            "currents cover " +
            std::to_string(fields.days) + " days; " + std::to_string(config.simulation.outputDays) +
            " output days need at least " + std::to_string(config.simulation.outputDays + 1));
    const auto t1 = Clock::now();

    const Simulator simulator(fields, config.simulation);
    ReleasePlan plan = config.releases;
    plan.seed = config.seed;
    plan.firstDay = 0;
    plan.lastDay = simulator.lastReleaseDay();
    const std::vector<ReleaseSpec> releases = planReleases(plan, fields.mask);

    // The releases this run simulates: all of them, or every parts-th from `part` (a release
    // keeps its global index: its random stream, and its place in the merged file).
    if (config.parts < 1 || config.part < 0 || config.part >= config.parts)
        throw InputError("--part K/N needs 0 <= K < N");
    std::vector<int> global;
    for (int k = config.part; k < static_cast<int>(releases.size()); k += config.parts)
        global.push_back(k);
    std::vector<ReleaseSpec> mine;
    for (int k : global) mine.push_back(releases[static_cast<std::size_t>(k)]);
    Attributes attrs = provenance(config, history);
    if (!config.singleRunHistory.empty()) {  // made with --part, even 0/1
        attrs.push_back(
            {parts::kPart, std::to_string(config.part) + "/" + std::to_string(config.parts)});
        attrs.push_back({parts::kReleases, static_cast<std::int64_t>(releases.size())});
        attrs.push_back(
            {parts::kProvenance, attributesToJson(provenance(config, config.singleRunHistory))});
    }
    DatasetWriter writer(file.tempPath(), fields, mine, config.simulation.outputDays, attrs);
    writer.writeCurrents(config.threads, control.slice(0.03, 0.08));
    const TileCodec& codec = writer.codec();

    // Workers simulate and encode releases; this thread writes them in release order, so the
    // file's bytes do not depend on the thread count. The window bounds the memory in flight.
    const int n = static_cast<int>(mine.size());
    const int window = 4 * config.threads + 4;
    std::mutex mutex;
    std::condition_variable ready, room;
    std::map<int, EncodedRelease> done;
    std::exception_ptr error;
    int nextToClaim = 0, nextToWrite = 0;
    bool abort = false;
    GenerationStats stats;
    auto worker = [&] {
        while (true) {
            int k;
            {
                std::unique_lock lock(mutex);
                room.wait(lock, [&] {
                    return abort || nextToClaim >= n || nextToClaim < nextToWrite + window;
                });
                if (abort || nextToClaim >= n) return;
                k = nextToClaim++;
            }
            try {
                if (control.stopRequested()) throw JobCancelled();
                const int g = global[static_cast<std::size_t>(k)];
                ReleaseResult r =
                    simulator.simulate(releases[static_cast<std::size_t>(g)], config.seed,
                                       static_cast<std::uint64_t>(g) + 1);
                EncodedRelease e;
                e.placed = r.placed;
                e.mass = std::move(r.mass);
                e.beached = std::move(r.beached);
                e.tiles.resize(r.maps.size());
                for (std::size_t d = 0; d < r.maps.size(); ++d) codec.encode(r.maps[d], e.tiles[d]);
                std::lock_guard lock(mutex);
                stats.particleSteps += r.particleSteps;
                done.emplace(k, std::move(e));
                ready.notify_all();
            } catch (...) {
                std::lock_guard lock(mutex);
                if (!error) error = std::current_exception();
                abort = true;
                ready.notify_all();
                room.notify_all();
                return;
            }
        }
    };
    std::vector<std::thread> pool;
    for (int t = 0; t < config.threads; ++t) pool.emplace_back(worker);
    auto joinAll = [&] {
        {
            std::lock_guard lock(mutex);
            abort = abort || nextToWrite < n;
            room.notify_all();
        }
        for (auto& th : pool) th.join();
        pool.clear();
    };
    try {
        while (nextToWrite < n) {
            EncodedRelease e;
            {
                std::unique_lock lock(mutex);
                ready.wait(lock, [&] { return abort || done.count(nextToWrite) > 0; });
                if (abort) break;
                e = std::move(done[nextToWrite]);
                done.erase(nextToWrite);
            }
            writer.writeRelease(nextToWrite, e);
            for (const auto& day : e.tiles) stats.storedTiles += day.size();
            {
                std::lock_guard lock(mutex);
                ++nextToWrite;
                room.notify_all();
            }
            control.report(0.08 + 0.92 * nextToWrite / n, "releases");
        }
    } catch (...) {
        std::lock_guard lock(mutex);
        if (!error) error = std::current_exception();
        abort = true;
        room.notify_all();
    }
    joinAll();
    if (error) std::rethrow_exception(error);
    control.throwIfStopped();
    writer.finish();
    file.commit();

    const auto t2 = Clock::now();
    stats.releases = n;
    stats.maps = n * (config.simulation.outputDays + 1);
    stats.possibleTiles = static_cast<std::uint64_t>(stats.maps) * codec.tilesX() * codec.tilesY();
    stats.oceanSeconds = std::chrono::duration<double>(t1 - t0).count();
    stats.simulationSeconds = std::chrono::duration<double>(t2 - t1).count();
    stats.totalSeconds = std::chrono::duration<double>(t2 - t0).count();
    std::error_code ec;
    stats.fileBytes = std::filesystem::file_size(outPath, ec);
    return stats;
}

}  // namespace driftlab
