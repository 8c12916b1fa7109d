#include "learn/PairLoader.h"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>

#include "data/DatasetError.h"
#include "data/DriftDataset.h"
#include "drift/DensityMapper.h"
#include "drift/SharpAdvection.h"
#include "core/JobControl.h"
#include "learn/InputChannels.h"

namespace driftlab {

namespace {

// SplitMix64: a small generator with a fixed definition, so a seed gives the same order on
// every platform and standard library (std::shuffle's use of the engine is not specified).
struct SplitMix64 {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    std::uint64_t below(std::uint64_t n) { return next() % n; }  // bias < n / 2^64: irrelevant here
};

void shuffleWith(std::vector<int>& v, std::uint64_t seed) {
    SplitMix64 rng{seed};
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.below(i)]);
}

// The current-field day of a pair's input map; throws unless the file also has the `ahead`
// days after it (1 for inputs of day t+1).
int currentDayOf(const DriftDataset& ds, const TrainingPair& p, int ahead = 0) {
    const int k = ds.releases()[static_cast<std::size_t>(p.release)].spec.day + p.day;
    if (k < 0 || k + ahead >= ds.currentDays())
        throw DatasetError(ds.path() + ": release " + std::to_string(p.release) + " day " +
                           std::to_string(p.day) + " needs current field " +
                           std::to_string(k + ahead) + ", the file has " +
                           std::to_string(ds.currentDays()));
    return k;
}

}  // namespace

std::vector<TrainingPair> PairLoader::pairsOf(const DriftDataset& dataset, Split split, int limit,
                                              std::uint64_t seed) {
    std::vector<TrainingPair> pairs;
    for (int r : dataset.releasesInSplit(split))
        for (int d = 0; d < dataset.outputDays(); ++d) pairs.push_back({r, d});
    if (limit > 0 && static_cast<std::size_t>(limit) < pairs.size()) {
        std::vector<int> idx(pairs.size());
        for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = static_cast<int>(i);
        shuffleWith(idx, seed ^ 0x5EEDF00Dull);
        idx.resize(static_cast<std::size_t>(limit));
        std::sort(idx.begin(), idx.end());  // file order reads faster
        std::vector<TrainingPair> subset;
        for (int i : idx) subset.push_back(pairs[static_cast<std::size_t>(i)]);
        pairs = std::move(subset);
    }
    return pairs;
}

InputNormalisation PairLoader::computeNormalisation(const DriftDataset& dataset,
                                                    const std::vector<TrainingPair>& pairs,
                                                    const JobControl& control) {
    if (pairs.empty()) throw DatasetError(dataset.path() + ": the training split has no pairs");
    std::set<int> days;
    for (const auto& p : pairs) days.insert(currentDayOf(dataset, p));
    const auto& ocean = dataset.mask().values();
    double n = 0, su = 0, suu = 0, sv = 0, svv = 0;
    std::vector<float> u, v;
    std::size_t done = 0;
    for (int k : days) {
        control.throwIfStopped();
        dataset.readCurrents(k, u, v);
        for (std::size_t c = 0; c < ocean.size(); ++c) {
            if (!ocean[c]) continue;
            n += 1;
            su += u[c];
            suu += static_cast<double>(u[c]) * u[c];
            sv += v[c];
            svv += static_cast<double>(v[c]) * v[c];
        }
        control.report(0.8 * static_cast<double>(++done) / static_cast<double>(days.size()),
                       "input statistics");
    }
    InputNormalisation norm;
    norm.uMean = su / n;
    norm.vMean = sv / n;
    // A floor keeps a dataset with (near) still water from dividing by zero.
    norm.uStd = std::max(1e-6, std::sqrt(std::max(0.0, suu / n - norm.uMean * norm.uMean)));
    norm.vStd = std::max(1e-6, std::sqrt(std::max(0.0, svv / n - norm.vMean * norm.vMean)));

    const std::size_t samples = std::min<std::size_t>(64, pairs.size());
    double peakSum = 0;
    std::vector<float> map;
    for (std::size_t s = 0; s < samples; ++s) {
        const auto& p = pairs[s * pairs.size() / samples];
        dataset.readDensity(p.release, p.day, map);
        peakSum += *std::max_element(map.begin(), map.end());
    }
    control.report(1.0, "input statistics");
    const double meanPeak = peakSum / static_cast<double>(samples);
    norm.densityScale = meanPeak > 0 ? 1.0 / meanPeak : 1.0;
    return norm;
}

std::vector<int> PairLoader::epochOrder(int pairCount, std::uint64_t seed, int epoch,
                                        bool shuffle) {
    std::vector<int> order(static_cast<std::size_t>(pairCount));
    for (int i = 0; i < pairCount; ++i) order[static_cast<std::size_t>(i)] = i;
    if (shuffle)
        shuffleWith(order, seed * 0x2545F4914F6CDD1Dull + static_cast<std::uint64_t>(epoch));
    return order;
}

struct PairLoader::Impl {
    const DriftDataset& dataset;
    std::vector<TrainingPair> pairs;
    InputNormalisation norm;
    int batchSize = 1;
    std::vector<InputChannel> inputs;
    std::shared_ptr<const SharpAdvection> advection;
    std::size_t cells = 0;
    std::vector<std::uint8_t> ocean;
    std::map<int, std::pair<std::vector<float>, std::vector<float>>> currents;  // day -> raw u, v

    std::mutex mutex;
    std::condition_variable workAvailable, batchReady;
    std::uint64_t generation = 0;
    std::vector<int> order;
    int batchCount = 0, nextBuild = 0, nextConsume = 0, lookahead = 4;
    int shardRank = 0, shardCount = 1;
    std::map<int, PairBatch> ready;
    std::vector<PairBatch> spare;
    std::exception_ptr error;
    bool quit = false;
    std::vector<std::thread> workers;

    Impl(const DriftDataset& ds, std::vector<TrainingPair> p, const InputNormalisation& n, int b,
         std::vector<InputChannel> in, std::shared_ptr<const SharpAdvection> adv)
        : dataset(ds),
          pairs(std::move(p)),
          norm(n),
          batchSize(b),
          inputs(std::move(in)),
          advection(std::move(adv)),
          cells(ds.grid().cellCount()),
          ocean(ds.mask().values()) {
        if (needsAdvected(inputs) && !advection)
            throw std::invalid_argument("the advected input needs the advection baseline");
    }

    void loadCurrents() {
        const bool next = needsNextCurrents(inputs);
        std::set<int> days;
        for (const auto& p : pairs) {
            const int k = currentDayOf(dataset, p, next ? 1 : 0);
            days.insert(k);
            if (next) days.insert(k + 1);
        }
        std::vector<float> u, v;
        for (int k : days) {
            dataset.readCurrents(k, u, v);
            currents.emplace(k, std::make_pair(u, v));
        }
    }

    // A pair's sharp-advected map is the same every epoch and costs milliseconds (the
    // Richardson-Lucy steps; the remap alone costs microseconds): kept after its first use, as
    // the box of its non-zero cells, within a memory budget (the demo's 7,200 pairs take tens
    // of MB).
    struct BoxedMap {
        CellBox box;
        std::vector<float> values;
    };
    static constexpr std::size_t kAdvectedCacheBytes = std::size_t{512} << 20;
    mutable std::mutex cacheMutex;
    mutable std::vector<std::shared_ptr<const BoxedMap>> advectedCache;  // by pair index
    mutable std::size_t cacheBytes = 0;

    bool cachedAdvected(int pair, float* out) const {
        std::shared_ptr<const BoxedMap> m;
        {
            std::lock_guard lock(cacheMutex);
            if (static_cast<std::size_t>(pair) < advectedCache.size())
                m = advectedCache[static_cast<std::size_t>(pair)];
        }
        if (!m) return false;
        const int nx = dataset.grid().nx;
        std::fill(out, out + cells, 0.0f);
        const CellBox& b = m->box;
        const int w = b.i1 - b.i0;
        for (int j = b.j0; j < b.j1; ++j)
            std::copy_n(m->values.data() + static_cast<std::size_t>(j - b.j0) * w, w,
                        out + static_cast<std::size_t>(j) * nx + b.i0);
        return true;
    }

    void keepAdvected(int pair, const float* map) const {
        const Grid& g = dataset.grid();
        auto m = std::make_shared<BoxedMap>();
        m->box = supportOf(map, g);  // the sharp map is never negative
        if (m->box.empty()) m->box = {};
        const CellBox& b = m->box;
        for (int j = b.j0; j < b.j1; ++j)
            m->values.insert(m->values.end(), map + static_cast<std::size_t>(j) * g.nx + b.i0,
                             map + static_cast<std::size_t>(j) * g.nx + b.i1);
        const std::size_t bytes = m->values.size() * sizeof(float) + sizeof(BoxedMap);
        std::lock_guard lock(cacheMutex);
        if (cacheBytes + bytes > kAdvectedCacheBytes) return;
        if (advectedCache.size() < pairs.size()) advectedCache.resize(pairs.size());
        auto& slot = advectedCache[static_cast<std::size_t>(pair)];
        if (slot) return;
        slot = std::move(m);
        cacheBytes += bytes;
    }

    void build(PairBatch& batch, const std::vector<int>& indices, std::vector<float>& map,
               std::vector<float>& moved) const {
        batch.size = static_cast<int>(batch.pairs.size());
        batch.channels = static_cast<int>(inputs.size());
        const std::size_t n = static_cast<std::size_t>(batch.size) * cells;
        batch.input.resize(n * inputs.size());
        batch.target.resize(n);
        batch.current.resize(n);
        batch.advected.resize(advection ? n : 0);
        batch.baseline.resize(advection && advection->sharp() ? n : 0);
        const float scale = static_cast<float>(norm.densityScale);
        const bool next = needsNextCurrents(inputs);
        for (int s = 0; s < batch.size; ++s) {
            const auto& p = batch.pairs[static_cast<std::size_t>(s)];
            const std::size_t o = static_cast<std::size_t>(s) * cells;
            const int k = currentDayOf(dataset, p);
            const auto& uv = currents.at(k);
            const auto* uvNext = next ? &currents.at(k + 1) : nullptr;
            dataset.readDensity(p.release, p.day, map);
            ChannelSources src;
            src.u = uv.first.data();
            src.v = uv.second.data();
            if (uvNext) {
                src.uNext = uvNext->first.data();
                src.vNext = uvNext->second.data();
            }
            src.density = map.data();
            if (advection) {
                moved.resize(cells);
                const int pair = indices[static_cast<std::size_t>(s)];
                if (!advection->sharp()) {
                    advection->advect(k, map.data(), moved.data());
                } else if (!cachedAdvected(pair, moved.data())) {
                    advection->advect(k, map.data(), moved.data());
                    keepAdvected(pair, moved.data());
                }
                src.advected = moved.data();
                std::transform(moved.begin(), moved.end(), batch.advected.data() + o,
                               [scale](float x) { return x * scale; });
                if (advection->sharp()) {
                    // The baseline's map, for scoring: the remap costs microseconds.
                    float* base = batch.baseline.data() + o;
                    advection->remap()->advect(k, map.data(), base);
                    std::transform(base, base + cells, base, [scale](float x) { return x * scale; });
                }
            }
            assembleInput(inputs, norm, ocean.data(), cells, src,
                          batch.input.data() + o * inputs.size());
            std::transform(map.begin(), map.end(), batch.current.data() + o,
                           [scale](float x) { return x * scale; });
            dataset.readDensity(p.release, p.day + 1, map);
            std::transform(map.begin(), map.end(), batch.target.data() + o,
                           [scale](float x) { return x * scale; });
        }
    }

    void work() {
        std::vector<float> map, moved;
        std::vector<int> indices;
        std::unique_lock lock(mutex);
        for (;;) {
            workAvailable.wait(lock, [this] {
                return quit ||
                       (!error && nextBuild < batchCount && nextBuild < nextConsume + lookahead);
            });
            if (quit) return;
            const int index = nextBuild++;
            const std::uint64_t gen = generation;
            PairBatch batch;
            if (!spare.empty()) {
                batch = std::move(spare.back());
                spare.pop_back();
            }
            batch.index = index;
            batch.pairs.clear();
            indices.clear();
            const std::size_t begin =
                static_cast<std::size_t>(index) * static_cast<std::size_t>(batchSize);
            const std::size_t end =
                std::min(order.size(), begin + static_cast<std::size_t>(batchSize));
            for (std::size_t i = begin; i < end; ++i) {
                indices.push_back(order[i]);
                batch.pairs.push_back(pairs[static_cast<std::size_t>(order[i])]);
            }
            lock.unlock();
            std::exception_ptr failure;
            try {
                build(batch, indices, map, moved);
            } catch (...) {
                failure = std::current_exception();
            }
            lock.lock();
            if (gen == generation) {
                if (failure)
                    error = failure;
                else
                    ready.emplace(index, std::move(batch));
                batchReady.notify_all();
            } else {
                spare.push_back(std::move(batch));
            }
        }
    }
};

PairLoader::PairLoader(const DriftDataset& dataset, std::vector<TrainingPair> pairs,
                       const InputNormalisation& norm, int batchSize, int threads,
                       std::vector<InputChannel> inputs,
                       std::shared_ptr<const SharpAdvection> advection)
    : impl_(std::make_unique<Impl>(dataset, std::move(pairs), norm, std::max(1, batchSize),
                                   std::move(inputs), std::move(advection))) {
    impl_->loadCurrents();
    threads = std::max(1, threads);
    impl_->lookahead = 2 * threads + 2;
    for (int t = 0; t < threads; ++t) impl_->workers.emplace_back([this] { impl_->work(); });
}

PairLoader::~PairLoader() {
    {
        std::lock_guard lock(impl_->mutex);
        impl_->quit = true;
    }
    impl_->workAvailable.notify_all();
    for (auto& t : impl_->workers) t.join();
}

int PairLoader::batchesPerEpoch() const {
    const std::size_t pairs = impl_->pairs.size() / static_cast<std::size_t>(impl_->shardCount);
    return static_cast<int>((pairs + static_cast<std::size_t>(impl_->batchSize) - 1) /
                            static_cast<std::size_t>(impl_->batchSize));
}

void PairLoader::setShard(int rank, int count) {
    if (count < 1 || rank < 0 || rank >= count)
        throw std::invalid_argument("shard " + std::to_string(rank) + " of " +
                                    std::to_string(count) + " does not exist");
    std::lock_guard lock(impl_->mutex);
    impl_->shardRank = rank;
    impl_->shardCount = count;
}

std::vector<int> PairLoader::shardOf(const std::vector<int>& order, int rank, int count) {
    if (count <= 1) return order;
    const std::size_t kept = order.size() / static_cast<std::size_t>(count) * count;
    std::vector<int> shard;
    shard.reserve(kept / static_cast<std::size_t>(count));
    for (std::size_t i = static_cast<std::size_t>(rank); i < kept;
         i += static_cast<std::size_t>(count))
        shard.push_back(order[i]);
    return shard;
}

int PairLoader::pairCount() const {
    return static_cast<int>(impl_->pairs.size());
}

void PairLoader::startEpoch(std::uint64_t seed, int epoch, int firstBatch, bool shuffle) {
    auto order =
        shardOf(epochOrder(pairCount(), seed, epoch, shuffle), impl_->shardRank, impl_->shardCount);
    {
        std::lock_guard lock(impl_->mutex);
        ++impl_->generation;
        for (auto& [index, batch] : impl_->ready) impl_->spare.push_back(std::move(batch));
        impl_->ready.clear();
        impl_->order = std::move(order);
        impl_->batchCount = batchesPerEpoch();
        impl_->nextBuild = impl_->nextConsume = std::clamp(firstBatch, 0, impl_->batchCount);
        impl_->error = nullptr;
    }
    impl_->workAvailable.notify_all();
}

std::optional<PairBatch> PairLoader::next() {
    std::unique_lock lock(impl_->mutex);
    if (impl_->nextConsume >= impl_->batchCount) return std::nullopt;
    impl_->batchReady.wait(
        lock, [this] { return impl_->error || impl_->ready.count(impl_->nextConsume) > 0; });
    if (impl_->error) std::rethrow_exception(impl_->error);
    auto it = impl_->ready.find(impl_->nextConsume);
    PairBatch batch = std::move(it->second);
    impl_->ready.erase(it);
    ++impl_->nextConsume;
    lock.unlock();
    impl_->workAvailable.notify_all();
    return batch;
}

void PairLoader::recycle(PairBatch&& batch) {
    std::lock_guard lock(impl_->mutex);
    impl_->spare.push_back(std::move(batch));
}

}  // namespace driftlab
