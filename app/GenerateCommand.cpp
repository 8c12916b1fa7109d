// `driftlab generate OUT.h5 [options]`: a dataset simulated on the synthetic ocean or on given
// currents (jobs/DatasetGenerator), with a progress bar; `--part K/N` makes one part of it.
#include <cstdio>
#include <iostream>
#include <sstream>

#include "ArgParser.h"
#include "CliJob.h"
#include "Commands.h"
#include "ProgressBar.h"
#include "core/CoreCount.h"
#include "core/InputError.h"
#include "data/DriftDataset.h"
#include "importing/CurrentsImporter.h"
#include "importing/ImportJobs.h"
#include "jobs/DatasetGenerator.h"
#include "jobs/DatasetParts.h"
#include "netcdf/NcFile.h"
#include "ocean/CivilDate.h"

namespace driftlab::cli {
namespace {

// A file that says it is DriftLab's (a dataset or a currents file), read as NetCDF.
bool h5IsDriftLab(const std::string& path) {
    try {
        return nc::File::open(path).text("", "driftlab_format").has_value();
    } catch (const std::exception&) {
        return false;
    }
}

// The currents of --currents: a DriftLab file's, or NetCDF model output imported on the fly.
// Whatever keeps them from being used is said as the option's.
void loadCurrents(const CliJob& job, const std::string& path, GeneratorConfig& config) {
    try {
        if (h5IsDriftLab(path)) {
            const DriftDataset ds = DriftDataset::open(path);
            config.currents = std::make_shared<const CurrentFields>(ds.readAllCurrents());
            config.currentsSource = currentsProvenance(ds);
            return;
        }
        job.withProgress("import " + path, [&](ProgressBar& bar, const JobControl& control) {
            ImportedCurrents c = importCurrents({path}, {}, control);
            bar.finish(std::to_string(c.fields.days) + " daily fields");
            config.currentsSource = importProvenance(c);
            config.currents = std::make_shared<const CurrentFields>(std::move(c.fields));
            return kOk;
        });
    } catch (const JobCancelled&) {
        throw;
    } catch (const std::exception& e) {
        throw InputError(std::string("--currents ") + e.what());
    }
}

// --days asks for more than the currents hold: the command line's to mend.
void checkCurrentDays(int currentDays, int outputDays) {
    if (currentDays < outputDays + 1)
        throw UsageError("no release day has currents for every output day: the currents cover " +
                         std::to_string(currentDays) + " days; " + std::to_string(outputDays) +
                         " output days need at least " + std::to_string(outputDays + 1));
}

GeneratorConfig parseConfig(const ArgParser& p) {
    GeneratorConfig config = GeneratorConfig::fromPreset(p.text("preset", "demo"));
    config.releases.count =
        static_cast<int>(p.integer("releases", config.releases.count, 1, 10'000'000));
    config.releases.particles =
        static_cast<int>(p.integer("particles", config.releases.particles, 1, 100'000'000));
    config.simulation.outputDays =
        static_cast<int>(p.integer("days", config.simulation.outputDays, 1, 3650));
    config.ocean.resolutionDeg =
        p.number("resolution", config.ocean.resolutionDeg, 1.0 / 128.0 - 1e-12, 1.0);
    config.ocean.days = static_cast<int>(p.integer("current-days", config.ocean.days, 2, 36500));
    if (p.has("start-date")) config.ocean.startDay = parseDate(p.text("start-date", ""));
    config.releases.radiusKm = p.number("radius-km", config.releases.radiusKm, 0.0, 1000.0);
    config.simulation.dtHours = p.number("dt-hours", config.simulation.dtHours, 1.0 / 60.0, 24.0);
    config.simulation.khM2s = p.number("kh", config.simulation.khM2s, 0.0, 1e5);
    config.simulation.sigmaCells = p.number("sigma", config.simulation.sigmaCells, 0.0, 20.0);
    config.releases.splitMode = parseSplitMode(p.text("split", "random"));
    config.releases.valFraction = p.number("val-fraction", config.releases.valFraction, 0.0, 0.99);
    config.releases.testFraction =
        p.number("test-fraction", config.releases.testFraction, 0.0, 0.99);
    config.seed = static_cast<std::uint64_t>(p.integer("seed", 1, 0, 9'007'199'254'740'991LL));
    config.threads = static_cast<int>(p.integer("threads", coreCount(), 1, 1024));
    if (p.has("part")) {
        int k = -1, n = 0;
        char tail = 0;
        const std::string part = p.text("part", "");
        if (std::sscanf(part.c_str(), "%d/%d%c", &k, &n, &tail) != 2 || n < 1 || k < 0 || k >= n)
            throw UsageError(
                "--part K/N: K from 0 to N - 1 (as SLURM_ARRAY_TASK_ID with "
                "--array=0-(N-1)), got '" +
                part + "'");
        config.part = k;
        config.parts = n;
    }
    return config;
}

}  // namespace

int runGenerate(const std::vector<std::string>& args, const std::string& commandLine) {
    const CliJob job("generate", "no file written");
    GeneratorConfig config;
    std::string out, currentsPath;
    const int parsed = job.parse([&] {
        const ArgParser p(args,
                          {"preset", "releases", "particles", "days", "resolution", "current-days",
                           "start-date", "radius-km", "dt-hours", "kh", "sigma", "split",
                           "val-fraction", "test-fraction", "seed", "threads", "currents", "part"},
                          {"force"});
        if (p.positional().size() != 1)
            throw UsageError("generate needs exactly one output file (OUT.h5)");
        out = p.positional()[0];
        config = parseConfig(p);
        if (p.has("part")) config.singleRunHistory = singleRunHistory(commandLine, out);
        CliJob::refuseToOverwrite(out, p.has("force"));
        // The synthetic ocean's settings are checked before any long work.
        if (p.has("currents")) {
            currentsPath = p.text("currents", "");
        } else {
            (void)config.ocean.grid();
            checkCurrentDays(config.ocean.days, config.simulation.outputDays);
        }
    });
    if (parsed != kOk) return parsed;
    return job.run([&] {
        if (!currentsPath.empty()) {
            loadCurrents(job, currentsPath, config);
            checkCurrentDays(config.currents->days, config.simulation.outputDays);
        }
        return job.withProgress("generate " + out, [&](ProgressBar& bar,
                                                       const JobControl& control) {
            const GenerationStats s = generateDataset(config, out, commandLine, control);
            std::ostringstream summary;
            summary << s.releases << " releases, " << s.maps << " maps, "
                    << formatBytes(s.fileBytes) << " in " << formatFixed(s.totalSeconds, 1)
                    << " s (currents " << formatFixed(s.oceanSeconds, 1) << " s, "
                    << formatFixed(s.particleSteps / std::max(s.simulationSeconds, 1e-9) / 1e6, 1)
                    << " M particle-steps/s on " << config.threads << " threads)";
            bar.finish(summary.str());
            return kOk;
        });
    });
}

}  // namespace driftlab::cli
