#include "learn/ValidationPass.h"

#include <torch/torch.h>

#include <cmath>
#include <vector>

#include "data/DriftDataset.h"
#include "learn/PairLoader.h"
#include "learn/TorchRuntime.h"
#include "learn/TrainingHistory.h"
#include "learn/TrainingModel.h"
#include "learn/distributed/Collective.h"
#include "stats/MethodScores.h"

namespace driftlab {

ValidationPass::ValidationPass(const DriftDataset& dataset)
    : geometry_(dataset.grid(), dataset.mask().values()),
      scorer_(dataset.mask().values(), &geometry_) {}

bool ValidationPass::run(TrainingModel& model, PairLoader& loader, Collective& group,
                         std::uint64_t seed, int epoch, bool autocast, double densityScale,
                         const std::function<bool()>& carryOn, EpochRecord& record) {
    torch::NoGradGuard noGrad;
    model.net()->eval();
    loader.startEpoch(seed, epoch, 0, false);
    const std::size_t cells = geometry_.grid().cellCount();
    const auto scale = static_cast<float>(densityScale);
    MethodScores scores;
    double valLossSum = 0, persistenceLossSum = 0, advectionLossSum = 0;
    std::size_t valSamples = 0;
    std::vector<float> predicted(cells), truth(cells), input(cells), advected(cells);
    for (;;) {
        // Ranks validate different numbers of batches: no collective in this loop, so a
        // data-parallel run takes a stop at the next training batch.
        if (!carryOn()) return false;
        std::optional<PairBatch> batch = loader.next();
        if (!batch) break;
        const auto B = static_cast<std::int64_t>(batch->size);
        const torch::Tensor x = model.mapsOf(batch->input, batch->size, batch->channels);
        const torch::Tensor y = model.mapsOf(batch->target, batch->size);
        torch::Tensor onDevice;
        {
            AutocastScope scope(autocast);
            onDevice = model.predict(x, model.anchorOf(*batch)).to(torch::kFloat32);
        }
        valLossSum += model.lossOf(onDevice, y).item<double>() * static_cast<double>(B);
        const torch::Tensor pred = onDevice.to(torch::kCPU).contiguous();
        const torch::Tensor now = model.mapsOf(batch->current, batch->size);
        std::vector<float>& baseline = batch->baselineMaps();
        const torch::Tensor moved = model.mapsOf(baseline, batch->size);
        persistenceLossSum += model.lossOf(now, y).item<double>() * static_cast<double>(B);
        advectionLossSum += model.lossOf(moved, y).item<double>() * static_cast<double>(B);
        valSamples += static_cast<std::size_t>(B);
        const float* p = pred.data_ptr<float>();
        for (std::int64_t s = 0; s < B; ++s) {
            // Metrics in density units (fraction of the particles per cell).
            const std::size_t o = static_cast<std::size_t>(s) * cells;
            for (std::size_t c = 0; c < cells; ++c) {
                predicted[c] = p[o + c] / scale;
                truth[c] = batch->target[o + c] / scale;
                input[c] = batch->current[o + c] / scale;
                advected[c] = baseline[o + c] / scale;
            }
            scores.add(MethodScores::score(scorer_, input.data(), predicted.data(),
                                           advected.data(), truth.data()));
        }
        loader.recycle(std::move(*batch));
    }
    if (group.distributed()) {
        std::vector<double> sums{valLossSum, persistenceLossSum, advectionLossSum,
                                 static_cast<double>(valSamples)};
        for (double v : scores.sums()) sums.push_back(v);
        sums = group.sum(sums, "the validation sums");
        valLossSum = sums[0];
        persistenceLossSum = sums[1];
        advectionLossSum = sums[2];
        valSamples = static_cast<std::size_t>(std::llround(sums[3]));
        scores.setSums({sums.begin() + 4, sums.end()});
    }
    record.valLoss = valSamples ? valLossSum / static_cast<double>(valSamples) : 0;
    const double samples = valSamples ? static_cast<double>(valSamples) : 1.0;
    record.persistenceValLoss = persistenceLossSum / samples;
    record.advectionValLoss = advectionLossSum / samples;
    const MethodValues means = scores.value();
    const DriftMetricValues &m = means.model, &mp = means.persistence, &ma = means.advection;
    record.persistenceValMae = mp.mae;
    record.advectionValMae = ma.mae;
    record.persistenceIou50 = mp.iou50;
    record.advectionIou50 = ma.iou50;
    record.valMse = m.mse;
    record.valMae = m.mae;
    record.iou50 = m.iou50;
    record.iou90 = m.iou90;
    record.massError = m.massError;
    record.centreKm = m.centreKm;
    record.spreadRatio = m.spreadRatio;
    record.transportKm = m.transportKm;
    record.farMass = m.farMass;
    record.persistenceCentreKm = mp.centreKm;
    record.advectionCentreKm = ma.centreKm;
    record.advectionSpreadRatio = ma.spreadRatio;
    record.advectionTransportKm = ma.transportKm;
    return true;
}

}  // namespace driftlab
