#include "learn/Evaluator.h"

#include <chrono>
#include <cmath>
#include <sstream>

#include "data/DatasetError.h"
#include "data/DriftDataset.h"
#include "drift/AdvectionBaseline.h"
#include "core/JobControl.h"
#include "learn/PairLoader.h"
#include "learn/Predictor.h"
#include "stats/CloudGeometry.h"
#include "stats/MethodScores.h"

namespace driftlab {

namespace {

// `separations`: the method's summed centre separations over the samples that have km values
// all round, `travelled`: the truth's summed one-day displacements over the same samples.
KmDistribution distributionOf(const std::vector<SampleMetrics>& samples,
                              DriftMetricValues SampleMetrics::*method, double separations,
                              double travelled) {
    std::vector<double> ratio, far;
    for (const SampleMetrics& s : samples) {
        const DriftMetricValues& v = s.*method;
        if (!v.km) continue;
        ratio.push_back(v.spreadRatio);
        far.push_back(v.farMass);
    }
    KmDistribution d;
    d.medianSpreadRatio = quantileOf(ratio, 0.5);
    d.farMassP99 = quantileOf(far, 0.99);
    // Liu & Weisberg over the one-day steps: the separations against the true lengths.
    d.liuWeisbergSkill =
        travelled > 0 ? std::max(0.0, 1.0 - separations / travelled) : std::nan("");
    return d;
}

}  // namespace

std::string EvaluationResult::csv() const {
    std::ostringstream out;
    out.precision(9);
    out << "release,day";
    for (const char* who : {"", "persistence_", "advection_"})
        for (const char* m : {"mse", "mae", "iou50", "iou90", "mass_error", "centre_km",
                              "spread_error_km", "spread_ratio", "transport_km", "far_mass"})
            out << ',' << who << m;
    out << '\n';
    for (const auto& s : samples) {
        out << s.release << ',' << s.day;
        for (const DriftMetricValues* m : {&s.model, &s.persistence, &s.advection}) {
            out << ',' << m->mse << ',' << m->mae << ',' << m->iou50 << ',' << m->iou90 << ','
                << m->massError;
            if (m->km)
                out << ',' << m->centreKm << ',' << m->spreadErrorKm << ',' << m->spreadRatio
                    << ',' << m->transportKm << ',' << m->farMass;
            else
                out << ",,,,,";
        }
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
    const CloudGeometry geometry(g, ocean);
    DriftScorer scorer(ocean, &geometry);
    MethodScores total;
    std::vector<MethodScores> byDay(static_cast<std::size_t>(dataset.outputDays()));
    // For the Liu & Weisberg skill: the truth's one-day displacements and each method's
    // separations, summed.
    double travelled = 0, modelSeparation = 0, persistenceSeparation = 0, advectionSeparation = 0;
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
            const MethodValues v = MethodScores::score(scorer, in, pred, moved.data(), tru);
            const SampleMetrics m{p.release, p.day, v.model, v.persistence, v.advection};
            for (std::size_t c = 0; c < cells; ++c)
                if (ocean[c])
                    r.meanAbsoluteError[c] += std::abs(static_cast<double>(pred[c]) - tru[c]);
            total.add(v);
            byDay[static_cast<std::size_t>(p.day)].add(v);
            if (m.model.km && m.persistence.km && m.advection.km) {
                // The persistence separation is the truth's own one-day displacement.
                travelled += m.persistence.centreKm;
                modelSeparation += m.model.centreKm;
                persistenceSeparation += m.persistence.centreKm;
                advectionSeparation += m.advection.centreKm;
            }
            r.samples.push_back(m);
        }
        control.report(static_cast<double>(first + count) / static_cast<double>(pairs.size()),
                       "evaluating");
    }
    const double n = static_cast<double>(r.samples.size());
    const MethodValues means = total.value();
    r.model = means.model;
    r.persistence = means.persistence;
    r.advection = means.advection;
    for (const MethodScores& day : byDay) {
        const MethodValues d = day.value();
        r.modelByDay.push_back(d.model);
        r.persistenceByDay.push_back(d.persistence);
        r.advectionByDay.push_back(d.advection);
    }
    r.modelKm = distributionOf(r.samples, &SampleMetrics::model, modelSeparation, travelled);
    r.persistenceKm =
        distributionOf(r.samples, &SampleMetrics::persistence, persistenceSeparation, travelled);
    r.advectionKm =
        distributionOf(r.samples, &SampleMetrics::advection, advectionSeparation, travelled);
    for (double& e : r.meanAbsoluteError) e /= n;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

}  // namespace driftlab
