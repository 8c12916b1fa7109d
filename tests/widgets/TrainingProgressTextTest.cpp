// The training panel's progress line and end-of-run status from numbers alone
// (widgets/TrainingProgressText).
#include <gtest/gtest.h>

#include "TrainingProgressText.h"

using namespace driftlab;

namespace {

TrainingProgress progress(int epoch, int batch, const std::string& stage) {
    TrainingProgress p;
    p.epoch = epoch;
    p.epochs = 4;
    p.batch = batch;
    p.batchesPerEpoch = 10;
    p.samplesPerSecond = 12.4;
    p.etaSeconds = 185;
    p.stage = stage;
    return p;
}

}  // namespace

TEST(TrainingProgressText, SaysTheEpochBatchSpeedAndEta) {
    TrainingProgressText::State s;
    s.busy = true;
    s.progress = progress(2, 5, "training");
    TrainingProgressText::Line line = TrainingProgressText::progress(s);
    EXPECT_EQ(line.text, "Epoch 2 / 4, batch 5 / 10, 12 samples/s, ETA 3 min 05 s");
    EXPECT_EQ(line.value, 375);  // 15 of 40 batches
    EXPECT_EQ(line.format, "%p %");
    s.progress = progress(4, 10, "validating");
    s.progress->samplesPerSecond = 3.24;
    line = TrainingProgressText::progress(s);
    EXPECT_EQ(line.text, "Epoch 4 / 4, batch 10 / 10, 3.2 samples/s, ETA 3 min 05 s (validating)");
    EXPECT_EQ(line.value, 1000);
    s.paused = true;
    EXPECT_TRUE(TrainingProgressText::progress(s).text.endsWith(" (paused)"));
    s.paused = false;
    s.stopping = true;
    EXPECT_TRUE(TrainingProgressText::progress(s).text.endsWith(" (stopping)"));
}

TEST(TrainingProgressText, BeforeTheFirstReportAndWhenIdle) {
    TrainingProgressText::State s;
    s.busy = true;
    EXPECT_EQ(TrainingProgressText::progress(s).text,
              "Loading the dataset and building the model...");
    s.stopping = true;
    EXPECT_EQ(TrainingProgressText::progress(s).text, "Stopping...");
    s = {};
    TrainingProgressText::Line idle = TrainingProgressText::progress(s);
    EXPECT_EQ(idle.text, "Idle");
    EXPECT_EQ(idle.value, 0);
    EXPECT_TRUE(idle.format.isEmpty());
    s.epochsDone = 3;
    s.targetEpochs = 5;
    idle = TrainingProgressText::progress(s);
    EXPECT_EQ(idle.value, 600);
    EXPECT_EQ(idle.format, "3 / 5 epochs");
}

TEST(TrainingProgressText, DurationsAndOutcomes) {
    EXPECT_EQ(TrainingProgressText::duration(42.4), "42 s");
    EXPECT_EQ(TrainingProgressText::duration(7500), "2 h 05 min");
    EXPECT_EQ(TrainingProgressText::duration(-1), "?");
    TrainingHistory h;
    for (int e = 1; e <= 3; ++e) {
        EpochRecord r;
        r.epoch = e;
        r.valLoss = e == 2 ? 0.0123 : 0.5;
        h.epochs.push_back(r);
    }
    bool error = true;
    EXPECT_EQ(TrainingProgressText::outcome(TrainingOutcome::Finished, {}, 3, h, &error),
              "Finished 3 epochs. Best validation loss 0.0123 at epoch 2.");
    EXPECT_FALSE(error);
    EXPECT_EQ(TrainingProgressText::outcome(TrainingOutcome::Stopped, {}, 1, h),
              "Stopped; last.pt holds the position.");
    EXPECT_EQ(TrainingProgressText::outcome(TrainingOutcome::Stopped, "at batch 3", 1, h),
              "Stopped: at batch 3.");
    EXPECT_EQ(TrainingProgressText::outcome(TrainingOutcome::Diverged, "NaN", 1, h, &error),
              "Diverged: NaN");
    EXPECT_TRUE(error);
}
