#include "stats/MeanDensity.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "data/DatasetError.h"
#include "data/TileDecoder.h"

namespace driftlab {
namespace {

// A batch holds about this much decoded data, and at most this many maps: small enough that
// a few batches in flight stay at a few maps of memory, and that the stop flag is seen within
// a few maps; big enough that handing batches between threads costs little.
constexpr std::size_t kBatchDecodedBytes = 256 << 10;
constexpr std::size_t kBatchMaps = 8;

using DecodeFn = std::function<void(TileDecoder&, const RawTileBatch&, std::vector<float>&)>;
using ConsumeFn = std::function<void(const RawTileBatch&, const std::vector<float>&)>;

// Worker threads decode batches; the caller gets them back, decoded, in the order it handed
// them in, so that it adds them up in file order whatever the thread count. Batches and their
// buffers are recycled: memory stays at `maxInFlight` batches.
class DecodePipeline {
public:
    DecodePipeline(int threads, int tileSize, DecodeFn decode, std::size_t maxInFlight)
        : decode_(std::move(decode)), maxInFlight_(maxInFlight) {
        for (int k = 0; k < threads; ++k)
            workers_.emplace_back([this, tileSize] { work(tileSize); });
    }
    ~DecodePipeline() {
        {
            std::lock_guard lock(mutex_);
            quit_ = true;
        }
        workReady_.notify_all();
        for (auto& t : workers_) t.join();
    }
    DecodePipeline(const DecodePipeline&) = delete;
    DecodePipeline& operator=(const DecodePipeline&) = delete;

    // Queues the batch's contents (swapped out); first hands finished batches to `consume` while
    // too many are in flight.
    void push(RawTileBatch& batch, const ConsumeFn& consume) {
        while (inFlight_.size() >= maxInFlight_) consumeOldest(consume);
        std::unique_ptr<Job> job;
        if (spare_.empty()) {
            job = std::make_unique<Job>();
        } else {
            job = std::move(spare_.back());
            spare_.pop_back();
        }
        std::swap(job->batch.tiles, batch.tiles);
        std::swap(job->batch.bytes, batch.bytes);
        job->batch.mapsDone = batch.mapsDone;
        job->done = false;
        job->error = nullptr;
        {
            std::lock_guard lock(mutex_);
            todo_.push_back(job.get());
            inFlight_.push_back(std::move(job));
        }
        workReady_.notify_one();
    }
    void drain(const ConsumeFn& consume) {
        while (!inFlight_.empty()) consumeOldest(consume);
    }

private:
    struct Job {
        RawTileBatch batch;
        std::vector<float> decoded;
        bool done = false;
        std::exception_ptr error;
    };

    void consumeOldest(const ConsumeFn& consume) {
        std::unique_ptr<Job> job;
        {
            std::unique_lock lock(mutex_);
            doneReady_.wait(lock, [&] { return inFlight_.front()->done; });
            job = std::move(inFlight_.front());
            inFlight_.pop_front();
        }
        if (job->error) std::rethrow_exception(job->error);
        consume(job->batch, job->decoded);
        spare_.push_back(std::move(job));
    }
    void work(int tileSize) {
        TileDecoder decoder(tileSize);
        for (;;) {
            Job* job = nullptr;
            {
                std::unique_lock lock(mutex_);
                workReady_.wait(lock, [&] { return quit_ || !todo_.empty(); });
                if (quit_) return;
                job = todo_.front();
                todo_.pop_front();
            }
            try {
                decode_(decoder, job->batch, job->decoded);
            } catch (...) {
                job->error = std::current_exception();
            }
            {
                std::lock_guard lock(mutex_);
                job->done = true;
            }
            doneReady_.notify_one();
        }
    }

    DecodeFn decode_;
    std::size_t maxInFlight_;
    std::mutex mutex_;
    std::condition_variable workReady_, doneReady_;
    std::deque<std::unique_ptr<Job>> inFlight_;  // in hand-in order; touched by the caller only
    std::deque<Job*> todo_;
    std::vector<std::unique_ptr<Job>> spare_;
    bool quit_ = false;
    std::vector<std::thread> workers_;  // last: they stop before the rest goes
};

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

MeanResult finish(const Grid& g, std::vector<double>& sum, std::uint64_t maps) {
    MeanResult r;
    r.nx = g.nx;
    r.ny = g.ny;
    r.maps = maps;
    for (double& v : sum) v /= static_cast<double>(maps);
    r.mean = std::move(sum);
    return r;
}

}  // namespace

std::string MeanSubset::describe() const {
    return std::string(split ? splitName(*split) : "all splits") + ", " +
           (day ? "day " + std::to_string(*day) : std::string("all days"));
}

std::optional<Split> parseSplitFilter(const std::string& text) {
    if (text == "all") return std::nullopt;
    if (text == "train") return Split::Train;
    if (text == "val") return Split::Validation;
    if (text == "test") return Split::Test;
    throw std::invalid_argument("unknown split '" + text + "' (train, val, test or all)");
}

MapSelection selectMaps(const DriftDataset& ds, const MeanSubset& subset) {
    MapSelection s;
    for (int r = 0; r < ds.releaseCount(); ++r) {
        if (!subset.split || ds.releases()[r].spec.split == *subset.split) s.releases.push_back(r);
    }
    if (subset.day) {
        if (*subset.day < 0 || *subset.day > ds.outputDays()) {
            throw std::invalid_argument("day " + std::to_string(*subset.day) +
                                        " is not an output day of " + ds.path() + " (days 0.." +
                                        std::to_string(ds.outputDays()) + ")");
        }
        s.days = {*subset.day};
    } else {
        for (int d = 0; d <= ds.outputDays(); ++d) s.days.push_back(d);
    }
    if (s.releases.empty()) {
        throw std::invalid_argument(
            ds.path() + " has no " +
            (subset.split ? std::string(splitName(*subset.split)) + " " : std::string()) +
            "releases: no maps to average");
    }
    return s;
}

MeanResult computeMeanDensity(const DriftDataset& ds, const MeanSubset& subset, int threads,
                              const JobControl& control) {
    const MapSelection maps = selectMaps(ds, subset);
    if (!ds.rawTilesReadable()) return computeMeanDensityDecoded(ds, subset, control);
    const auto start = std::chrono::steady_clock::now();
    control.report(0.0, "mean");
    const Grid& g = ds.grid();
    const int tile = ds.tileSize();
    const std::size_t tileCells = static_cast<std::size_t>(tile) * tile;
    const std::size_t maxTiles = std::max<std::size_t>(1, kBatchDecodedBytes / (tileCells * 4));
    std::vector<double> sum(g.cellCount(), 0.0);
    std::uint64_t tilesRead = 0, bytesRead = 0;

    const DecodeFn decode = [&](TileDecoder& decoder, const RawTileBatch& b,
                                std::vector<float>& out) {
        out.resize(b.tiles.size() * tileCells);
        for (std::size_t k = 0; k < b.tiles.size(); ++k) {
            const RawTile& t = b.tiles[k];
            try {
                decoder.decode(b.bytes.data() + t.offset, t.size, t.filterMask,
                               out.data() + k * tileCells);
            } catch (const std::runtime_error& e) {
                throw DatasetError(ds.path() + ": the density tile of release " +
                                   std::to_string(t.release) + ", day " + std::to_string(t.day) +
                                   " (tile column " + std::to_string(t.ti) + ", row " +
                                   std::to_string(t.tj) + ", at byte " +
                                   std::to_string(t.fileOffset) + ") is damaged: " + e.what());
            }
        }
    };
    // Adds decoded tiles to the sum, cutting the edge tiles at the grid's sides.
    const ConsumeFn add = [&](const RawTileBatch& b, const std::vector<float>& decoded) {
        for (std::size_t k = 0; k < b.tiles.size(); ++k) {
            const RawTile& t = b.tiles[k];
            const int j0 = t.tj * tile, i0 = t.ti * tile;
            const int rows = std::min(tile, g.ny - j0), cols = std::min(tile, g.nx - i0);
            const float* block = decoded.data() + k * tileCells;
            for (int r = 0; r < rows; ++r) {
                double* s = sum.data() + static_cast<std::size_t>(j0 + r) * g.nx + i0;
                const float* v = block + static_cast<std::size_t>(r) * tile;
                for (int c = 0; c < cols; ++c) s[c] += v[c];
            }
            bytesRead += t.size;
        }
        tilesRead += b.tiles.size();
        control.report(static_cast<double>(b.mapsDone) / static_cast<double>(maps.mapCount()),
                       "mean");
    };

    threads = std::max(1, threads);
    if (threads == 1) {
        TileDecoder decoder(tile);
        std::vector<float> decoded;
        ds.scanRawTiles(maps, maxTiles, kBatchMaps, [&](RawTileBatch& b) {
            control.throwIfStopped();
            decode(decoder, b, decoded);
            add(b, decoded);
        });
    } else {
        DecodePipeline pipeline(threads, tile, decode, 2 * static_cast<std::size_t>(threads) + 1);
        ds.scanRawTiles(maps, maxTiles, kBatchMaps, [&](RawTileBatch& b) {
            control.throwIfStopped();
            pipeline.push(b, add);
        });
        pipeline.drain(add);
    }
    control.throwIfStopped();
    MeanResult result = finish(g, sum, maps.mapCount());
    result.tilesRead = tilesRead;
    result.bytesRead = bytesRead;
    result.rawTiles = true;
    result.seconds = secondsSince(start);
    control.report(1.0, "mean");
    return result;
}

MeanResult computeMeanDensityDecoded(const DriftDataset& ds, const MeanSubset& subset,
                                     const JobControl& control) {
    const MapSelection maps = selectMaps(ds, subset);
    const auto start = std::chrono::steady_clock::now();
    const Grid& g = ds.grid();
    std::vector<double> sum(g.cellCount(), 0.0);
    std::vector<float> map;
    std::size_t done = 0;
    for (int r : maps.releases) {
        for (int d : maps.days) {
            control.throwIfStopped();
            ds.readDensity(r, d, map);
            for (std::size_t c = 0; c < sum.size(); ++c) sum[c] += map[c];
            if (++done % 8 == 0) {
                control.report(static_cast<double>(done) / static_cast<double>(maps.mapCount()),
                               "mean");
            }
        }
    }
    MeanResult result = finish(g, sum, maps.mapCount());
    result.seconds = secondsSince(start);
    control.report(1.0, "mean");
    return result;
}

}  // namespace driftlab
