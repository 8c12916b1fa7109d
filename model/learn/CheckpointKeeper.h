#pragma once
// A run folder's files as training writes them: last.pt after every epoch (and at a stop),
// best.pt when the epoch has the best validation loss, history.csv and batches.csv beside them.
// In a data-parallel run rank 0 writes and every rank waits for it, so a later read of the
// folder sees the files. Internal to model/learn.
#include <filesystem>
#include <memory>

#include "learn/Checkpoint.h"

namespace driftlab {

class Collective;
class TrainingModel;

class CheckpointKeeper {
public:
    void setRunDir(const std::filesystem::path& runDir) { runDir_ = runDir; }
    std::filesystem::path lastPath() const { return runDir_ / "last.pt"; }
    std::filesystem::path bestPath() const { return runDir_ / "best.pt"; }

    // The CSVs of `history` (rank 0 only; no wait).
    void saveHistory(const TrainingHistory& history, const Collective& group) const;
    // The checkpoint first, then the CSVs: they never show an epoch that last.pt does not hold.
    // A failed write says whether the previous checkpoint is intact.
    void saveLast(TrainingModel& model, const CheckpointMeta& meta, Collective& group) const;
    void saveBest(TrainingModel& model, const CheckpointMeta& meta, Collective& group) const;

private:
    std::filesystem::path runDir_;
};

}  // namespace driftlab
