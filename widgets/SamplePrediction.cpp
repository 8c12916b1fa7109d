#include "SamplePrediction.h"

#include <chrono>
#include <stdexcept>

#include "SceneBuilder.h"
#include "data/DriftDataset.h"
#include "drift/AdvectionBaseline.h"
#include "learn/Predictor.h"
#include "stats/CloudGeometry.h"

namespace driftlab {

SamplePrediction predictSample(const Predictor& predictor, const Sample& sample,
                               const DriftDataset& dataset) {
    if (sample.densityNext.empty())
        throw std::invalid_argument("the last output day has no day t+1 to predict");
    SamplePrediction p;
    p.release = sample.release;
    p.day = sample.day;
    const auto t0 = std::chrono::steady_clock::now();
    const int currentDay = sample.date - dataset.startDay();
    p.predicted = predictor.predict(dataset, sample.density, currentDay);
    p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const auto& ocean = dataset.mask().values();
    p.advected = predictor.advection(dataset)->advect(currentDay, sample.density);
    const std::vector<float>& moved = p.advected;
    const CloudGeometry geometry(dataset.grid(), ocean);
    DriftMetricAccumulator model(ocean, &geometry), persistence(ocean, &geometry),
        advection(ocean, &geometry);
    advection.add(sample.density.data(), moved.data(), sample.densityNext.data());
    p.advection = advection.value();
    model.add(sample.density.data(), p.predicted.data(), sample.densityNext.data());
    persistence.add(sample.density.data(), sample.density.data(), sample.densityNext.data());
    p.metrics = model.value();
    p.persistence = persistence.value();
    return p;
}

}  // namespace driftlab
