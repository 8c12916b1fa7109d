// `driftlab rollout MODEL DATASET.h5 (--release R | --split test|val|train) -o OUT.h5
// [--batch B] [--threads T]`:
// the model fed its own output for every output day of the dataset's releases, from their
// simulated day 0, written with the simulated maps into a forecast file (kind "rollout"), with
// the metrics per day (docs/predictions.md).
#include <algorithm>
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

int runRollout(const std::vector<std::string>& args, const std::string& commandLine) {
    ForecastCommandArgs a;
    int batch = 16;
    const int parsed = CliJob("rollout").parse([&] {
        a = parseForecastCommand("rollout", args, {"batch"});
        batch = static_cast<int>(a.parser->integer("batch", batch, 1, 4096));
    });
    if (parsed != kOk) return parsed;
    return runForecastJob("rollout", a, "rollout", commandLine, [&a, batch](ForecastJob& job) {
        const DriftDataset& dataset = job.dataset;
        const std::vector<int>& releases = job.releases;
        const JobControl& control = job.control;
        const auto mass = dataset.mass();
        const auto baseline = job.predictor.advection(dataset);
        const auto geometry =
            std::make_shared<const CloudGeometry>(dataset.grid(), dataset.mask().values());
        DayMetrics metrics(dataset.mask().values(), dataset.outputDays(), geometry);
        const auto start = std::chrono::steady_clock::now();
        // Releases are rolled out `batch` at a time: each day of the group is one forward pass
        // (the same maps as Predictor::rolloutFrom release by release, several times faster).
        const Grid& g = dataset.grid();
        const std::size_t cells = g.cellCount();
        const int days = dataset.outputDays();
        std::vector<float> density;
        std::vector<int> currentDays;
        for (std::size_t first = 0; first < releases.size();
             first += static_cast<std::size_t>(batch)) {
            const std::size_t count =
                std::min(releases.size() - first, static_cast<std::size_t>(batch));
            std::vector<ForecastRecord> group;
            for (std::size_t s = 0; s < count; ++s) {
                group.push_back(truthRecord(dataset, releases[first + s], mass));
                group.back().predicted.push_back(group.back().simulated[0]);
            }
            density.resize(count * cells);
            currentDays.resize(count);
            for (int d = 1; d <= days; ++d) {
                control.throwIfStopped();
                for (std::size_t s = 0; s < count; ++s) {
                    const auto at = static_cast<std::ptrdiff_t>(s * cells);
                    const auto& previous = group[s].predicted.back();
                    std::copy(previous.begin(), previous.end(), density.begin() + at);
                    currentDays[s] = group[s].spec.day + d - 1;
                }
                const std::vector<float> next =
                    job.predictor.predictBatch(dataset, density, currentDays);
                for (std::size_t s = 0; s < count; ++s) {
                    const auto at = next.begin() + static_cast<std::ptrdiff_t>(s * cells);
                    group[s].predicted.emplace_back(at, at + static_cast<std::ptrdiff_t>(cells));
                }
            }
            for (ForecastRecord& record : group) {
                // The advection baseline rolled out the same way, from the same day 0.
                record.advected = baseline->rollout(record.spec.day, record.simulated[0], days);
                metrics.add(record.simulated, record.predicted, DayMetrics::Persistence::DayZero,
                            &record.advected);
                addCloudTracks(record, *geometry);
                job.writer.add(record);
            }
            job.bar.update(
                static_cast<double>(first + count) / static_cast<double>(releases.size()),
                "release " + std::to_string(releases[first + count - 1]));
        }
        control.throwIfStopped();
        job.writer.finish();
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        job.bar.finish("done");
        std::cout << "model " << job.predictor.description() << "\n"
                  << "rolled out " << job.releasesInWords() << " for " << dataset.outputDays()
                  << " days in " << formatFixed(seconds, 2) << " s ("
                  << formatFixed(1000.0 * seconds / static_cast<double>(releases.size()), 1)
                  << " ms per release)\n"
                  << "mean metrics per day of the rollout (the model fed its own output; "
                     "persistence = day 0 held; advection = the numerical baseline rolled out):\n";
        printDayMetrics(std::cout, metrics);
        std::cout << "wrote " << a.out << "\n";
        return kOk;
    });
}

}  // namespace driftlab::cli
