#include "MassRegionField.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "stats/DriftMetrics.h"

namespace driftlab {

MassRegionField massRegionField(const std::vector<float>& density,
                                const std::vector<std::uint8_t>& ocean, double fraction) {
    MassRegionField out;
    const std::size_t n = density.size();
    const std::vector<std::uint8_t> allOcean = ocean.size() == n
                                                   ? std::vector<std::uint8_t>{}
                                                   : std::vector<std::uint8_t>(n, 1);
    const std::uint8_t* wet = ocean.size() == n ? ocean.data() : allOcean.data();
    const std::vector<std::uint8_t> region = topMassRegion(density.data(), wet, n, fraction);
    float least = std::numeric_limits<float>::infinity();
    for (std::size_t c = 0; c < n; ++c)
        if (region[c]) least = std::min(least, density[c]);
    if (!(least > 0) || !std::isfinite(least)) return out;
    // Relative gaps far above float rounding, far below anything a colour scale shows.
    const float below = static_cast<float>(least * (1.0 - 1e-3));
    out.level = least * (1.0 - 5e-4);
    out.values.resize(n);
    for (std::size_t c = 0; c < n; ++c) {
        const float d = std::isfinite(density[c]) ? std::max(density[c], 0.0f) : 0.0f;
        out.values[c] = region[c] ? d : std::min(d, below);
    }
    return out;
}

}  // namespace driftlab
