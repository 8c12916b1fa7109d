#pragma once
// What the forecast commands (release, rollout, predict) share: metric lines, the simulation
// settings as file attributes, and the model-loading step.
#include <functional>
#include <memory>
#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "ArgParser.h"
#include "core/JobControl.h"
#include "data/Attribute.h"
#include "data/ForecastWriter.h"
#include "jobs/DatasetSimulation.h"
#include "learn/TrainingConfig.h"
#include "stats/DayMetrics.h"
#include "stats/DriftMetrics.h"

namespace driftlab {
class Predictor;
}

namespace driftlab::cli {

class ProgressBar;

std::string sci(double value);  // 4 significant digits
// "  NAME: MSE .., MAE .., IoU50 .., IoU90 .., mass error .."
void printMetrics(std::ostream& out, const std::string& name, const DriftMetricValues& m);
// One line per day: the model, and persistence's MAE and IoU50 beside it.
void printDayMetrics(std::ostream& out, const DayMetrics& metrics);
// simulation_dt_hours, simulation_kh_m2_s, simulation_sigma_cells, simulation_seed: how the
// maps of a forecast file were simulated; and its history (the command line).
Attributes forecastAttributes(const DatasetSimulation& sim, const std::string& history);

// The releases --release R (one) or --split S (the split's, in file order) choose; `split` is
// the split asked for, set to the release's own with --release. Throws UsageError for a
// release that does not exist or an empty split.
std::vector<int> chooseReleases(const ArgParser& p, const DriftDataset& dataset, Split& split,
                                bool& bySplit);
// What `rollout` and `predict` share on their command line: MODEL DATASET (--release R |
// --split S, default test) -o OUT.h5 [--threads T, default all cores], plus the command's own
// `extraOptions` (read them from `parser`).
struct ForecastCommandArgs {
    std::unique_ptr<ArgParser> parser;
    std::string model, file, out;
    Split split = Split::Test;
    int threads = 1;
    DeviceChoice device = DeviceChoice::Auto;  // --device cpu|cuda|auto
};
// Throws UsageError with `command` named in the sentence.
ForecastCommandArgs parseForecastCommand(const std::string& command,
                                         const std::vector<std::string>& args,
                                         std::set<std::string> extraOptions = {});

// What `rollout` and `predict` work with inside their loop.
struct ForecastJob {
    const DriftDataset& dataset;
    const std::vector<int>& releases;  // in file order
    Predictor& predictor;              // on the asked device, with the asked threads
    ForecastWriter& writer;            // the forecast file; finish() it when complete
    ProgressBar& bar;                  // finish() it with the summary when done
    const JobControl& control;         // sees Ctrl-C; throwIfStopped() between releases
    // "80 releases of the test split" or "1 release (12)", for the summary line.
    std::string releasesInWords() const;

    bool bySplit;
    Split split;
};
// Runs `rollout` or `predict` (`command`) around `body`, as a CliJob: opens the dataset, chooses
// the releases, loads the model, opens the forecast file of `kind` ("rollout", "one-step"),
// installs the Ctrl-C / SIGTERM handlers and draws the bar. Returns body's exit code, or the
// CliJob's for what was thrown (kUsage for a bad --release / --split, kCancelled when stopped).
// Nothing is written under the output's name unless body finishes the writer.
int runForecastJob(const std::string& command, const ForecastCommandArgs& a,
                   const std::string& kind, const std::string& commandLine,
                   const std::function<int(ForecastJob&)>& body);

// A dataset release as a forecast record: its table row, simulated maps (days 0..D) and mass
// (`mass`: the dataset's mass table); no predicted maps yet.
ForecastRecord truthRecord(const DriftDataset& dataset, int release,
                           const std::vector<float>& mass);

}  // namespace driftlab::cli
