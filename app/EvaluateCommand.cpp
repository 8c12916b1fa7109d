// `driftlab evaluate MODEL DATASET.h5 [--split test|val|train] [-o metrics.csv]
// [--error-npy MAE.npy] [--batch B] [--threads T]`: a trained model's drift metrics on a split,
// sample by sample, against persistence (tomorrow = today) and the numerical-advection
// baseline, headless (docs/training.md).
#include <filesystem>
#include <fstream>
#include <iostream>

#include "ArgParser.h"
#include "CliJob.h"
#include "Commands.h"
#include "ForecastSupport.h"
#include "ProgressBar.h"
#include "core/CoreCount.h"
#include "data/AtomicFile.h"
#include "data/DriftDataset.h"
#include "learn/Evaluator.h"
#include "learn/Predictor.h"
#include "stats/MeanDensity.h"
#include "stats/NpyWriter.h"

namespace driftlab::cli {
namespace {

// The same methods in kilometres: means, and what means hide (median ratio, far-mass tail).
void printKmRow(std::ostream& out, const std::string& name, const DriftMetricValues& m,
                const KmDistribution& d) {
    if (!m.km) return;
    out << "  " << name << ": centre " << formatFixed(m.centreKm, 2) << " km, spread error "
        << formatFixed(m.spreadErrorKm, 2) << " km, spread ratio " << formatFixed(m.spreadRatio, 3)
        << " (median " << formatFixed(d.medianSpreadRatio, 3) << "), transport "
        << formatFixed(m.transportKm, 2) << " km, far mass " << formatFixed(100 * m.farMass, 2)
        << " % (p99 " << formatFixed(100 * d.farMassP99, 2) << " %), Liu-Weisberg skill "
        << formatFixed(d.liuWeisbergSkill, 3) << "\n";
}

}  // namespace

int runEvaluate(const std::vector<std::string>& args) {
    const CliJob job("evaluate");
    std::string model, file, csv, npy;
    Split split = Split::Test;
    int batch = 16, threads = 1;
    DeviceChoice device = DeviceChoice::Auto;
    const int parsed = job.parse([&] {
        const ArgParser p(args, {"split", "output", "error-npy", "batch", "threads", "device"}, {});
        if (p.positional().size() != 2)
            throw UsageError("evaluate needs a model (run folder or .pt) and a dataset");
        model = p.positional()[0];
        file = p.positional()[1];
        const std::optional<Split> chosen = parseSplitFilter(p.text("split", "test"));
        if (!chosen) throw UsageError("evaluate needs one split: train, val or test");
        split = *chosen;
        csv = p.text("output", "");
        npy = p.text("error-npy", "");
        batch = static_cast<int>(p.integer("batch", batch, 1, 4096));
        threads = static_cast<int>(p.integer("threads", coreCount(), 1, 1024));
        device = deviceFromName(p.text("device", "auto"));
    });
    if (parsed != kOk) return parsed;
    return job.run([&] {
        const DriftDataset dataset = DriftDataset::open(file);
        Predictor predictor = Predictor::load(model, &dataset, device);
        predictor.setThreads(threads);
        const EvaluationResult r = job.withProgress(
            "evaluate " + std::string(splitName(split)),
            [&](ProgressBar& bar, const JobControl& control) {
                EvaluationResult result = evaluateSplit(predictor, dataset, split, batch, control);
                bar.finish("done");
                return result;
            });
        std::cout << "model " << predictor.description() << "\n"
                  << "evaluated on " << r.samples.size() << " " << splitName(split) << " pairs of "
                  << file << " in " << formatFixed(r.seconds, 2) << " s ("
                  << formatFixed(1000.0 * r.seconds / static_cast<double>(r.samples.size()), 2)
                  << " ms per sample)\n";
        printMetrics(std::cout, "model      ", r.model);
        printMetrics(std::cout, "persistence", r.persistence);
        printMetrics(std::cout, "advection  ", r.advection);
        if (r.persistence.mae > 0 && r.advection.mae > 0)
            std::cout << "  model MAE = " << formatFixed(r.model.mae / r.persistence.mae, 3)
                      << " x persistence, " << formatFixed(r.model.mae / r.advection.mae, 3)
                      << " x advection\n";
        std::cout << "in kilometres:\n";
        printKmRow(std::cout, "model      ", r.model, r.modelKm);
        printKmRow(std::cout, "persistence", r.persistence, r.persistenceKm);
        printKmRow(std::cout, "advection  ", r.advection, r.advectionKm);
        std::cout << "  by input day (model):\n";
        for (std::size_t d = 0; d < r.modelByDay.size(); ++d) {
            printMetrics(std::cout, "    day " + std::to_string(d) + " -> " + std::to_string(d + 1),
                         r.modelByDay[d]);
            const DriftMetricValues& m = r.modelByDay[d];
            const DriftMetricValues& a = r.advectionByDay[d];
            if (m.km && a.km)
                std::cout << "                  centre " << formatFixed(m.centreKm, 2)
                          << " km (advection " << formatFixed(a.centreKm, 2) << "), spread ratio "
                          << formatFixed(m.spreadRatio, 3) << " (advection "
                          << formatFixed(a.spreadRatio, 3) << ")\n";
        }
        if (!csv.empty()) {
            writeFileAtomically(csv, r.csv());
            std::cout << "wrote " << csv << " (one row per sample)\n";
        }
        if (!npy.empty()) {
            writeNpy(npy, r.meanAbsoluteError, r.ny, r.nx, NpyType::Float64);
            std::cout << "wrote " << npy
                      << " (mean absolute error per cell, float64, lat x lon, row 0 south)\n";
        }
        return kOk;
    });
}

}  // namespace driftlab::cli
