#pragma once
// The validation of an epoch: the model on the whole validation split (this rank's share, in
// file order), its loss beside persistence's and the advection baseline's, and the three scored
// with the drift metrics in density units (stats/MethodScores), the sums added up over the ranks
// of a data-parallel run. The cloud geometry is built once, for the session. Internal to
// model/learn.
#include <cstdint>
#include <functional>

#include "stats/CloudGeometry.h"
#include "stats/DriftScorer.h"

namespace driftlab {

class Collective;
class DriftDataset;
class PairLoader;
class TrainingModel;
struct EpochRecord;

class ValidationPass {
public:
    explicit ValidationPass(const DriftDataset& dataset);

    // Fills the validation fields of `record` (valLoss, the baselines', the metrics); false when
    // `carryOn` (asked before each batch: it may wait out a pause) says to stop. `densityScale`:
    // the maps' normalisation (PairLoader), undone for the metrics.
    bool run(TrainingModel& model, PairLoader& loader, Collective& group, std::uint64_t seed,
             int epoch, bool autocast, double densityScale, const std::function<bool()>& carryOn,
             EpochRecord& record);

private:
    CloudGeometry geometry_;
    DriftScorer scorer_;
};

}  // namespace driftlab
