#include "stats/MethodScores.h"

#include <stdexcept>
#include <string>

namespace driftlab {

MethodValues MethodScores::score(DriftScorer& scorer, const float* inputAtT,
                                 const float* predicted, const float* advected,
                                 const float* truth) {
    scorer.setTruth(inputAtT, truth);
    return {scorer.score(predicted), scorer.score(inputAtT), scorer.score(advected)};
}

void MethodScores::add(const MethodValues& sample) {
    model_.add(sample.model);
    persistence_.add(sample.persistence);
    advection_.add(sample.advection);
}

MethodValues MethodScores::value() const {
    return {model_.value(), persistence_.value(), advection_.value()};
}

std::vector<double> MethodScores::sums() const {
    std::vector<double> all;
    all.reserve(kSums);
    for (const MetricSums* m : {&model_, &persistence_, &advection_}) {
        const std::vector<double> s = m->sums();
        all.insert(all.end(), s.begin(), s.end());
    }
    return all;
}

void MethodScores::setSums(const std::vector<double>& sums) {
    if (sums.size() != kSums)
        throw std::invalid_argument("method scores: " + std::to_string(kSums) +
                                    " numbers expected, got " + std::to_string(sums.size()));
    auto at = sums.begin();
    for (MetricSums* m : {&model_, &persistence_, &advection_}) {
        m->setSums({at, at + static_cast<std::ptrdiff_t>(MetricSums::kSums)});
        at += static_cast<std::ptrdiff_t>(MetricSums::kSums);
    }
}

}  // namespace driftlab
