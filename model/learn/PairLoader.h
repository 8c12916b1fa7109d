#pragma once
// The training pairs of a dataset, read in batches by background threads:
//   input    [batch, channels, ny, nx]: the configured input channels (learn/InputChannels.h;
//            the seed's three by default: normalised u, v of day t, scaled density of day t)
//   target   [batch, 1, ny, nx]: scaled density of day t+1
//   current  [batch, 1, ny, nx]: scaled density of day t (persistence)
//   advected [batch, 1, ny, nx]: scaled density of day t moved one day by the model's
//            advection (drift/SharpAdvection.h), when the loader has one (else empty)
//   baseline [batch, 1, ny, nx]: the same moved by the plain remap (the advection baseline),
//            when the model's advection is the sharp one (else empty: `advected` is it)
// A pair is (release, output day d) with d < outputDays; day t is the release day + d.
// The order of an epoch is a seeded shuffle of (seed, epoch), so a run that stops and resumes
// sees exactly the batches an uninterrupted run sees. Batches come out in order whatever the
// thread count; workers read ahead a bounded number of batches. The current fields of every
// day the pairs use are read once, normalised, and kept (a few MB for the demo dataset);
// density maps are read per batch (DriftDataset serialises the HDF5 calls, the decoding of
// tiles runs in parallel). No Torch here: the trainer wraps the buffers.
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "drift/Release.h"
#include "learn/InputNormalisation.h"
#include "learn/TrainingConfig.h"

namespace driftlab {

class SharpAdvection;
class DriftDataset;
class JobControl;

struct TrainingPair {
    int release = 0;
    int day = 0;  // output day of the input map
};

struct PairBatch {
    int index = 0;  // batch number within the epoch
    int size = 0;
    int channels = 3;
    std::vector<TrainingPair> pairs;
    std::vector<float> input;     // size x channels x ny x nx
    std::vector<float> target;    // size x ny x nx
    std::vector<float> current;   // size x ny x nx
    std::vector<float> advected;  // size x ny x nx, or empty
    std::vector<float> baseline;  // size x ny x nx, or empty
    // The advection baseline's maps: `baseline`, or `advected` when that is the remap's.
    std::vector<float>& baselineMaps() { return baseline.empty() ? advected : baseline; }
};

class PairLoader {
public:
    // Every pair of the releases in `split`; at most `limit` (0 = all), a seeded subset.
    static std::vector<TrainingPair> pairsOf(const DriftDataset& dataset, Split split, int limit,
                                             std::uint64_t seed);
    // Mean and standard deviation of u, v over the ocean cells of the days the pairs use, and
    // the density scale from up to 64 of their release-day maps.
    static InputNormalisation computeNormalisation(const DriftDataset& dataset,
                                                   const std::vector<TrainingPair>& pairs,
                                                   const JobControl& control);

    // `advection` (may be null unless an input channel is the advected map) fills `advected`,
    // and `baseline` when it is the sharp advection.
    PairLoader(const DriftDataset& dataset, std::vector<TrainingPair> pairs,
               const InputNormalisation& norm, int batchSize, int threads,
               std::vector<InputChannel> inputs = recipeFromName("seed").inputs,
               std::shared_ptr<const SharpAdvection> advection = nullptr);
    ~PairLoader();
    PairLoader(const PairLoader&) = delete;
    PairLoader& operator=(const PairLoader&) = delete;

    // Data-parallel training: this loader serves rank `rank` of `count`. Each epoch's order is
    // cut to a multiple of `count` (at most count - 1 pairs, different ones each epoch, sit the
    // epoch out) and the rank takes every count-th pair from position `rank` on. Batch k of every
    // rank together is then batch k of one process with a batch `count` times larger.
    void setShard(int rank, int count);
    static std::vector<int> shardOf(const std::vector<int>& order, int rank, int count);
    int batchesPerEpoch() const;  // of this rank's shard
    int pairCount() const;        // all pairs, every rank's
    // Starts an epoch at batch `firstBatch`; with `shuffle` false the pairs keep their order.
    void startEpoch(std::uint64_t seed, int epoch, int firstBatch = 0, bool shuffle = true);
    // The next batch in order; waits for it. Nothing at the end of the epoch. Rethrows a
    // worker's error (unreadable map) here, on the caller's thread.
    std::optional<PairBatch> next();
    // Hands a consumed batch's buffers back for reuse (saves allocations).
    void recycle(PairBatch&& batch);
    // The order of an epoch (pair indices), as startEpoch uses it.
    static std::vector<int> epochOrder(int pairCount, std::uint64_t seed, int epoch, bool shuffle);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace driftlab
