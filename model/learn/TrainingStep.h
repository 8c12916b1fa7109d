#pragma once
// One optimizer step on one batch: the forward pass (autocast where asked), the loss (the mean of
// the ranks' in a data-parallel run), and, when it is finite, the backward pass, the gradients'
// all-reduce, clipping and AdamW's step. Internal to model/learn.
namespace driftlab {

class Collective;
class TrainingModel;
struct PairBatch;
struct TrainingConfig;

class TrainingStep {
public:
    // `checkReplicas`: compare the ranks' weights after every step (a debugging aid).
    TrainingStep(TrainingModel& model, Collective& group, const TrainingConfig& config,
                 bool checkReplicas);

    struct Result {
        double loss = 0;            // the global batch's; not finite: no step was taken
        double reduceSeconds = 0;   // in the gradients' all-reduce
    };
    // `step`: the optimizer steps before this one (for a replica mismatch's message).
    Result run(PairBatch& batch, double learningRate, bool autocast, long step);

private:
    TrainingModel& model_;
    Collective& group_;
    const TrainingConfig& config_;
    bool checkReplicas_;
};

}  // namespace driftlab
