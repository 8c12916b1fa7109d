#include "Commands.h"

#include <vtkVersion.h>

#include <QtGlobal>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "ArgParser.h"
#include "DriftLabVersion.h"
#include "ProgressBar.h"
#include "data/DatasetError.h"
#include "data/DriftDataset.h"
#include "data/LibraryVersions.h"
#include "importing/CurrentsImporter.h"
#include "importing/ImportJobs.h"
#include "jobs/DatasetGenerator.h"
#include "jobs/DatasetParts.h"
#include "learn/LearningBackend.h"
#include "netcdf/NcFile.h"
#include "ocean/CivilDate.h"

namespace driftlab::cli {
namespace {

std::atomic<bool> gStop{false};

extern "C" void onStopSignal(int) {
    gStop.store(true);
    std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the process at once
    std::signal(SIGTERM, SIG_DFL);
}

int fail(const std::string& message, int code) {
    std::cerr << "driftlab: " << message << "\n";
    return code;
}

void printInfo(const DriftDataset& ds, std::ostream& out) {
    const Grid& g = ds.grid();
    const auto& rel = ds.releases();
    out << "DriftLab dataset " << ds.path() << "\n";
    out << "  format version " << ds.formatVersion() << ", " << formatBytes(ds.fileSizeBytes())
        << " on disk\n";
    out << "Grid\n";
    out << "  " << g.nx << " x " << g.ny << " cells (lon x lat), " << formatFixed(g.dLon, 6)
        << " deg (1/" << formatFixed(1.0 / g.dLon, 2) << ")\n";
    out << "  lon " << formatFixed(g.lonMin, 4) << " .. " << formatFixed(g.lonMax(), 4)
        << " E, lat " << formatFixed(g.latMin, 4) << " .. " << formatFixed(g.latMax(), 4) << " N\n";
    const auto ocean = ds.mask().oceanCellCount();
    out << "  ocean cells " << ocean << " (" << formatFixed(100.0 * ocean / g.cellCount(), 1)
        << " %)\n";
    out << "Currents\n";
    if (ds.currentStepsPerDay() == 1)
        out << "  " << ds.currentDays() << " daily fields, ";
    else
        out << "  " << (ds.currentDays() - 1) * ds.currentStepsPerDay() + 1 << " fields every "
            << 24 / ds.currentStepsPerDay() << " h over " << ds.currentDays() << " days, ";
    out << formatDate(ds.startDay()) << " .. " << formatDate(ds.startDay() + ds.currentDays() - 1)
        << "\n";
    if (rel.empty()) {
        out << "Releases\n  none: currents only (made by import-currents). Generate a dataset on "
               "them:\n  driftlab generate OUT.h5 --currents "
            << ds.path() << " [--releases N --days D ...]\n";
    } else {
        out << "Releases\n";
        std::map<Split, int> perSplit;
        double placed = 0;
        int firstDate = rel.empty() ? 0 : rel.front().date, lastDate = firstDate;
        for (const auto& r : rel) {
            ++perSplit[r.spec.split];
            placed += r.placed;
            firstDate = std::min(firstDate, r.date);
            lastDate = std::max(lastDate, r.date);
        }
        out << "  " << rel.size() << " releases, " << formatDate(firstDate) << " .. "
            << formatDate(lastDate) << ", mean "
            << formatFixed(rel.empty() ? 0.0 : placed / rel.size(), 1) << " particles placed";
        if (!rel.empty()) out << ", radius " << formatFixed(rel.front().spec.radiusKm, 2) << " km";
        out << "\n";
        out << "  output days 0.." << ds.outputDays() << " (" << ds.outputDays() + 1
            << " maps per release, " << ds.outputDays() << " training pairs per release)\n";
        for (Split s : {Split::Train, Split::Validation, Split::Test}) {
            out << "  " << splitName(s) << ": " << perSplit[s] << " releases, "
                << perSplit[s] * ds.outputDays() << " pairs\n";
        }
        const auto mass = ds.mass(), beached = ds.beached();
        if (!rel.empty()) {
            double lastMass = 0, lastBeached = 0;
            const int nd = ds.outputDays() + 1;
            for (std::size_t k = 0; k < rel.size(); ++k) {
                lastMass += mass[k * nd + nd - 1];
                lastBeached += beached[k * nd + nd - 1];
            }
            out << "  on day " << ds.outputDays() << ": "
                << formatFixed(100.0 * lastMass / rel.size(), 1)
                << " % of particles still in the domain, "
                << formatFixed(100.0 * lastBeached / rel.size(), 1) << " % beached\n";
        }
    }
    out << "Density maps\n";
    const auto stored = ds.storedTileCount(), possible = ds.possibleTileCount();
    out << "  " << rel.size() * (ds.outputDays() + 1) << " maps, tiles of " << ds.tileSize()
        << " x " << ds.tileSize() << ", " << stored << " of " << possible << " tiles stored ("
        << formatFixed(possible ? 100.0 * stored / possible : 0.0, 1)
        << " %, the rest are empty)\n";
    out << "Provenance\n";
    for (const auto& [name, value] : ds.attributes()) out << "  " << name << ": " << value << "\n";
}

}  // namespace

void installStopHandlers() {
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
}

const std::atomic<bool>* stopFlag() {
    return &gStop;
}

void printVersion() {
    // The learning module is loaded only to be asked (the other commands load it when needed).
    std::string torch;
    try {
        torch = learningBackend().torchVersion();
    } catch (const std::exception& e) {
        torch = std::string("not available (") + e.what() + ")";
    }
    std::cout << "driftlab " << kDriftLabVersion << "\n"
              << "  Qt " << qVersion() << ", VTK " << vtkVersion::GetVTKVersion() << ", HDF5 "
              << hdf5LibraryVersion() << ", LibTorch " << torch << "\n";
}

void printUsage() {
    std::cout <<
        R"(DriftLab: explore and learn Lagrangian drift in the ocean with deep learning.

Usage:
  driftlab [FILE.h5]            open the explorer on FILE, or on the built-in demo dataset
                                (generated on first use; needs an X display)
  driftlab generate OUT.h5 [options]
                                simulate a dataset of particle-density maps
  driftlab import-currents FILE.nc [MORE.nc ...] -o CURRENTS.h5 [--u NAME --v NAME]
                    [--lon-range W E] [--lat-range S N] [--time-range START END]
                    [--resolution DEG] [--depth-level K | --depth M] [--daily-mean]
                    [--direction grid|east-north] [--time-origin DATE] [--dry-run] [--force]
                                real ocean-model currents (CMEMS, HYCOM, NEMO, ROMS/CROCO, any
                                CF NetCDF-3/4 file) onto a regular DriftLab grid with the files'
                                own land mask; --dry-run prints what was detected and stops.
                                --direction: the components' direction where the file does not
                                say it; --time-origin: the start of a time axis in seconds since
                                initialisation (CROCO).
                                See docs/importing.md
  driftlab import-trajectories TRAJ.nc [MORE.nc ...] -o DATASET.h5 [--grid CURRENTS.h5 |
                    --resolution DEG --lon-range W E --lat-range S N] [--sigma CELLS]
                    [--ensemble VAR] [--days D] [--group-km KM] [--split random|chronological]
                    [--seed S] [--force]
                                particles simulated by OpenDrift or OceanParcels (or
                                UncertainDrift's density_map files) as a DriftLab dataset: one
                                release per ensemble value or per start time and place, one
                                density map per day; with --grid it carries those currents
  driftlab merge OUT.h5 PART.h5 [PART.h5 ...] [--force] [--threads T]
                                join the part files of `generate --part K/N` (any order) into
                                the file a single `generate` with the same options writes
  driftlab info FILE.h5         summary of a dataset (grid, days, releases, splits, provenance)
  driftlab render FILE.h5 --release R --day D --layer L -o OUT.png [--width W] [--height H]
                                [--range dataset|sample] [--linear] [--no-arrows] [--streamlines]
                                [--no-contours] [--no-coastline] [--no-axes]
                                [--model RUN|CHECKPOINT.pt]
                                [--side-by-side]
                                one map view as PNG, no window (needs an X display, e.g. Xvfb);
                                layers: speed, vorticity, u, v, density, density-next, mask,
                                prediction, difference (these two need --model; with a model the
                                contours are day t+1's, truth in black, prediction in orange)
                                --side-by-side: simulated day t+1 beside the prediction
  driftlab mean FILE.h5 [--split train|val|test|all] [--day D|all] [--threads T]
                    [--npy OUT.npy] [--no-cache]
                                mean density map over the dataset's maps, or a split and/or one
                                output day; --npy writes it as float64 (lat x lon, row 0 south).
                                Cached in $XDG_CACHE_HOME/driftlab (~/.cache/driftlab); --no-cache
                                computes it afresh and stores nothing
  driftlab train DATASET.h5 --out RUN_DIR [--epochs N] [--batch B] [--lr LR] [--width W]
                    [--loss mae|mse] [--recipe hybrid|research|seed] [--inputs LIST]
                    [--anchor flux|advection|persistence|none] [--threads T] [--seed S]
                    [--max-pairs N] [--max-val-pairs N] [--weight-decay WD] [--clip NORM]
                    [--warmup FRACTION] [--device cpu|cuda|auto] [--amp] [--or-resume]
                    [--world-size N] [--peer-timeout S] [--check-replicas]
  driftlab train --resume RUN_DIR|CHECKPOINT.pt [--epochs N] [--threads T] [--device D]
                    [--amp] [--world-size N]
                                train the seed's UNet (density at t -> density at t+1); the
                                default recipe, hybrid, feeds u, v of day t and t+1, the density
                                and its numerical advection, and learns the correction to the
                                advection; research = UncertainDrift's 5 channels on
                                persistence; seed = the seed's u, v, density (docs/training.md);
                                checkpoints, config.json and history CSVs in RUN_DIR; Ctrl-C
                                saves and stops (exit 130); --resume continues (also after a
                                kill), --epochs N raises the target to N epochs; --or-resume
                                continues RUN_DIR if it holds this run; --world-size N trains on
                                N processes, data-parallel (under torchrun, srun or a
                                PyTorchJob the launcher's variables say the rank instead);
                                --device auto takes a CUDA GPU when the build has one, --amp
                                bfloat16 autocast on it (docs/scaling.md)
  driftlab export-weights RUN_DIR|CHECKPOINT.pt -o WEIGHTS.pt
                                the weights as a PyTorch state dict (torch.load +
                                load_state_dict on the seed's UNet) and WEIGHTS.pt.json
  driftlab export-weights --import WEIGHTS.pt --dataset DATASET.h5 -o RUN_DIR
                                a new run starting from PyTorch weights (plain dict or
                                torch.save(model.state_dict()))
  driftlab evaluate MODEL DATASET.h5 [--split test|val|train] [-o METRICS.csv]
                    [--error-npy MAE.npy] [--batch B] [--threads T] [--device D]
                                a trained model (run folder, checkpoint or weights) on a split:
                                MSE, MAE, IoU 50/90 %, mass error per sample and per day, next
                                to persistence (tomorrow = today)
  driftlab release DATASET.h5 --lon X --lat Y [--date YYYY-MM-DD | --day K] [--radius KM]
                    [--particles N] [--model RUN|CHECKPOINT.pt|WEIGHTS.pt] [--seed S]
                    [--threads T] [--device D] -o OUT.h5
                                a new release anywhere in the ocean, simulated as the dataset's
                                own releases (its dt, Kh, smoothing, days); with --model, the
                                model rolled out from the same day 0, metrics per day and the
                                time until the first day is ready; a forecast file
  driftlab rollout MODEL DATASET.h5 (--release R | --split test|val|train) -o OUT.h5
                    [--batch B] [--threads T] [--device D]
                                the model fed its own output from each release's day 0; mean
                                metrics per day; a forecast file (simulated and predicted maps)
  driftlab predict MODEL DATASET.h5 (--split test|val|train | --release R) -o OUT.h5
                    [--threads T] [--device D]
                                one-step predictions (each day from the simulated day before);
                                metrics per day; a forecast file
  driftlab export-vti DATASET.h5 --release R --day D [--model M] -o VIEW.vti
                                one sample as VTK image data (ParaView): u, v, speed, vorticity,
                                ocean_mask, density, density_next, and with a model prediction
                                and difference
  driftlab --version | --help

generate options:
  --preset demo|research        sizes to start from (default demo)
  --releases N                  number of releases
  --particles P                 particles per release
  --days D                      output days after release (maps on days 0..D)
  --resolution DEG              grid cell size in degrees, e.g. 0.0625 or 1/16
  --current-days N              days of currents to generate (default 365)
  --start-date YYYY-MM-DD       date of the first current field (default 2021-01-01)
  --radius-km R                 release disc radius (geodesic)
  --dt-hours H                  RK4 time step, must divide 24 (default 6)
  --kh KH                       random-walk diffusivity in m^2/s (default 0)
  --sigma S                     Gaussian smoothing of the maps, in cells (default 1)
  --split random|chronological  how releases are split into train/val/test (default random)
  --val-fraction F              fraction of releases for validation (default 0.1)
  --test-fraction F             fraction of releases for test (default 0.1)
  --currents FILE               use these currents instead of the synthetic ocean: a DriftLab
                                file (from import-currents, or a dataset) or NetCDF model
                                output (imported on the fly); --resolution, --current-days and
                                --start-date then do not apply
  --part K/N                    make part K of N (0-based): releases K, K + N, ... into a part
                                file; `driftlab merge OUT PARTS...` joins the N parts into the
                                very file one process would write (a Slurm job array:
                                --part $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT)
  --seed S                      random seed (default 1); same seed, same bytes
  --threads T                   worker threads (default: all cores); no effect on the result
  --force                       overwrite OUT if it exists

Exit codes: 0 ok, 1 failure (bad file, I/O), 2 usage error, 130 interrupted.
)";
}

// A file that says it is DriftLab's (a dataset or a currents file), read as NetCDF.
bool h5IsDriftLab(const std::string& path) {
    try {
        return nc::File::open(path).text("", "driftlab_format").has_value();
    } catch (const std::exception&) {
        return false;
    }
}

// The currents of --currents: a DriftLab file's, or NetCDF model output imported on the fly.
void loadCurrentsForGenerate(const std::string& path, GeneratorConfig& config) {
    if (h5IsDriftLab(path)) {
        const DriftDataset ds = DriftDataset::open(path);
        config.currents = std::make_shared<const CurrentFields>(ds.readAllCurrents());
        config.currentsSource = currentsProvenance(ds);
        return;
    }
    ProgressBar bar("import " + path);
    ImportedCurrents c = importCurrents(
        {path}, {},
        JobControl(stopFlag(), [&](double f, const std::string& stage) { bar.update(f, stage); }));
    bar.finish(std::to_string(c.fields.days) + " daily fields");
    config.currentsSource = importProvenance(c);
    config.currents = std::make_shared<const CurrentFields>(std::move(c.fields));
}

int runGenerate(const std::vector<std::string>& args, const std::string& commandLine) {
    GeneratorConfig config;
    std::string out, currentsPath;
    try {
        ArgParser p(args,
                    {"preset", "releases", "particles", "days", "resolution", "current-days",
                     "start-date", "radius-km", "dt-hours", "kh", "sigma", "split", "val-fraction",
                     "test-fraction", "seed", "threads", "currents", "part"},
                    {"force"});
        if (p.positional().size() != 1)
            throw UsageError("generate needs exactly one output file (OUT.h5)");
        out = p.positional()[0];
        config = GeneratorConfig::fromPreset(p.text("preset", "demo"));
        config.releases.count =
            static_cast<int>(p.integer("releases", config.releases.count, 1, 10'000'000));
        config.releases.particles =
            static_cast<int>(p.integer("particles", config.releases.particles, 1, 100'000'000));
        config.simulation.outputDays =
            static_cast<int>(p.integer("days", config.simulation.outputDays, 1, 3650));
        config.ocean.resolutionDeg =
            p.number("resolution", config.ocean.resolutionDeg, 1.0 / 128.0 - 1e-12, 1.0);
        config.ocean.days =
            static_cast<int>(p.integer("current-days", config.ocean.days, 2, 36500));
        if (p.has("start-date")) config.ocean.startDay = parseDate(p.text("start-date", ""));
        config.releases.radiusKm = p.number("radius-km", config.releases.radiusKm, 0.0, 1000.0);
        config.simulation.dtHours =
            p.number("dt-hours", config.simulation.dtHours, 1.0 / 60.0, 24.0);
        config.simulation.khM2s = p.number("kh", config.simulation.khM2s, 0.0, 1e5);
        config.simulation.sigmaCells = p.number("sigma", config.simulation.sigmaCells, 0.0, 20.0);
        config.releases.splitMode = parseSplitMode(p.text("split", "random"));
        config.releases.valFraction =
            p.number("val-fraction", config.releases.valFraction, 0.0, 0.99);
        config.releases.testFraction =
            p.number("test-fraction", config.releases.testFraction, 0.0, 0.99);
        config.seed = static_cast<std::uint64_t>(p.integer("seed", 1, 0, 9'007'199'254'740'991LL));
        const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
        config.threads = static_cast<int>(p.integer("threads", cores, 1, 1024));
        if (p.has("part")) {
            int k = -1, n = 0;
            char tail = 0;
            const std::string part = p.text("part", "");
            if (std::sscanf(part.c_str(), "%d/%d%c", &k, &n, &tail) != 2 || n < 1 || k < 0 ||
                k >= n)
                throw UsageError(
                    "--part K/N: K from 0 to N - 1 (as SLURM_ARRAY_TASK_ID with "
                    "--array=0-(N-1)), got '" +
                    part + "'");
            config.part = k;
            config.parts = n;
            config.singleRunHistory = singleRunHistory(commandLine, out);
        }
        if (std::filesystem::exists(out) && !p.has("force")) {
            return fail(out + " exists; use --force to overwrite it", kFailure);
        }
        // Validate the whole configuration before any long work.
        if (p.has("currents"))
            currentsPath = p.text("currents", "");
        else
            (void)config.ocean.grid();
    } catch (const std::invalid_argument& e) {  // UsageError included
        std::cerr << "driftlab generate: " << e.what() << "\n(see driftlab --help)\n";
        return kUsage;
    }
    installStopHandlers();
    if (!currentsPath.empty()) {
        try {
            loadCurrentsForGenerate(currentsPath, config);
        } catch (const JobCancelled&) {
            return kCancelled;
        } catch (const std::exception& e) {
            return fail(std::string("generate: --currents ") + e.what(), kFailure);
        }
    }
    ProgressBar bar("generate " + out);
    try {
        const GenerationStats s = generateDataset(
            config, out, commandLine,
            JobControl(&gStop, [&](double f, const std::string& stage) { bar.update(f, stage); }));
        std::ostringstream summary;
        summary << s.releases << " releases, " << s.maps << " maps, " << formatBytes(s.fileBytes)
                << " in " << formatFixed(s.totalSeconds, 1) << " s (currents "
                << formatFixed(s.oceanSeconds, 1) << " s, "
                << formatFixed(s.particleSteps / std::max(s.simulationSeconds, 1e-9) / 1e6, 1)
                << " M particle-steps/s on " << config.threads << " threads)";
        bar.finish(summary.str());
        return kOk;
    } catch (const JobCancelled&) {
        bar.finish("interrupted; no file written");
        return kCancelled;
    } catch (const std::invalid_argument& e) {
        bar.finish("failed");
        return fail(std::string("generate: ") + e.what(), kUsage);
    } catch (const std::exception& e) {
        bar.finish("failed");
        return fail(std::string("generate: ") + e.what(), kFailure);
    }
}

int runInfo(const std::vector<std::string>& args) {
    std::string path;
    try {
        ArgParser p(args, {}, {});
        if (p.positional().size() != 1) throw UsageError("info needs exactly one dataset file");
        path = p.positional()[0];
    } catch (const UsageError& e) {
        std::cerr << "driftlab info: " << e.what() << "\n";
        return kUsage;
    }
    try {
        const DriftDataset ds = DriftDataset::open(path);
        printInfo(ds, std::cout);
        return kOk;
    } catch (const std::exception& e) {
        return fail(e.what(), kFailure);
    }
}

int runMerge(const std::vector<std::string>& args) {
    std::vector<std::string> inputs;
    std::string out;
    int threads = 1;
    try {
        ArgParser p(args, {"threads"}, {"force"});
        if (p.positional().size() < 2) throw UsageError("merge needs OUT.h5 and the part files");
        out = p.positional().front();
        inputs.assign(p.positional().begin() + 1, p.positional().end());
        const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
        threads = static_cast<int>(p.integer("threads", cores, 1, 1024));
        if (std::filesystem::exists(out) && !p.has("force"))
            return fail(out + " exists; use --force to overwrite it", kFailure);
    } catch (const std::invalid_argument& e) {
        std::cerr << "driftlab merge: " << e.what() << "\n(see driftlab --help)\n";
        return kUsage;
    }
    installStopHandlers();
    ProgressBar bar("merge " + out);
    try {
        const GenerationStats s = mergeDatasetParts(
            inputs, out, threads,
            JobControl(&gStop, [&](double f, const std::string& stage) { bar.update(f, stage); }));
        bar.finish(std::to_string(s.releases) + " releases from " + std::to_string(inputs.size()) +
                   " parts, " + formatBytes(s.fileBytes) + " in " + formatFixed(s.totalSeconds, 1) +
                   " s");
        return kOk;
    } catch (const JobCancelled&) {
        bar.finish("interrupted; no file written");
        return kCancelled;
    } catch (const std::exception& e) {
        bar.finish("failed; no file written");
        return fail(std::string("merge: ") + e.what(), kFailure);
    }
}

}  // namespace driftlab::cli
