// Benchmarks of the drift engine. Run: build/dev/tests/bench/driftlab_bench_drift
// (figures and their meaning in docs/performance.md).
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <memory>

#include "drift/AdvectionBaseline.h"
#include "drift/DensityAdvection.h"
#include "drift/Simulator.h"
#include "jobs/DatasetGenerator.h"
#include "ocean/OceanGenerator.h"

using namespace driftlab;

namespace {

const CurrentFields& demoFields() {
    static const CurrentFields fields = [] {
        OceanGeneratorParams p = GeneratorConfig::fromPreset("demo").ocean;
        p.days = 40;
        return OceanGenerator(p).generate(1);
    }();
    return fields;
}

// RK4 advection alone: particle-steps per second, per thread count (each thread its own cloud).
void advect(benchmark::State& state, bool simd) {
    const CurrentFields& fields = demoFields();
    const Advector advector(fields, 0.0, simd);
    const Simulator sim(fields, {});
    ReleaseSpec r;
    r.day = 1;
    r.lon = 5.0;
    r.lat = 42.5;
    r.radiusKm = 30.0;
    r.particles = 10000;
    Random rng(7, static_cast<std::uint64_t>(state.thread_index()));
    const Particles start = sim.place(r, rng);
    std::uint64_t steps = 0;
    for (auto _ : state) {
        Particles p = start;
        for (int s = 0; s < 40; ++s) steps += advector.step(p, 86400.0 + s * 21600.0, 21600.0, rng);
        benchmark::DoNotOptimize(p.x.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(steps));
    state.counters["particle_steps_per_s"] =
        benchmark::Counter(static_cast<double>(steps), benchmark::Counter::kIsRate);
}
void BM_Advection(benchmark::State& state) {
    advect(state, true);
}
BENCHMARK(BM_Advection)->Threads(1)->Threads(2)->UseRealTime()->Unit(benchmark::kMillisecond);
// The same without the AVX2 interpolation (what a CPU without AVX2 runs).
void BM_AdvectionScalar(benchmark::State& state) {
    advect(state, false);
}
BENCHMARK(BM_AdvectionScalar)->Threads(1)->Threads(2)->UseRealTime()->Unit(benchmark::kMillisecond);

// A release of the demo's size (10 km, 2,000 particles) on current day `day`.
ReleaseSpec demoRelease(int day) {
    ReleaseSpec r;
    r.day = day;
    r.lon = 5.0;
    r.lat = 42.5;
    r.radiusKm = 10.0;
    r.particles = 2000;
    return r;
}

// One release end to end (placement, advection, 11 density maps), demo sizes.
void BM_SimulateRelease(benchmark::State& state) {
    const CurrentFields& fields = demoFields();
    const Simulator sim(fields, {});
    const ReleaseSpec r = demoRelease(3);
    std::uint64_t k = 0;
    for (auto _ : state) benchmark::DoNotOptimize(sim.simulate(r, 1, ++k).maps.data());
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SimulateRelease)->Unit(benchmark::kMillisecond);

// The whole demo preset, file included, on 1 and 2 threads.
void BM_GenerateDemo(benchmark::State& state) {
    GeneratorConfig c = GeneratorConfig::fromPreset("demo");
    c.threads = static_cast<int>(state.range(0));
    const std::string path =
        (std::filesystem::temp_directory_path() / "driftlab-bench-demo.h5").string();
    for (auto _ : state) {
        const GenerationStats s = generateDataset(c, path, "benchmark");
        state.counters["file_MB"] = static_cast<double>(s.fileBytes) / 1e6;
        state.counters["particle_steps"] = static_cast<double>(s.particleSteps);
    }
    std::filesystem::remove(path);
}
BENCHMARK(BM_GenerateDemo)->Arg(1)->Arg(2)->Iterations(1)->UseRealTime()->Unit(benchmark::kSecond);

}  // namespace

// The numerical-advection baseline on the demo grid (docs/training.md): building one day's remap
// (3 x 3 parcels per ocean cell, 4 RK4 steps), and applying it to a release's map (the per-map
// cost once the day's remap is cached), beside a copy of the map (the floor of any step).
std::vector<float> demoMap() {
    const Simulator sim(demoFields(), {});
    return sim.simulate(demoRelease(1), 1, 1).maps[2];  // day 2 of a day-1 release: current day 3
}
void BM_AdvectionBaselineBuildDay(benchmark::State& state) {
    const CurrentFields& f = demoFields();
    std::size_t bytes = 0;
    for (auto _ : state) {
        const AdvectionTransfer t =
            buildAdvectionTransfer(f.mask, f.uDay(3), f.vDay(3), f.uDay(4), f.vDay(4), {});
        benchmark::DoNotOptimize(t.weights.data());
        bytes = t.bytes();
    }
    state.counters["remap_kB"] = static_cast<double>(bytes) / 1024.0;
}
BENCHMARK(BM_AdvectionBaselineBuildDay)->Unit(benchmark::kMillisecond);
void BM_AdvectionBaselineApply(benchmark::State& state) {
    const AdvectionBaseline baseline(demoFields(), {});
    const std::vector<float> in = demoMap();
    std::vector<float> out(in.size());
    baseline.advect(3, in.data(), out.data());  // builds day 3's remap
    for (auto _ : state) {
        baseline.advect(3, in.data(), out.data());
        benchmark::DoNotOptimize(out.data());
    }
}
BENCHMARK(BM_AdvectionBaselineApply)->Unit(benchmark::kMicrosecond);
void BM_MapCopy(benchmark::State& state) {
    const std::vector<float> in = demoMap();
    std::vector<float> out(in.size());
    for (auto _ : state) {
        std::copy(in.begin(), in.end(), out.begin());
        benchmark::DoNotOptimize(out.data());
    }
}
BENCHMARK(BM_MapCopy)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
