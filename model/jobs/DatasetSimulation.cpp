#include "jobs/DatasetSimulation.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "data/DriftDataset.h"

namespace driftlab {

namespace {

template <class T>
T median(std::vector<T> values, T fallback) {
    if (values.empty()) return fallback;
    const auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), mid, values.end());
    return *mid;
}

bool dividesADay(double dtHours) {
    if (!(dtHours > 0.0) || dtHours > 24.0) return false;
    const double steps = 24.0 / dtHours;
    return std::abs(steps - std::round(steps)) <= 1e-9;
}

}  // namespace

DatasetSimulation datasetSimulation(const DriftDataset& dataset) {
    DatasetSimulation s;
    s.params.outputDays = dataset.outputDays();
    s.params.dtHours = 6.0;
    s.params.khM2s = 0.0;
    s.params.sigmaCells = 1.0;
    // Without the generator's record, the release table is the best guess of what was used.
    std::vector<int> particles;
    std::vector<double> radii;
    for (const ReleaseRecord& r : dataset.releases()) {
        particles.push_back(r.spec.particles);
        radii.push_back(r.spec.radiusKm);
    }
    s.particles = std::max(1, median(particles, 1000));
    s.radiusKm = median(radii, 5.0);
    if (!(s.radiusKm > 0.0)) s.radiusKm = 5.0;

    if (const auto v = dataset.numberAttribute("generator_dt_hours"); v && dividesADay(*v))
        s.params.dtHours = *v;
    if (const auto v = dataset.numberAttribute("generator_kh_m2_s"); v && *v >= 0.0)
        s.params.khM2s = *v;
    if (const auto v = dataset.numberAttribute("generator_sigma_cells"); v && *v >= 0.0)
        s.params.sigmaCells = *v;
    if (const auto v = dataset.numberAttribute("generator_seed"); v && *v >= 0.0)
        s.seed = static_cast<std::uint64_t>(*v);
    if (const auto v = dataset.numberAttribute("generator_particles_per_release");
        v && *v >= 1.0 && *v <= 1e9)
        s.particles = static_cast<int>(*v);
    if (const auto v = dataset.numberAttribute("generator_release_radius_km"); v && *v > 0.0)
        s.radiusKm = *v;
    return s;
}

std::shared_ptr<const AdvectionBaseline> advectionBaselineOf(const DriftDataset& dataset) {
    AdvectionOptions options;
    options.dtHours = datasetSimulation(dataset).params.dtHours;
    return std::make_shared<const AdvectionBaseline>(dataset.readAllCurrents(), options);
}

double mapSmoothingOf(const DriftDataset& dataset) {
    const auto v = dataset.numberAttribute("generator_sigma_cells");
    return v && *v > 0.0 && *v <= 20.0 ? *v : 0.0;
}

std::shared_ptr<const SharpAdvection> modelAdvectionOf(const DriftDataset& dataset,
                                                       std::shared_ptr<const AdvectionBaseline> remap,
                                                       bool sharp) {
    return std::make_shared<const SharpAdvection>(std::move(remap),
                                                  sharp ? mapSmoothingOf(dataset) : 0.0);
}

}  // namespace driftlab
