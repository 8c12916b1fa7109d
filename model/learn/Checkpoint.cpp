#include "learn/Checkpoint.h"

#include <torch/serialize.h>
#include <torch/torch.h>

#include <stdexcept>

#include "data/AtomicFile.h"

namespace driftlab {

namespace {

constexpr const char* kFormat = "driftlab-checkpoint-1";

torch::Tensor doubles(std::initializer_list<double> v) {
    return torch::tensor(std::vector<double>(v), torch::kFloat64);
}
torch::Tensor longs(std::initializer_list<std::int64_t> v) {
    return torch::tensor(std::vector<std::int64_t>(v), torch::kInt64);
}

std::string readString(torch::serialize::InputArchive& archive, const char* key) {
    c10::IValue value;
    archive.read(key, value);
    if (!value.isString()) throw std::runtime_error(std::string("entry '") + key + "' is not text");
    return value.toStringRef();
}

torch::Tensor readTensor(torch::serialize::InputArchive& archive, const char* key,
                         std::int64_t length) {
    torch::Tensor t;
    archive.read(key, t);
    if (t.dim() != 1 || t.size(0) != length)
        throw std::runtime_error(std::string("entry '") + key + "' is malformed");
    return t;
}

}  // namespace

void saveCheckpoint(const std::string& path, UNet& model, torch::optim::AdamW& optimizer,
                    const CheckpointMeta& meta) {
    torch::serialize::OutputArchive archive;
    archive.write("format", c10::IValue(std::string(kFormat)));
    archive.write("config_json", c10::IValue(meta.config.toJson()));
    archive.write("history_epochs_csv", c10::IValue(meta.history.epochsCsv()));
    archive.write("history_batches_csv", c10::IValue(meta.history.batchesCsv()));
    const auto& n = meta.norm;
    archive.write("normalisation", doubles({n.uMean, n.uStd, n.vMean, n.vStd, n.densityScale}));
    const auto& s = meta.schedule;
    archive.write("schedule", doubles({s.peak, static_cast<double>(s.warmupSteps),
                                       static_cast<double>(s.segmentStart), s.segmentRate,
                                       static_cast<double>(s.totalSteps)}));
    const auto& p = meta.position;
    archive.write("position", longs({p.epochsDone, p.batchInEpoch, p.step, p.epochBatches,
                                     p.epochSamples, p.gridNx, p.gridNy, p.logBatches}));
    archive.write("epoch_sums", doubles({p.epochLossSum, p.epochTrainSeconds, p.logLossSum}));
    archive.write("world_size", longs({p.worldSize}));
    torch::serialize::OutputArchive modelArchive, optimizerArchive;
    model->save(modelArchive);
    optimizer.save(optimizerArchive);
    archive.write("model", modelArchive);
    archive.write("optimizer", optimizerArchive);

    // Through a callback, not save_to(path): LibTorch's zip writer throws from its destructor
    // when a write fails (a full disk), which ends the process. The callback always "succeeds";
    // AtomicFile remembers the failure and commit() reports it, the previous checkpoint intact.
    AtomicFile file(path);
    archive.save_to([&file](const void* data, std::size_t size) {
        file.append(data, size);
        return size;
    });
    file.commit();
}

CheckpointMeta readCheckpointMeta(const std::string& path) {
    try {
        torch::serialize::InputArchive archive;
        archive.load_from(path, torch::Device(torch::kCPU));
        if (readString(archive, "format") != kFormat)
            throw std::runtime_error("not a DriftLab checkpoint");
        CheckpointMeta meta;
        meta.config = TrainingConfig::fromJson(readString(archive, "config_json"));
        meta.history.epochs =
            TrainingHistory::parseEpochsCsv(readString(archive, "history_epochs_csv"));
        meta.history.batches =
            TrainingHistory::parseBatchesCsv(readString(archive, "history_batches_csv"));
        const auto n = readTensor(archive, "normalisation", 5);
        meta.norm = {n[0].item<double>(), n[1].item<double>(), n[2].item<double>(),
                     n[3].item<double>(), n[4].item<double>()};
        const auto s = readTensor(archive, "schedule", 5);
        meta.schedule = {s[0].item<double>(), s[1].item<long>(), s[2].item<long>(),
                         s[3].item<double>(), s[4].item<long>()};
        const auto p = readTensor(archive, "position", 8);
        const auto sums = readTensor(archive, "epoch_sums", 3);
        auto& pos = meta.position;
        pos.epochsDone = p[0].item<int>();
        pos.batchInEpoch = p[1].item<int>();
        pos.step = p[2].item<long>();
        pos.epochBatches = p[3].item<long>();
        pos.epochSamples = p[4].item<long>();
        pos.gridNx = p[5].item<int>();
        pos.gridNy = p[6].item<int>();
        pos.epochLossSum = sums[0].item<double>();
        pos.epochTrainSeconds = sums[1].item<double>();
        pos.logBatches = p[7].item<long>();
        pos.logLossSum = sums[2].item<double>();
        torch::Tensor world;
        if (archive.try_read("world_size", world)) {  // absent before data-parallel training
            if (world.dim() != 1 || world.size(0) != 1 || world[0].item<long>() < 1)
                throw std::runtime_error("entry 'world_size' is malformed");
            pos.worldSize = world[0].item<int>();
        }
        return meta;
    } catch (const c10::Error& e) {
        throw std::runtime_error(path + ": not a readable DriftLab checkpoint (" +
                                 e.what_without_backtrace() + ")");
    } catch (const std::exception& e) {
        throw std::runtime_error(path + ": not a readable DriftLab checkpoint (" + e.what() + ")");
    }
}

void loadCheckpointState(const std::string& path, UNet& model, torch::optim::AdamW& optimizer) {
    try {
        torch::serialize::InputArchive archive, modelArchive, optimizerArchive;
        archive.load_from(path, torch::Device(torch::kCPU));
        archive.read("model", modelArchive);
        archive.read("optimizer", optimizerArchive);
        model->load(modelArchive);
        optimizer.load(optimizerArchive);
    } catch (const c10::Error& e) {
        throw std::runtime_error(path + ": the checkpoint's weights do not load (" +
                                 e.what_without_backtrace() + ")");
    }
}

}  // namespace driftlab
