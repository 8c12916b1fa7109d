// `driftlab release DATASET.h5 --lon X --lat Y [--date YYYY-MM-DD | --day K] [--radius KM]
// [--particles N] [--model M] [--seed S] [--threads T] -o OUT.h5`: the explorer's click-to-
// release without a window. A new release is simulated with the dataset's own settings and,
// with a model, rolled out from the same day-0 map; both go into a forecast file (kind
// "release"), with the model's metrics per day and the timings (docs/predictions.md).
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>

#include "ArgParser.h"
#include "CliJob.h"
#include "Commands.h"
#include "ForecastSupport.h"
#include "ProgressBar.h"
#include "core/CoreCount.h"
#include "core/InputError.h"
#include "data/DriftDataset.h"
#include "data/ForecastWriter.h"
#include "drift/AdvectionBaseline.h"
#include "jobs/CustomRelease.h"
#include "jobs/DatasetSimulation.h"
#include "learn/Predictor.h"
#include "ocean/CivilDate.h"
#include "stats/ForecastClouds.h"

namespace driftlab::cli {

namespace {
using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}
}  // namespace

int runRelease(const std::vector<std::string>& args, const std::string& commandLine) {
    const CliJob job("release");
    std::string file, out, model, date;
    double lon = 0, lat = 0;
    std::optional<double> radius;
    std::optional<long long> particles, seed, day;
    int threads = 1;
    DeviceChoice device = DeviceChoice::Auto;
    const int parsed = job.parse([&] {
        const ArgParser p(args,
                          {"lon", "lat", "date", "day", "radius", "particles", "model", "seed",
                           "threads", "output", "device"},
                          {});
        if (p.positional().size() != 1) throw UsageError("release needs exactly one dataset file");
        file = p.positional()[0];
        out = p.text("output", "");
        if (out.empty()) throw UsageError("release needs -o OUT.h5 (--output)");
        if (!p.has("lon") || !p.has("lat"))
            throw UsageError("release needs the centre: --lon X --lat Y (degrees)");
        lon = p.number("lon", 0, -360, 360);
        lat = p.number("lat", 0, -90, 90);
        if (p.has("date") && p.has("day")) throw UsageError("give --date or --day, not both");
        date = p.text("date", "");
        if (p.has("day")) day = p.integer("day", 0, 0, 1'000'000);
        if (p.has("radius")) radius = p.number("radius", 5, 1e-3, 1000);
        if (p.has("particles")) particles = p.integer("particles", 1000, 1, 10'000'000);
        if (p.has("seed")) seed = p.integer("seed", 1, 0, 9'007'199'254'740'991LL);
        model = p.text("model", "");
        threads = static_cast<int>(p.integer("threads", coreCount(), 1, 1024));
        device = deviceFromName(p.text("device", "auto"));
        if (p.has("device") && model.empty())
            throw UsageError("--device is where the model runs: it needs --model");
    });
    if (parsed != kOk) return parsed;
    return job.run([&] {
        const auto t0 = Clock::now();
        const DriftDataset dataset = DriftDataset::open(file);
        DatasetSimulation sim = datasetSimulation(dataset);
        if (seed) sim.seed = static_cast<std::uint64_t>(*seed);
        ReleaseSpec spec;
        spec.lon = lon;
        spec.lat = lat;
        spec.radiusKm = radius ? *radius : sim.radiusKm;
        spec.particles = particles ? static_cast<int>(*particles) : sim.particles;
        spec.split = Split::Test;  // a release no model was trained on
        const int last = latestReleaseDay(dataset);
        if (!date.empty()) {
            try {
                spec.day = parseDate(date) - dataset.startDay();
            } catch (const std::invalid_argument& e) {
                throw UsageError(e.what());
            }
        } else {
            spec.day = day ? static_cast<int>(*day) : 0;
        }
        if (spec.day < 0 || spec.day > last)
            throw UsageError("the release date " + formatDate(dataset.startDay() + spec.day) +
                             " is outside what the currents allow for " +
                             std::to_string(dataset.outputDays()) +
                             " days of drift: " + formatDate(dataset.startDay()) + " .. " +
                             formatDate(dataset.startDay() + std::max(last, 0)) + " (--day 0.." +
                             std::to_string(last) + ")");
        if (const std::string why = releasePointProblem(dataset, lon, lat); !why.empty())
            throw InputError(why);
        std::unique_ptr<Predictor> predictor;
        if (!model.empty()) {
            predictor = std::make_unique<Predictor>(Predictor::load(model, &dataset, device));
            predictor->setThreads(threads);
        }
        // The writer checks the output folder before any work; it leaves nothing if stopped.
        ForecastWriter writer(out, dataset, dataset.outputDays(), "release",
                              predictor ? predictor->description() : std::string(),
                              forecastAttributes(sim, commandLine));
        installStopHandlers();  // the simulation and the rollout see Ctrl-C, without a bar
        const JobControl control(stopFlag(), {});
        const double openMs = msSince(t0);

        auto t = Clock::now();
        const CurrentFields fields = readCurrentsForRelease(dataset, spec.day);
        const double readMs = msSince(t);
        t = Clock::now();
        ReleaseResult result =
            simulateCustomRelease(fields, sim, spec, kCustomReleaseStream, false, control);
        const double simMs = msSince(t);
        const auto geometry =
            std::make_shared<const CloudGeometry>(dataset.grid(), dataset.mask().values());
        ForecastRecord record;
        record.spec = spec;
        record.date = dataset.startDay() + spec.day;
        record.placed = result.placed;
        record.mass = result.mass;
        record.simulated = std::move(result.maps);
        std::cout << "release at (" << formatFixed(lon, 4) << ", " << formatFixed(lat, 4) << ") on "
                  << formatDate(record.date) << ": " << record.placed << " of " << spec.particles
                  << " particles placed in " << formatFixed(spec.radiusKm, 2) << " km, "
                  << dataset.outputDays() << " days; on day " << dataset.outputDays() << " "
                  << formatFixed(100.0 * record.mass.back(), 1) << " % still in the domain\n";
        double firstModelMs = 0, rolloutMs = 0;
        if (predictor) {
            t = Clock::now();
            record.predicted =
                predictor->rolloutFrom(record.simulated[0], dataset, spec.day, dataset.outputDays(),
                                       control, [&](int d, const std::vector<float>&) {
                                           if (d == 1) firstModelMs = msSince(t);
                                       });
            rolloutMs = msSince(t);
            std::cout << "model " << predictor->description() << "\n"
                      << "model vs simulation, per day of the rollout:\n";
            // The advection baseline rolled out from the same day 0, beside the model.
            record.advected = predictor->advection(dataset)->rollout(
                spec.day, record.simulated[0], dataset.outputDays());
            DayMetrics metrics(dataset.mask().values(), dataset.outputDays(), geometry);
            metrics.add(record.simulated, record.predicted, DayMetrics::Persistence::DayZero,
                        &record.advected);
            printDayMetrics(std::cout, metrics);
        }
        control.throwIfStopped();
        addCloudTracks(record, *geometry);
        writer.add(record);
        writer.finish();
        std::cout << "first day ready after " << formatFixed(readMs + simMs + firstModelMs, 1)
                  << " ms (currents read " << formatFixed(readMs, 1) << " ms, simulation "
                  << formatFixed(simMs, 1) << " ms"
                  << (predictor ? ", the model's first day " + formatFixed(firstModelMs, 1) +
                                      " ms, whole rollout " + formatFixed(rolloutMs, 1) + " ms"
                                : std::string())
                  << "; opening " << formatFixed(openMs, 1) << " ms)\n"
                  << "wrote " << out << "\n";
        return kOk;
    });
}

}  // namespace driftlab::cli
