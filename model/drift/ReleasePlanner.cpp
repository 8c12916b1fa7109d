#include "drift/ReleasePlanner.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "core/InputError.h"
#include "core/Random.h"

namespace driftlab {

SplitMode parseSplitMode(const std::string& text) {
    if (text == "random") return SplitMode::Random;
    if (text == "chronological") return SplitMode::Chronological;
    throw std::invalid_argument("unknown split mode '" + text + "' (random or chronological)");
}

const char* splitModeName(SplitMode mode) {
    return mode == SplitMode::Random ? "random" : "chronological";
}

void assignSplits(std::vector<ReleaseSpec>& out, const ReleasePlan& plan, Random& rng) {
    const int count = static_cast<int>(out.size());
    const int nVal = static_cast<int>(std::lround(count * plan.valFraction));
    const int nTest = static_cast<int>(std::lround(count * plan.testFraction));
    std::vector<int> order(count);
    std::iota(order.begin(), order.end(), 0);
    if (plan.splitMode == SplitMode::Random) {
        for (int k = count - 1; k > 0; --k) std::swap(order[k], order[rng.uniformInt(k + 1)]);
    }
    // order[0 .. train) train, then val, then test (chronological: by day already).
    const int nTrain = count - nVal - nTest;
    for (int k = 0; k < count; ++k) {
        out[order[k]].split = k < nTrain          ? Split::Train
                              : k < nTrain + nVal ? Split::Validation
                                                  : Split::Test;
    }
}

std::vector<ReleaseSpec> planReleases(const ReleasePlan& plan, const OceanMask& mask) {
    if (plan.count < 1) throw InputError("need at least one release");
    if (plan.particles < 1) throw InputError("need at least one particle per release");
    if (!(plan.radiusKm >= 0.0)) throw InputError("the release radius must be >= 0 km");
    if (plan.lastDay < plan.firstDay) {
        throw InputError(
            "no release day has currents for every output day: make the "
            "currents longer or the output days fewer");
    }
    if (!(plan.valFraction >= 0 && plan.testFraction >= 0 &&
          plan.valFraction + plan.testFraction < 1.0)) {
        throw InputError("validation and test fractions must be >= 0 and sum to less than 1");
    }
    const Grid& g = mask.grid();
    std::vector<int> oceanCells;
    for (int c = 0; c < static_cast<int>(g.cellCount()); ++c) {
        if (mask.values()[c]) oceanCells.push_back(c);
    }
    if (oceanCells.empty()) throw InputError("the grid has no ocean cell to release in");

    Random rng(plan.seed, 0x5E1EA5E);
    std::vector<ReleaseSpec> out(plan.count);
    for (ReleaseSpec& r : out) {
        const int cell = oceanCells[rng.uniformInt(static_cast<int>(oceanCells.size()))];
        r.lon = g.lon(cell % g.nx) + g.dLon * (rng.uniform() - 0.5);
        r.lat = g.lat(cell / g.nx) + g.dLat * (rng.uniform() - 0.5);
        r.day = plan.firstDay + rng.uniformInt(plan.lastDay - plan.firstDay + 1);
        r.radiusKm = plan.radiusKm;
        r.particles = plan.particles;
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const ReleaseSpec& a, const ReleaseSpec& b) { return a.day < b.day; });

    assignSplits(out, plan, rng);
    return out;
}

}  // namespace driftlab
