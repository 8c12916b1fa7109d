// `driftlab predict MODEL DATASET.h5 (--split test|val|train | --release R) -o OUT.h5`:
// one-step predictions: each output day predicted from the simulated day before (the model's
// training task), all days of a release in one batch, written with the simulated maps into a
// forecast file (kind "one-step"), with the metrics per day (docs/predictions.md).
#include <chrono>
#include <iostream>
#include <memory>
#include <optional>

#include "ArgParser.h"
#include "CliJob.h"
#include "Commands.h"
#include "ForecastSupport.h"
#include "ProgressBar.h"
#include "data/DriftDataset.h"
#include "data/ForecastWriter.h"
#include "drift/AdvectionBaseline.h"
#include "jobs/DatasetSimulation.h"
#include "learn/Predictor.h"
#include "stats/ForecastClouds.h"
#include "stats/MeanDensity.h"

namespace driftlab::cli {

int runPredict(const std::vector<std::string>& args, const std::string& commandLine) {
    ForecastCommandArgs a;
    const int parsed = CliJob("predict").parse([&] { a = parseForecastCommand("predict", args); });
    if (parsed != kOk) return parsed;
    return runForecastJob("predict", a, "one-step", commandLine, [&a](ForecastJob& job) {
        const DriftDataset& dataset = job.dataset;
        const std::vector<int>& releases = job.releases;
        const auto mass = dataset.mass();
        const Grid& g = dataset.grid();
        const std::size_t cells = g.cellCount();
        const int days = dataset.outputDays();
        const auto geometry =
            std::make_shared<const CloudGeometry>(dataset.grid(), dataset.mask().values());
        DayMetrics metrics(dataset.mask().values(), days, geometry);
        const auto baseline = job.predictor.advection(dataset);
        std::vector<float> density(cells * static_cast<std::size_t>(days));
        std::vector<int> currentDays(static_cast<std::size_t>(days));
        const auto start = std::chrono::steady_clock::now();
        for (std::size_t k = 0; k < releases.size(); ++k) {
            job.control.throwIfStopped();
            ForecastRecord record = truthRecord(dataset, releases[k], mass);
            // The release's D pairs (day d -> d + 1) in one batch.
            for (int d = 0; d < days; ++d) {
                const auto at = static_cast<std::ptrdiff_t>(cells) * d;
                const auto& map = record.simulated[static_cast<std::size_t>(d)];
                std::copy(map.begin(), map.end(), density.begin() + at);
                currentDays[static_cast<std::size_t>(d)] = record.spec.day + d;
            }
            const std::vector<float> predicted =
                job.predictor.predictBatch(dataset, density, currentDays);
            record.predicted.resize(static_cast<std::size_t>(days) + 1);
            record.predicted[0] = record.simulated[0];  // day 0 is the initial state
            for (int d = 1; d <= days; ++d) {
                const auto at = static_cast<std::ptrdiff_t>(cells) * (d - 1);
                record.predicted[static_cast<std::size_t>(d)].assign(
                    predicted.begin() + at,
                    predicted.begin() + at + static_cast<std::ptrdiff_t>(cells));
            }
            // The advection baseline one step from each simulated day, like the model.
            record.advected = {record.simulated[0]};
            for (int d = 1; d <= days; ++d)
                record.advected.push_back(baseline->advect(
                    record.spec.day + d - 1, record.simulated[static_cast<std::size_t>(d - 1)]));
            metrics.add(record.simulated, record.predicted, DayMetrics::Persistence::PreviousDay,
                        &record.advected);
            addCloudTracks(record, *geometry);
            job.writer.add(record);
            job.bar.update(static_cast<double>(k + 1) / static_cast<double>(releases.size()),
                           "release " + std::to_string(releases[k]));
        }
        job.control.throwIfStopped();
        job.writer.finish();
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        job.bar.finish("done");
        const std::size_t pairs = releases.size() * static_cast<std::size_t>(days);
        std::cout << "model " << job.predictor.description() << "\n"
                  << "predicted " << pairs << " one-step pairs of " << job.releasesInWords()
                  << " in " << formatFixed(seconds, 2) << " s ("
                  << formatFixed(1000.0 * seconds / static_cast<double>(pairs), 2)
                  << " ms per pair)\n"
                  << "mean metrics per output day (each day from the simulated day before; "
                     "persistence = that day held):\n";
        printDayMetrics(std::cout, metrics);
        std::cout << "wrote " << a.out << "\n";
        return kOk;
    });
}

}  // namespace driftlab::cli
