#include "learn/Evaluator.h"

#include <chrono>
#include <cmath>
#include <sstream>

#include "data/DatasetError.h"
#include "data/DriftDataset.h"
#include "drift/AdvectionBaseline.h"
#include "jobs/JobControl.h"
#include "learn/PairLoader.h"
#include "learn/Predictor.h"

namespace driftlab {

namespace {

void addTo(DriftMetricValues& sum, const DriftMetricValues& v) {
    sum.mse += v.mse;
    sum.mae += v.mae;
    sum.iou50 += v.iou50;
    sum.iou90 += v.iou90;
    sum.massError += v.massError;
    sum.massErrorSigned += v.massErrorSigned;
}

DriftMetricValues dividedBy(DriftMetricValues v, double n) {
    if (n <= 0) return {};
    v.mse /= n;
    v.mae /= n;
    v.iou50 /= n;
    v.iou90 /= n;
    v.massError /= n;
    v.massErrorSigned /= n;
    return v;
}

DriftMetricValues scoreOne(const std::vector<std::uint8_t>& ocean, const float* input,
                           const float* predicted, const float* truth) {
    DriftMetricAccumulator one(ocean);
    one.add(input, predicted, truth);
    return one.value();
}

}  // namespace

std::string EvaluationResult::csv() const {
    std::ostringstream out;
    out.precision(9);
    out << "release,day,mse,mae,iou50,iou90,mass_error,persistence_mse,persistence_mae,"
           "persistence_iou50,persistence_iou90,persistence_mass_error,advection_mse,"
           "advection_mae,advection_iou50,advection_iou90,advection_mass_error\n";
    for (const auto& s : samples) {
        out << s.release << ',' << s.day;
        for (const DriftMetricValues* m : {&s.model, &s.persistence, &s.advection})
            out << ',' << m->mse << ',' << m->mae << ',' << m->iou50 << ',' << m->iou90 << ','
                << m->massError;
        out << '\n';
    }
    return out.str();
}

EvaluationResult evaluateSplit(const Predictor& predictor, const DriftDataset& dataset, Split split,
                               int batchSize, const JobControl& control) {
    const auto start = std::chrono::steady_clock::now();
    const auto pairs = PairLoader::pairsOf(dataset, split, 0, 1);
    if (pairs.empty())
        throw DatasetError(dataset.path() + ": the " + splitName(split) +
                           " split has no releases to evaluate on");
    const Grid& g = dataset.grid();
    const std::size_t cells = g.cellCount();
    const auto& ocean = dataset.mask().values();
    batchSize = std::max(1, batchSize);

    EvaluationResult r;
    r.split = split;
    r.ny = g.ny;
    r.nx = g.nx;
    r.meanAbsoluteError.assign(cells, 0.0);
    std::vector<DriftMetricValues> daySums(static_cast<std::size_t>(dataset.outputDays()));
    std::vector<DriftMetricValues> persistenceDaySums(daySums.size()),
        advectionDaySums(daySums.size());
    std::vector<int> dayCounts(static_cast<std::size_t>(dataset.outputDays()), 0);
    const auto baseline = predictor.advection(dataset);
    std::vector<float> density, truth, map, moved(cells);
    std::vector<int> days;
    for (std::size_t first = 0; first < pairs.size();
         first += static_cast<std::size_t>(batchSize)) {
        control.throwIfStopped();
        const std::size_t count =
            std::min(pairs.size() - first, static_cast<std::size_t>(batchSize));
        density.resize(count * cells);
        truth.resize(count * cells);
        days.resize(count);
        for (std::size_t s = 0; s < count; ++s) {
            const TrainingPair& p = pairs[first + s];
            dataset.readDensity(p.release, p.day, map);
            std::copy(map.begin(), map.end(),
                      density.begin() + static_cast<std::ptrdiff_t>(s * cells));
            dataset.readDensity(p.release, p.day + 1, map);
            std::copy(map.begin(), map.end(),
                      truth.begin() + static_cast<std::ptrdiff_t>(s * cells));
            days[s] = dataset.releases()[static_cast<std::size_t>(p.release)].spec.day + p.day;
        }
        const std::vector<float> predicted = predictor.predictBatch(dataset, density, days);
        for (std::size_t s = 0; s < count; ++s) {
            const TrainingPair& p = pairs[first + s];
            const float* in = density.data() + s * cells;
            const float* pred = predicted.data() + s * cells;
            const float* tru = truth.data() + s * cells;
            baseline->advect(days[s], in, moved.data());
            SampleMetrics m{p.release, p.day, scoreOne(ocean, in, pred, tru),
                            scoreOne(ocean, in, in, tru), scoreOne(ocean, in, moved.data(), tru)};
            for (std::size_t c = 0; c < cells; ++c)
                if (ocean[c])
                    r.meanAbsoluteError[c] += std::abs(static_cast<double>(pred[c]) - tru[c]);
            addTo(r.model, m.model);
            addTo(r.persistence, m.persistence);
            addTo(r.advection, m.advection);
            addTo(daySums[static_cast<std::size_t>(p.day)], m.model);
            addTo(persistenceDaySums[static_cast<std::size_t>(p.day)], m.persistence);
            addTo(advectionDaySums[static_cast<std::size_t>(p.day)], m.advection);
            ++dayCounts[static_cast<std::size_t>(p.day)];
            r.samples.push_back(m);
        }
        control.report(static_cast<double>(first + count) / static_cast<double>(pairs.size()),
                       "evaluating");
    }
    const double n = static_cast<double>(r.samples.size());
    r.model = dividedBy(r.model, n);
    r.persistence = dividedBy(r.persistence, n);
    r.advection = dividedBy(r.advection, n);
    for (std::size_t d = 0; d < daySums.size(); ++d) {
        r.modelByDay.push_back(dividedBy(daySums[d], dayCounts[d]));
        r.persistenceByDay.push_back(dividedBy(persistenceDaySums[d], dayCounts[d]));
        r.advectionByDay.push_back(dividedBy(advectionDaySums[d], dayCounts[d]));
    }
    for (double& e : r.meanAbsoluteError) e /= n;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

}  // namespace driftlab
