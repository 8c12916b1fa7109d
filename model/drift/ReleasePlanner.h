#pragma once
// Draws the releases of a dataset: centres uniformly over the ocean cells, release days
// uniformly over the days that still have currents for every output day, and a split per
// release (so no release is ever in two splits).
#include <cstdint>
#include <string>
#include <vector>

#include "drift/Release.h"
#include "ocean/OceanMask.h"

namespace driftlab {

enum class SplitMode {
    Random,        // releases shuffled into train / val / test
    Chronological  // earliest releases train, then val, latest test (no future leaks into training)
};
SplitMode parseSplitMode(const std::string& text);  // "random" | "chronological"
const char* splitModeName(SplitMode mode);

struct ReleasePlan {
    int count = 100;
    int particles = 1000;
    double radiusKm = 5.0;
    int firstDay = 0, lastDay = 0;  // inclusive range of release days
    SplitMode splitMode = SplitMode::Random;
    double valFraction = 0.1, testFraction = 0.1;
    std::uint64_t seed = 1;
};

class Random;

// Puts each release in a split: `plan.valFraction` / `plan.testFraction` of them (rounded) in
// validation / test, at random (plan.splitMode Random, drawn from `rng`) or by order (the
// releases' order: chronological when they are sorted by day).
void assignSplits(std::vector<ReleaseSpec>& releases, const ReleasePlan& plan, Random& rng);

// Releases sorted by day (then by draw order), splits assigned. Throws InputError
// for impossible plans (no ocean, bad fractions, empty day range).
std::vector<ReleaseSpec> planReleases(const ReleasePlan& plan, const OceanMask& mask);

}  // namespace driftlab
