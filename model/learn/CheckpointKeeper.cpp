#include "learn/CheckpointKeeper.h"

#include <stdexcept>
#include <string>

#include "data/AtomicFile.h"
#include "learn/TrainingModel.h"
#include "learn/distributed/Collective.h"

namespace driftlab {

namespace fs = std::filesystem;

void CheckpointKeeper::saveHistory(const TrainingHistory& history, const Collective& group) const {
    if (group.rank() != 0) return;
    writeFileAtomically((runDir_ / "history.csv").string(), history.epochsCsv());
    writeFileAtomically((runDir_ / "batches.csv").string(), history.batchesCsv());
}

void CheckpointKeeper::saveLast(TrainingModel& model, const CheckpointMeta& meta,
                                Collective& group) const {
    if (group.rank() == 0) {
        try {
            saveCheckpoint(lastPath().string(), model.net(), model.optimizer(), meta);
        } catch (const std::runtime_error& e) {
            const bool kept = fs::exists(lastPath());
            throw std::runtime_error(
                std::string(e.what()) + ". " +
                (kept ? "The previous checkpoint is intact: make room and continue with "
                        "driftlab train --resume " +
                            runDir_.string()
                      : std::string("No checkpoint had been written yet")));
        }
        saveHistory(meta.history, group);
    }
    group.barrier("the wait for rank 0's checkpoint");
}

void CheckpointKeeper::saveBest(TrainingModel& model, const CheckpointMeta& meta,
                                Collective& group) const {
    if (group.rank() == 0) saveCheckpoint(bestPath().string(), model.net(), model.optimizer(), meta);
    group.barrier("the wait for rank 0's best checkpoint");
}

}  // namespace driftlab
