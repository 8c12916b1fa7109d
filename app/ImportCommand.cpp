// driftlab import-currents: real model output (NetCDF) to a DriftLab currents file.
#include <filesystem>
#include <iostream>
#include <sstream>

#include "ArgParser.h"
#include "Commands.h"
#include "ProgressBar.h"
#include "importing/CurrentsImporter.h"
#include "importing/TrajectoryImporter.h"
#include "netcdf/CfTime.h"
#include "netcdf/NcFile.h"
#include "ocean/CivilDate.h"

namespace driftlab::cli {

namespace {

int fail(const std::string& message, int code) {
    std::cerr << "driftlab: " << message << "\n";
    return code;
}

}  // namespace

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
            throw UsageError("--direction " + d + ": grid (along the grid's axes, rotated) or "
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
    std::vector<std::string> inputs;
    std::string out;
    CurrentsImportOptions options;
    bool dryRun = false;
    try {
        std::set<std::string> valued = currentsImportValued();
        valued.insert("output");
        ArgParser p(args, valued, {"daily-mean", "force", "dry-run"}, currentsImportPairs());
        inputs = p.positional();
        out = p.text("output", "");
        dryRun = p.has("dry-run");
        if (inputs.empty()) throw UsageError("import-currents needs at least one NetCDF file");
        if (out.empty() && !dryRun) throw UsageError("import-currents needs -o CURRENTS.h5");
        if (!out.empty() && std::filesystem::exists(out) && !p.has("force"))
            return fail(out + " exists; use --force to overwrite it", kFailure);
        options = currentsImportOptions(p);
    } catch (const std::invalid_argument& e) {
        std::cerr << "driftlab import-currents: " << e.what() << "\n(see driftlab --help)\n";
        return kUsage;
    }
    try {
        if (dryRun) {
            std::cout << planCurrentsImport(inputs, options).summary();
            return kOk;
        }
        installStopHandlers();
        ProgressBar bar("import-currents " + out);
        try {
            const ImportedCurrents c = importCurrents(
                inputs, options, JobControl(stopFlag(), [&](double f, const std::string& stage) {
                    bar.update(f, stage);
                }));
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
        } catch (const JobCancelled&) {
            bar.finish("interrupted; no file written");
            throw;
        } catch (...) {
            bar.finish("failed; no file written");
            throw;
        }
    } catch (const JobCancelled&) {
        return kCancelled;
    } catch (const std::exception& e) {
        return fail(std::string("import-currents: ") + e.what(), kFailure);
    }
}

int runImportTrajectories(const std::vector<std::string>& args, const std::string& commandLine) {
    std::vector<std::string> inputs;
    std::string out;
    TrajectoryImportOptions o;
    try {
        ArgParser p(args,
                    {"output", "grid", "resolution", "sigma", "ensemble", "days", "group-km",
                     "split", "val-fraction", "test-fraction", "seed"},
                    {"force"}, {"lon-range", "lat-range"});
        inputs = p.positional();
        out = p.text("output", "");
        if (inputs.empty()) throw UsageError("import-trajectories needs at least one NetCDF file");
        if (out.empty()) throw UsageError("import-trajectories needs -o DATASET.h5");
        if (std::filesystem::exists(out) && !p.has("force"))
            return fail(out + " exists; use --force to overwrite it", kFailure);
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
    } catch (const std::invalid_argument& e) {
        std::cerr << "driftlab import-trajectories: " << e.what() << "\n(see driftlab --help)\n";
        return kUsage;
    }
    installStopHandlers();
    ProgressBar bar("import-trajectories " + out);
    try {
        const TrajectoryImportResult r = importTrajectories(
            inputs, o, out, commandLine,
            JobControl(stopFlag(),
                       [&](double f, const std::string& stage) { bar.update(f, stage); }));
        bar.finish(std::to_string(r.releases) + " releases, days 0.." +
                   std::to_string(r.outputDays));
        std::cerr << r.summary();
        return kOk;
    } catch (const JobCancelled&) {
        bar.finish("interrupted; no file written");
        return kCancelled;
    } catch (const std::exception& e) {
        bar.finish("failed; no file written");
        return fail(std::string("import-trajectories: ") + e.what(), kFailure);
    }
}

}  // namespace driftlab::cli
