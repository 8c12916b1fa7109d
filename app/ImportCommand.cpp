// driftlab import-currents: real model output (NetCDF) to a DriftLab currents file.
#include <iostream>
#include <sstream>

#include "ArgParser.h"
#include "CliJob.h"
#include "Commands.h"
#include "ProgressBar.h"
#include "importing/CurrentsImporter.h"
#include "importing/TrajectoryImporter.h"
#include "netcdf/CfTime.h"
#include "netcdf/NcFile.h"
#include "ocean/CivilDate.h"

namespace driftlab::cli {

CurrentsImportOptions currentsImportOptions(const ArgParser& p) {
    CurrentsImportOptions o;
    o.overrides.u = p.text("u", "");
    o.overrides.v = p.text("v", "");
    if (p.has("depth-level") && p.has("depth"))
        throw UsageError("--depth-level and --depth exclude each other");
    if (p.has("depth-level"))
        o.overrides.depthLevel = static_cast<int>(p.integer("depth-level", 0, 0, 100000));
    if (p.has("depth")) o.overrides.depthM = p.number("depth", 0, 0, 12000);
    if (p.has("lon-range")) o.lonRange = p.numberPair("lon-range");
    if (p.has("lat-range")) o.latRange = p.numberPair("lat-range");
    if (p.has("time-range")) {
        const auto [a, b] = p.textPair("time-range");
        o.timeRange = std::make_pair(parseDate(a), parseDate(b));
        if (o.timeRange->second < o.timeRange->first)
            throw UsageError("--time-range: the end is before the start");
    }
    if (p.has("resolution")) o.resolutionDeg = p.number("resolution", 0, 1e-4, 10.0);
    if (p.has("direction")) {
        const std::string d = p.text("direction", "");
        if (d == "grid")
            o.overrides.gridRelative = true;
        else if (d == "east-north")
            o.overrides.gridRelative = false;
        else
            throw UsageError("--direction " + d +
                             ": grid (along the grid's axes, rotated) or "
                             "east-north (already geographic)");
    }
    if (p.has("time-origin")) {
        const std::string t = p.text("time-origin", "");
        try {
            o.overrides.timeOriginDays = CfTime::parse("days since " + t, "").toDays(0);
        } catch (const std::invalid_argument&) {
            throw UsageError("--time-origin " + t + ": a date, YYYY-MM-DD or 'YYYY-MM-DD hh:mm'");
        }
    }
    o.dailyMean = p.has("daily-mean");
    return o;
}

const std::set<std::string>& currentsImportValued() {
    static const std::set<std::string> v = {"u",          "v",         "depth-level", "depth",
                                            "resolution", "direction", "time-origin"};
    return v;
}
const std::set<std::string>& currentsImportPairs() {
    static const std::set<std::string> v = {"lon-range", "lat-range", "time-range"};
    return v;
}

int runImportCurrents(const std::vector<std::string>& args, const std::string& commandLine) {
    const CliJob job("import-currents", "no file written");
    std::vector<std::string> inputs;
    std::string out;
    CurrentsImportOptions options;
    bool dryRun = false;
    const int parsed = job.parse([&] {
        std::set<std::string> valued = currentsImportValued();
        valued.insert("output");
        const ArgParser p(args, valued, {"daily-mean", "force", "dry-run"}, currentsImportPairs());
        inputs = p.positional();
        out = p.text("output", "");
        dryRun = p.has("dry-run");
        if (inputs.empty()) throw UsageError("import-currents needs at least one NetCDF file");
        if (out.empty() && !dryRun) throw UsageError("import-currents needs -o CURRENTS.h5");
        if (!out.empty()) CliJob::refuseToOverwrite(out, p.has("force"));
        options = currentsImportOptions(p);
    });
    if (parsed != kOk) return parsed;
    return job.run([&] {
        if (dryRun) {
            std::cout << planCurrentsImport(inputs, options).summary();
            return kOk;
        }
        return job.withProgress(
            "import-currents " + out, [&](ProgressBar& bar, const JobControl& control) {
                const ImportedCurrents c = importCurrents(inputs, options, control);
                writeCurrentsFile(c, out, commandLine);
                std::ostringstream s;
                if (c.fields.stepsPerDay == 1)
                    s << c.fields.days << " daily fields";
                else
                    s << c.fields.fieldCount() << " fields every " << 24 / c.fields.stepsPerDay
                      << " h over " << c.fields.days << " days";
                s << " on " << c.fields.grid().nx << " x " << c.fields.grid().ny << " cells, land "
                  << static_cast<int>(c.landFraction * 100 + 0.5) << " %";
                bar.finish(s.str());
                std::cerr << c.plan.summary();
                for (const auto& n : c.notes) std::cerr << "note      " << n << "\n";
                return kOk;
            });
    });
}

int runImportTrajectories(const std::vector<std::string>& args, const std::string& commandLine) {
    const CliJob job("import-trajectories", "no file written");
    std::vector<std::string> inputs;
    std::string out;
    TrajectoryImportOptions o;
    const int parsed = job.parse([&] {
        const ArgParser p(args,
                          {"output", "grid", "resolution", "sigma", "ensemble", "days", "group-km",
                           "split", "val-fraction", "test-fraction", "seed"},
                          {"force"}, {"lon-range", "lat-range"});
        inputs = p.positional();
        out = p.text("output", "");
        if (inputs.empty()) throw UsageError("import-trajectories needs at least one NetCDF file");
        if (out.empty()) throw UsageError("import-trajectories needs -o DATASET.h5");
        CliJob::refuseToOverwrite(out, p.has("force"));
        o.gridPath = p.text("grid", "");
        if (!o.gridPath.empty() &&
            (p.has("resolution") || p.has("lon-range") || p.has("lat-range")))
            throw UsageError(
                "--grid gives the grid: --resolution, --lon-range and --lat-range "
                "do not apply");
        if (p.has("resolution")) o.resolutionDeg = p.number("resolution", 0, 1e-4, 10.0);
        if (p.has("lon-range")) o.lonRange = p.numberPair("lon-range");
        if (p.has("lat-range")) o.latRange = p.numberPair("lat-range");
        o.sigmaCells = p.number("sigma", 1.0, 0.0, 20.0);
        o.ensembleVar = p.text("ensemble", "");
        if (p.has("days")) o.outputDays = static_cast<int>(p.integer("days", 1, 1, 3650));
        o.groupRadiusKm = p.number("group-km", o.groupRadiusKm, 0.0, 20000.0);
        o.splitMode = parseSplitMode(p.text("split", "random"));
        o.valFraction = p.number("val-fraction", 0.1, 0.0, 0.99);
        o.testFraction = p.number("test-fraction", 0.1, 0.0, 0.99);
        o.seed = static_cast<std::uint64_t>(p.integer("seed", 1, 0, 9'007'199'254'740'991LL));
    });
    if (parsed != kOk) return parsed;
    return job.run([&] {
        return job.withProgress("import-trajectories " + out,
                                [&](ProgressBar& bar, const JobControl& control) {
                                    const TrajectoryImportResult r =
                                        importTrajectories(inputs, o, out, commandLine, control);
                                    bar.finish(std::to_string(r.releases) + " releases, days 0.." +
                                               std::to_string(r.outputDays));
                                    std::cerr << r.summary();
                                    return kOk;
                                });
    });
}

}  // namespace driftlab::cli
