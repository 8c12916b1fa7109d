#include "ForecastSupport.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "CliJob.h"
#include "Commands.h"
#include "ProgressBar.h"
#include "core/CoreCount.h"
#include "data/DriftDataset.h"
#include "learn/Predictor.h"
#include "stats/MeanDensity.h"

namespace driftlab::cli {

std::string sci(double value) {
    std::ostringstream s;
    s.precision(4);
    s << value;
    return s.str();
}

namespace {

// "MSE .., MAE .., IoU50 .., IoU90 .., mass error .."
std::string metricsText(const DriftMetricValues& m) {
    std::ostringstream s;
    s << "MSE " << sci(m.mse) << ", MAE " << sci(m.mae) << ", IoU50 " << formatFixed(m.iou50, 3)
      << ", IoU90 " << formatFixed(m.iou90, 3) << ", mass error " << sci(m.massError);
    return s.str();
}

}  // namespace

void printMetrics(std::ostream& out, const std::string& name, const DriftMetricValues& m) {
    out << "  " << name << ": " << metricsText(m) << "\n";
}

Attributes forecastAttributes(const DatasetSimulation& sim, const std::string& history) {
    return {
        {"history", history},
        {"simulation_dt_hours", sim.params.dtHours},
        {"simulation_kh_m2_s", sim.params.khM2s},
        {"simulation_sigma_cells", sim.params.sigmaCells},
        {"simulation_seed", static_cast<std::int64_t>(sim.seed)},
    };
}

std::vector<int> chooseReleases(const ArgParser& p, const DriftDataset& dataset, Split& split,
                                bool& bySplit) {
    bySplit = !p.has("release");
    if (!bySplit) {
        const long long r = p.integer("release", 0, 0, 100'000'000);
        if (r >= dataset.releaseCount())
            throw UsageError("release " + std::to_string(r) + " does not exist (0.." +
                             std::to_string(dataset.releaseCount() - 1) + ")");
        split = dataset.releases()[static_cast<std::size_t>(r)].spec.split;
        return {static_cast<int>(r)};
    }
    std::vector<int> releases = dataset.releasesInSplit(split);
    if (releases.empty())
        throw UsageError(dataset.path() + ": the " + splitName(split) + " split has no releases");
    return releases;
}

ForecastRecord truthRecord(const DriftDataset& dataset, int release,
                           const std::vector<float>& mass) {
    const ReleaseRecord& r = dataset.releases()[static_cast<std::size_t>(release)];
    const int nd = dataset.outputDays() + 1;
    ForecastRecord record;
    record.spec = r.spec;
    record.date = r.date;
    record.placed = r.placed;
    record.sourceRelease = release;
    record.simulated.resize(static_cast<std::size_t>(nd));
    for (int d = 0; d < nd; ++d)
        dataset.readDensity(release, d, record.simulated[static_cast<std::size_t>(d)]);
    record.mass.assign(mass.begin() + static_cast<std::ptrdiff_t>(release) * nd,
                       mass.begin() + static_cast<std::ptrdiff_t>(release + 1) * nd);
    return record;
}

ForecastCommandArgs parseForecastCommand(const std::string& command,
                                         const std::vector<std::string>& args,
                                         std::set<std::string> extraOptions) {
    ForecastCommandArgs a;
    extraOptions.insert({"release", "split", "output", "threads", "device"});
    a.parser = std::make_unique<ArgParser>(args, extraOptions, std::set<std::string>{});
    const ArgParser& p = *a.parser;
    if (p.positional().size() != 2)
        throw UsageError(command + " needs a model (run folder or .pt) and a dataset");
    a.model = p.positional()[0];
    a.file = p.positional()[1];
    a.out = p.text("output", "");
    if (a.out.empty()) throw UsageError(command + " needs -o OUT.h5 (--output)");
    if (p.has("release") && p.has("split"))
        throw UsageError("give --release R or --split S, not both");
    const std::optional<Split> chosen = parseSplitFilter(p.text("split", "test"));
    if (!chosen) throw UsageError(command + " needs one split: train, val or test");
    a.split = *chosen;
    a.threads = static_cast<int>(p.integer("threads", coreCount(), 1, 1024));
    a.device = deviceFromName(p.text("device", "auto"));
    return a;
}

std::string ForecastJob::releasesInWords() const {
    std::string words =
        std::to_string(releases.size()) + " release" + (releases.size() == 1 ? "" : "s");
    if (bySplit) return words + " of the " + splitName(split) + " split";
    return words + " (" + std::to_string(releases.at(0)) + ")";
}

int runForecastJob(const std::string& command, const ForecastCommandArgs& a,
                   const std::string& kind, const std::string& commandLine,
                   const std::function<int(ForecastJob&)>& body) {
    const CliJob job(command);
    return job.run([&] {
        const DriftDataset dataset = DriftDataset::open(a.file);
        bool bySplit = true;
        Split split = a.split;
        const std::vector<int> releases = chooseReleases(*a.parser, dataset, split, bySplit);
        Predictor predictor = Predictor::load(a.model, &dataset, a.device);
        predictor.setThreads(a.threads);
        ForecastWriter writer(a.out, dataset, dataset.outputDays(), kind, predictor.description(),
                              forecastAttributes(datasetSimulation(dataset), commandLine));
        return job.withProgress(command + " " + std::to_string(releases.size()) + " releases",
                                [&](ProgressBar& bar, const JobControl& control) {
                                    ForecastJob forecast{dataset, releases, predictor, writer,
                                                         bar,     control,  bySplit,   split};
                                    return body(forecast);
                                });
    });
}

void printDayMetrics(std::ostream& out, const DayMetrics& metrics) {
    for (int d = 1; d <= metrics.outputDays(); ++d) {
        const DriftMetricValues m = metrics.model(d), p = metrics.persistence(d);
        out << "  day " << d << ": " << metricsText(m) << "   (persistence: MAE " << sci(p.mae)
            << ", IoU50 " << formatFixed(p.iou50, 3);
        if (metrics.advectionSamples(d) > 0) {
            const DriftMetricValues a = metrics.advection(d);
            out << "; advection: MAE " << sci(a.mae) << ", IoU50 " << formatFixed(a.iou50, 3);
        }
        out << ")\n";
        if (!m.km) continue;
        out << "         centre " << formatFixed(m.centreKm, 2) << " km, spread ratio "
            << formatFixed(m.spreadRatio, 3) << ", transport " << formatFixed(m.transportKm, 2)
            << " km, far mass " << formatFixed(100 * m.farMass, 2) << " %   (persistence: centre "
            << formatFixed(p.centreKm, 2) << " km, spread ratio " << formatFixed(p.spreadRatio, 3);
        if (metrics.advectionSamples(d) > 0) {
            const DriftMetricValues a = metrics.advection(d);
            if (a.km)
                out << "; advection: centre " << formatFixed(a.centreKm, 2) << " km, spread ratio "
                    << formatFixed(a.spreadRatio, 3) << ", transport "
                    << formatFixed(a.transportKm, 2) << " km";
        }
        out << ")\n";
    }
    const double skill = metrics.modelSkill(), advection = metrics.advectionSkill();
    if (std::isfinite(skill)) {
        out << "  Liu & Weisberg skill of the centre track over " << metrics.outputDays()
            << " days: " << formatFixed(skill, 3);
        if (std::isfinite(advection)) out << " (advection " << formatFixed(advection, 3) << ")";
        out << "\n";
    }
}

}  // namespace driftlab::cli
