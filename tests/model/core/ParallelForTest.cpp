// The parallel loop every room's workers use (core/ParallelFor.h).
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "core/ParallelFor.h"

namespace driftlab {
namespace {

TEST(ParallelFor, EachIndexRunsOnceOnAnyThreadCount) {
    for (int threads : {1, 3, 64}) {
        std::vector<int> runs(37, 0);
        parallelFor(static_cast<int>(runs.size()), threads, [&](int k) { ++runs[k]; });
        EXPECT_EQ(runs, std::vector<int>(runs.size(), 1)) << threads << " threads";
    }
    int calls = 0;
    parallelFor(0, 4, [&](int) { ++calls; });
    EXPECT_EQ(calls, 0);
}

TEST(ParallelFor, TheFirstFailureStopsTheHandOutAndIsRethrown) {
    for (int threads : {1, 2}) {
        std::atomic<int> started{0};
        EXPECT_THROW(parallelFor(100000, threads,
                                 [&](int k) {
                                     ++started;
                                     if (k == 3) throw std::runtime_error("index 3");
                                 }),
                     std::runtime_error);
        EXPECT_LT(started.load(), 100000) << threads << " threads";
    }
}

}  // namespace
}  // namespace driftlab
