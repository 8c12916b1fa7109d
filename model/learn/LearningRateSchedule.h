#pragma once
// Learning rate per optimizer step: a linear warm-up from 0 to the peak, then a cosine decay to
// 1 % of the peak at the last step. Extending a run ("train N more epochs") starts a new cosine
// segment from the current step: from the current rate, or half the peak if the rate has
// already decayed below it (a warm restart), down to the floor at the new last step.
namespace driftlab {

class LearningRateSchedule {
public:
    struct State {
        double peak = 1e-3;
        long warmupSteps = 0;
        long segmentStart = 0;  // first step of the current cosine segment
        double segmentRate = 1e-3;
        long totalSteps = 1;
    };

    LearningRateSchedule() = default;
    LearningRateSchedule(double peak, double warmupFraction, long totalSteps);
    explicit LearningRateSchedule(const State& s) : s_(s) {}

    double at(long step) const;  // rate of 0-based step `step`
    void extend(long currentStep, long newTotalSteps);
    // The same number of epochs in a different number of steps (a data-parallel run resumed
    // with another world size): the decay goes on from the current rate, without a restart,
    // and reaches the floor at the new last step.
    void replan(long currentStep, long newTotalSteps);
    const State& state() const { return s_; }
    double floorRate() const { return 0.01 * s_.peak; }

private:
    State s_;
};

}  // namespace driftlab
