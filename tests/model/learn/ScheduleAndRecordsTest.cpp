#include <gtest/gtest.h>

#include <cmath>

#include "learn/LearningRateSchedule.h"
#include "learn/TrainingConfig.h"
#include "learn/TrainingHistory.h"

using namespace driftlab;

TEST(LearningRateSchedule, WarmsUpLinearlyThenDecaysByCosineToOnePercent) {
    LearningRateSchedule s(1e-3, 0.1, 100);
    EXPECT_EQ(s.state().warmupSteps, 10);
    EXPECT_NEAR(s.at(0), 1e-4, 1e-12);
    EXPECT_NEAR(s.at(9), 1e-3, 1e-12);
    EXPECT_NEAR(s.at(10), 1e-3, 1e-12);
    EXPECT_NEAR(s.at(55), 0.5 * (1e-3 + 1e-5), 1e-9);  // half-way down the cosine
    for (long k = 11; k < 100; ++k) EXPECT_LE(s.at(k), s.at(k - 1)) << k;
    EXPECT_NEAR(s.at(100), 1e-5, 1e-12);
}

TEST(LearningRateSchedule, ExtendingStartsANewSegmentWithoutAJumpMidRun) {
    LearningRateSchedule s(1e-3, 0.0, 100);
    const double before = s.at(20);
    s.extend(20, 200);
    EXPECT_NEAR(s.at(20), before, 1e-12);  // no jump mid-run
    EXPECT_NEAR(s.at(200), 1e-5, 1e-12);
    // After the end, "train more" restarts from half the peak.
    LearningRateSchedule done(1e-3, 0.0, 100);
    done.extend(100, 150);
    EXPECT_NEAR(done.at(100), 5e-4, 1e-12);
    EXPECT_NEAR(done.at(150), 1e-5, 1e-12);
}

TEST(TrainingConfig, JsonRoundTripKeepsEverySetting) {
    TrainingConfig c;
    c.dataset = "/data/x.h5";
    c.epochs = 7;
    c.batchSize = 5;
    c.learningRate = 3.5e-4;
    c.width = 32;
    c.loss = LossKind::Mse;
    c.inputs = {InputChannel::Density, InputChannel::U, InputChannel::VNext};
    c.anchor = Anchor::None;
    c.threads = 3;
    c.seed = 99;
    c.maxTrainPairs = 12;
    c.device = DeviceChoice::Cuda;
    c.mixedPrecision = true;
    const TrainingConfig r = TrainingConfig::fromJson(c.toJson());
    EXPECT_EQ(r.device, DeviceChoice::Cuda);
    EXPECT_TRUE(r.mixedPrecision);
    EXPECT_EQ(r.toJson(), c.toJson());
    EXPECT_EQ(r.loss, LossKind::Mse);
    EXPECT_EQ(r.seed, 99u);
    EXPECT_EQ(r.inputs, c.inputs);
    EXPECT_EQ(r.anchor, Anchor::None);
    EXPECT_EQ(r.recipeName(), "custom");
}

TEST(TrainingConfig, RecipesAndConfigurationsFromBeforeTheAnchor) {
    const TrainingConfig defaults;
    EXPECT_EQ(defaults.recipeName(), "hybrid");
    EXPECT_EQ(defaults.inputChannels(), 6);
    EXPECT_EQ(defaults.anchor, Anchor::Flux);
    EXPECT_EQ(channelsText(recipeFromName("research").inputs), "u,v,u_next,v_next,density");
    EXPECT_EQ(recipeFromName("research").anchor, Anchor::Persistence);
    EXPECT_EQ(channelsText(recipeFromName("seed").inputs), "u,v,density");
    EXPECT_THROW(recipeFromName("magic"), std::invalid_argument);
    EXPECT_THROW(channelsFromText("u,v,u"), std::invalid_argument);
    EXPECT_THROW(channelsFromText("u,w,density"), std::invalid_argument);
    // A config.json of an earlier DriftLab: the seed's channels, residual = persistence.
    const TrainingConfig old =
        TrainingConfig::fromJson(R"({"dataset": "/d.h5", "width": 8, "residual": true})");
    EXPECT_EQ(old.recipeName(), "seed");
    const TrainingConfig plain =
        TrainingConfig::fromJson(R"({"dataset": "/d.h5", "residual": false})");
    EXPECT_EQ(plain.anchor, Anchor::None);
    TrainingConfig noDensity;
    noDensity.dataset = "/d.h5";
    noDensity.inputs = {InputChannel::U, InputChannel::V};
    EXPECT_THROW(noDensity.validate(), std::invalid_argument);
}

TEST(TrainingConfig, TheHybridUsesTheSharpAdvectionAndEarlierRunsTheRemap) {
    const TrainingConfig defaults;
    EXPECT_EQ(defaults.advection, AdvectionScheme::Sharp);
    EXPECT_TRUE(defaults.usesAdvected());
    TrainingConfig remap = defaults;
    remap.dataset = "/d.h5";
    remap.advection = AdvectionScheme::Remap;
    EXPECT_EQ(remap.recipeName(), "custom");  // the hybrid's inputs and anchor on other maps
    EXPECT_EQ(TrainingConfig::fromJson(remap.toJson()).advection, AdvectionScheme::Remap);
    // A hybrid run from before the setting learnt on the remap's maps, and stays on them.
    const TrainingConfig earlier = TrainingConfig::fromJson(
        R"({"dataset": "/d.h5", "inputs": "u,v,u_next,v_next,density,advected",
            "anchor": "flux"})");
    EXPECT_EQ(earlier.advection, AdvectionScheme::Remap);
    // The advection does not matter to a recipe that reads no advected map.
    TrainingConfig research;
    research.applyRecipe("research");
    EXPECT_FALSE(research.usesAdvected());
    research.advection = AdvectionScheme::Sharp;
    EXPECT_EQ(research.recipeName(), "research");
    EXPECT_THROW(TrainingConfig::fromJson(R"({"dataset": "/d.h5", "advection": "blur"})"),
                 std::invalid_argument);
}

TEST(TrainingConfig, BadValuesAreRefusedWithTheSettingsName) {
    TrainingConfig c;
    c.dataset = "x.h5";
    c.batchSize = 0;
    try {
        c.validate();
        FAIL();
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("batch size"), std::string::npos);
    }
    EXPECT_THROW(TrainingConfig::fromJson("{\"dataset\": \"x.h5\", \"loss\": \"huber\"}"),
                 std::invalid_argument);
    EXPECT_THROW(TrainingConfig::fromJson("{not json"), std::invalid_argument);
    EXPECT_THROW(TrainingConfig::fromJson("{\"dataset\": \"x.h5\", \"device\": \"tpu\"}"),
                 std::invalid_argument);
    TrainingConfig amp;
    amp.dataset = "x.h5";
    amp.device = DeviceChoice::Cpu;
    amp.mixedPrecision = true;
    EXPECT_THROW(amp.validate(), std::invalid_argument);  // autocast is for CUDA only
    EXPECT_THROW(TrainingConfig::fromJson("{\"dataset\": \"x.h5\", \"epochs\": \"ten\"}"),
                 std::invalid_argument);
}

TEST(TrainingHistory, CsvRoundTripAndBestEpoch) {
    TrainingHistory h;
    h.epochs.push_back({1, 0.5, 0.4, 1e-6, 2e-4, 0.3, 0.5, 1e-3, 120.5, 30.25, 1e-3, 0.45, 0.2,
                        3e-4, 1.5e-4, 0.5, 0.7});
    h.epochs.push_back({2, 0.3, 0.2, 5e-7, 1e-4, 0.4, 0.6, 5e-4, 121.5, 30.5, 5e-4});
    h.epochs.push_back({3, 0.25, 0.21, 5e-7, 1e-4, 0.4, 0.6, 5e-4, 121.5, 30.5, 1e-5});
    h.batches.push_back({10, 1, 0.7, 1e-4});
    h.batches.push_back({20, 1, 0.6, 2e-4});
    EXPECT_EQ(h.bestEpoch(), 2);
    const auto epochs = TrainingHistory::parseEpochsCsv(h.epochsCsv());
    ASSERT_EQ(epochs.size(), 3u);
    EXPECT_DOUBLE_EQ(epochs[1].valLoss, 0.2);
    EXPECT_DOUBLE_EQ(epochs[0].samplesPerSecond, 120.5);
    EXPECT_DOUBLE_EQ(epochs[0].persistenceValLoss, 0.45);
    EXPECT_DOUBLE_EQ(epochs[0].advectionValLoss, 0.2);
    EXPECT_DOUBLE_EQ(epochs[0].persistenceValMae, 3e-4);
    EXPECT_DOUBLE_EQ(epochs[0].advectionValMae, 1.5e-4);
    EXPECT_DOUBLE_EQ(epochs[0].persistenceIou50, 0.5);
    EXPECT_DOUBLE_EQ(epochs[0].advectionIou50, 0.7);
    const auto batches = TrainingHistory::parseBatchesCsv(h.batchesCsv());
    ASSERT_EQ(batches.size(), 2u);
    EXPECT_EQ(batches[1].step, 20);
    EXPECT_DOUBLE_EQ(batches[1].loss, 0.6);
    EXPECT_THROW(TrainingHistory::parseEpochsCsv("epoch,x\n1,2\n"), std::invalid_argument);
    // A table from before the persistence column reads, with the baseline at 0.
    const auto old = TrainingHistory::parseEpochsCsv(
        "epoch,train_loss,val_loss,val_mse,val_mae,iou50,iou90,mass_error,samples_per_s,seconds,"
        "learning_rate\n"
        "1,0.5,0.4,1e-06,0.0002,0.3,0.5,0.001,120.5,30.25,0.001\n");
    ASSERT_EQ(old.size(), 1u);
    EXPECT_DOUBLE_EQ(old[0].valLoss, 0.4);
    EXPECT_EQ(old[0].persistenceValLoss, 0.0);
    // And one with persistence but before the advection baseline.
    const auto v2 = TrainingHistory::parseEpochsCsv(
        "epoch,train_loss,val_loss,val_mse,val_mae,iou50,iou90,mass_error,samples_per_s,seconds,"
        "learning_rate,persistence_val_loss\n"
        "1,0.5,0.4,1e-06,0.0002,0.3,0.5,0.001,120.5,30.25,0.001,0.45\n");
    ASSERT_EQ(v2.size(), 1u);
    EXPECT_DOUBLE_EQ(v2[0].persistenceValLoss, 0.45);
    EXPECT_EQ(v2[0].advectionValLoss, 0.0);
    EXPECT_THROW(TrainingHistory::parseBatchesCsv("step,epoch,loss,learning_rate\n1,2,abc,4\n"),
                 std::invalid_argument);
}
