#pragma once
// What a run has measured so far: a training-loss point every few batches and one record per
// epoch with the validation metrics. Saved as CSV in the run folder (history.csv,
// batches.csv) and inside every checkpoint.
#include <optional>
#include <string>
#include <vector>

namespace driftlab {

struct BatchRecord {
    long step = 0;    // optimizer steps since the start of the run (1-based)
    int epoch = 0;    // 1-based
    double loss = 0;  // mean training loss of the batches since the previous record
    double learningRate = 0;
};

struct EpochRecord {
    int epoch = 0;         // 1-based
    double trainLoss = 0;  // mean over the epoch's batches
    double valLoss = 0;    // the training loss on the validation split
    double valMse = 0;     // density units (fraction of particles per cell), ocean cells
    double valMae = 0;
    double iou50 = 0;             // IoU of the cells holding the top 50 % of the mass
    double iou90 = 0;             // ... 90 %
    double massError = 0;         // mean |predicted - true change of total mass| per step
    double samplesPerSecond = 0;  // training samples per second of the epoch's training phase
    double seconds = 0;           // wall time of the epoch, validation included
    double learningRate = 0;      // at the end of the epoch
    // The validation loss of persistence (tomorrow = today) on the same pairs: the baseline a
    // drift model must beat. The same every epoch; 0 in histories written before it existed.
    double persistenceValLoss = 0;
    // The numerical-advection baseline (drift/DensityAdvection) on the same pairs, and both
    // baselines' MAE and IoU50: the anchors a drift model must beat. 0 in older histories.
    double advectionValLoss = 0;
    double persistenceValMae = 0, advectionValMae = 0;
    double persistenceIou50 = 0, advectionIou50 = 0;
    // In kilometres (stats/CloudGeometry): the model's centre-of-mass separation, spread ratio,
    // transport distance and far-mass share, and the baselines' beside them. 0 in older
    // histories.
    double centreKm = 0, spreadRatio = 0, transportKm = 0, farMass = 0;
    double persistenceCentreKm = 0, advectionCentreKm = 0, advectionSpreadRatio = 0,
           advectionTransportKm = 0;
};

struct TrainingHistory {
    std::vector<EpochRecord> epochs;
    std::vector<BatchRecord> batches;

    // The epoch with the lowest validation loss (1-based), if any.
    std::optional<int> bestEpoch() const;
    std::string epochsCsv() const;
    std::string batchesCsv() const;
    // Throw std::invalid_argument on a malformed table.
    static std::vector<EpochRecord> parseEpochsCsv(const std::string& csv);
    static std::vector<BatchRecord> parseBatchesCsv(const std::string& csv);
};

}  // namespace driftlab
