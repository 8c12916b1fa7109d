#include "SamplePrediction.h"

#include <chrono>
#include <stdexcept>

#include "SceneBuilder.h"
#include "learn/Predictor.h"

namespace driftlab {

SamplePrediction predictSample(const Predictor& predictor, const Sample& sample,
                               const std::vector<std::uint8_t>& ocean, int ny, int nx) {
    if (sample.densityNext.empty())
        throw std::invalid_argument("the last output day has no day t+1 to predict");
    SamplePrediction p;
    p.release = sample.release;
    p.day = sample.day;
    const auto t0 = std::chrono::steady_clock::now();
    p.predicted = predictor.predict(sample.density, sample.u, sample.v, ocean, ny, nx);
    p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    DriftMetricAccumulator model(ocean), persistence(ocean);
    model.add(sample.density.data(), p.predicted.data(), sample.densityNext.data());
    persistence.add(sample.density.data(), sample.density.data(), sample.densityNext.data());
    p.metrics = model.value();
    p.persistence = persistence.value();
    return p;
}

}  // namespace driftlab
