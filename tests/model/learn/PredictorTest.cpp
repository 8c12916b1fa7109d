#include <gtest/gtest.h>
#include <torch/torch.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "LearnTestSupport.h"
#include "core/JobControl.h"
#include "data/DriftDataset.h"
#include "learn/Evaluator.h"
#include "learn/Predictor.h"
#include "learn/StateDict.h"
#include "learn/TrainingSession.h"
#include "model/TestSupport.h"

using namespace driftlab;
namespace fs = std::filesystem;

namespace {

// A run of one epoch on the tiny dataset, made once for this file's tests.
std::string trainedRun() {
    static const std::string dir = [] {
        const char* base = std::getenv("DRIFTLAB_TEST_TMP");
        const fs::path d = fs::path(base ? base : fs::temp_directory_path().string()) / "learn" /
                           ("predictor-run-" + std::to_string(::getpid()));  // one per test process
        fs::remove_all(d);
        TrainingConfig c = test::tinyTrainingConfig();
        c.epochs = 1;
        auto s = TrainingSession::create(c, d.string());
        TrainingControl control;
        s.run(control);
        return d.string();
    }();
    return dir;
}

// Weights of a residual UNet whose last layer is zero: it predicts "no change" exactly.
std::string identityWeights(const fs::path& dir) {
    UNet model(3, 1, 4);
    {
        torch::NoGradGuard noGrad;
        for (auto& p : model->named_parameters())
            if (p.key().rfind("outc.", 0) == 0) p.value().zero_();
    }
    const std::string path = (dir / "identity.pt").string();
    writeStateDictFile(stateDictOf(model), path);
    std::ofstream(path + ".json")
        << R"({"width": 4, "residual": true, "u_mean": 0, "u_std": 1, "v_mean": 0,
                                         "v_std": 1, "density_scale": 10})";
    return path;
}

}  // namespace

TEST(Predictor, LoadsARunAndPredictsNonNegativeMapsWithNothingOnLand) {
    const auto ds = DriftDataset::open(test::tinyTrainingDataset());
    const Predictor p = Predictor::load(trainedRun());
    EXPECT_EQ(p.width(), 4);
    EXPECT_TRUE(p.residual());
    EXPECT_NE(p.description().find("epoch 1"), std::string::npos) << p.description();
    std::vector<float> d;
    ds.readDensity(3, 1, d);
    const auto out = p.predict(ds, d, ds.releases()[3].spec.day + 1);
    ASSERT_EQ(out.size(), ds.grid().cellCount());
    double mass = 0;
    for (std::size_t c = 0; c < out.size(); ++c) {
        EXPECT_GE(out[c], 0.0f);
        if (!ds.mask().values()[c]) {
            EXPECT_EQ(out[c], 0.0f);
        }
        mass += out[c];
    }
    EXPECT_GT(mass, 0.1);
}

TEST(Predictor, ABatchGivesWhatSamplesOneByOneGive) {
    const auto ds = DriftDataset::open(test::tinyTrainingDataset());
    const Predictor p = Predictor::load(trainedRun() + "/last.pt");
    const std::size_t cells = ds.grid().cellCount();
    std::vector<float> d, all_d;
    std::vector<int> days;
    for (int r : {0, 5, 9}) {
        ds.readDensity(r, 2, d);
        all_d.insert(all_d.end(), d.begin(), d.end());
        days.push_back(ds.releases()[static_cast<std::size_t>(r)].spec.day + 2);
    }
    const auto batch = p.predictBatch(ds, all_d, days);
    for (int s = 0; s < 3; ++s) {
        const std::vector<float> one = p.predict(
            ds, std::vector<float>(all_d.begin() + s * cells, all_d.begin() + (s + 1) * cells),
            days[static_cast<std::size_t>(s)]);
        for (std::size_t c = 0; c < cells; ++c)
            ASSERT_NEAR(one[c], batch[s * cells + c], 1e-6) << s << " " << c;
    }
}

TEST(Predictor, RolloutOfAnIdentityModelKeepsDayZero) {
    const auto ds = DriftDataset::open(test::tinyTrainingDataset());
    const Predictor p = Predictor::load(identityWeights(test::tempDir()));
    EXPECT_NE(p.description().find("PyTorch weights"), std::string::npos);
    const auto maps = p.rollout(ds, 4, ds.outputDays(), JobControl());
    ASSERT_EQ(maps.size(), static_cast<std::size_t>(ds.outputDays() + 1));
    for (const auto& m : maps)
        for (std::size_t c = 0; c < m.size(); ++c)
            ASSERT_NEAR(m[c], maps[0][c], 1e-6f * (1 + maps[0][c]));
}

TEST(Predictor, RolloutFromAnyMapCallsOnDayAsEachDayIsReady) {
    const auto ds = DriftDataset::open(test::tinyTrainingDataset());
    const Predictor p = Predictor::load(identityWeights(test::tempDir()));
    // A map no release has: two blobs in ocean cells.
    std::vector<float> day0(ds.grid().cellCount(), 0.0f);
    int placed = 0;
    for (std::size_t c = 0; c < day0.size() && placed < 2; c += 97)
        if (ds.mask().values()[c]) day0[c] = 0.5f, ++placed;
    ASSERT_EQ(placed, 2);
    const int first = 3, days = 4;
    std::vector<int> seen;
    std::vector<std::vector<float>> shown;
    const auto maps =
        p.rolloutFrom(day0, ds, first, days, JobControl(), [&](int d, const std::vector<float>& m) {
            seen.push_back(d);
            shown.push_back(m);
        });
    ASSERT_EQ(maps.size(), static_cast<std::size_t>(days + 1));
    EXPECT_EQ(seen, (std::vector<int>{0, 1, 2, 3, 4}));
    EXPECT_EQ(maps[0], day0);
    for (int d = 0; d <= days; ++d) {
        EXPECT_EQ(shown[static_cast<std::size_t>(d)], maps[static_cast<std::size_t>(d)]);
        for (std::size_t c = 0; c < day0.size(); ++c)
            ASSERT_NEAR(maps[static_cast<std::size_t>(d)][c], day0[c], 1e-6f * (1 + day0[c]));
    }
    // The last current field a rollout may use is the dataset's last.
    EXPECT_NO_THROW(p.rolloutFrom(day0, ds, ds.currentDays() - 2, 2, JobControl()));
    EXPECT_THROW(p.rolloutFrom(day0, ds, ds.currentDays() - 2, 3, JobControl()),
                 std::invalid_argument);
    EXPECT_THROW(p.rolloutFrom(std::vector<float>(5), ds, 0, 1, JobControl()),
                 std::invalid_argument);
    // A stop between days: onDay saw day 0 only.
    std::atomic<bool> stop{false};
    seen.clear();
    EXPECT_THROW(p.rolloutFrom(day0, ds, first, days, JobControl(&stop, {}),
                               [&](int d, const std::vector<float>&) {
                                   seen.push_back(d);
                                   stop = true;
                               }),
                 JobCancelled);
    EXPECT_EQ(seen, (std::vector<int>{0}));
}

TEST(Predictor, BadModelsAreRefusedWithTheFileName) {
    const auto dir = test::tempDir();
    EXPECT_THROW(Predictor::load((dir / "nothing").string()), std::runtime_error);
    fs::create_directories(dir / "empty-run");
    EXPECT_THROW(Predictor::load((dir / "empty-run").string()), std::runtime_error);
    std::ofstream(dir / "junk.pt") << "not weights";
    try {
        Predictor::load((dir / "junk.pt").string());
        FAIL();
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("junk.pt"), std::string::npos) << e.what();
    }
    // Weights without their .json need a dataset for the normalisation.
    const std::string w = identityWeights(dir);
    fs::remove(w + ".json");
    EXPECT_THROW(Predictor::load(w), std::runtime_error);
    const auto ds = DriftDataset::open(test::tinyTrainingDataset());
    EXPECT_NO_THROW(Predictor::load(w, &ds));
}

TEST(Evaluator, SampleMetricsEqualTheMetricFunctionsOnTheSameMaps) {
    const auto ds = DriftDataset::open(test::tinyTrainingDataset());
    const Predictor p = Predictor::load(trainedRun());
    const EvaluationResult r = evaluateSplit(p, ds, Split::Validation, 7, JobControl());
    EXPECT_EQ(r.samples.size(), ds.releasesInSplit(Split::Validation).size() *
                                    static_cast<std::size_t>(ds.outputDays()));
    for (std::size_t k : {std::size_t{0}, r.samples.size() / 2, r.samples.size() - 1}) {
        const SampleMetrics& s = r.samples[k];
        std::vector<float> d, t;
        ds.readDensity(s.release, s.day, d);
        ds.readDensity(s.release, s.day + 1, t);
        const auto pred =
            p.predict(ds, d, ds.releases()[static_cast<std::size_t>(s.release)].spec.day + s.day);
        DriftMetricAccumulator model(ds.mask().values()), persistence(ds.mask().values());
        model.add(d.data(), pred.data(), t.data());
        persistence.add(d.data(), d.data(), t.data());
        EXPECT_NEAR(s.model.mae, model.value().mae, 1e-9);
        EXPECT_NEAR(s.model.iou50, model.value().iou50, 1e-9);
        EXPECT_NEAR(s.model.massError, model.value().massError, 1e-6);
        EXPECT_NEAR(s.persistence.mse, persistence.value().mse, 1e-12);
        EXPECT_NEAR(s.persistence.iou90, persistence.value().iou90, 1e-12);
    }
    double sum = 0;
    for (const auto& s : r.samples) sum += s.model.mae;
    EXPECT_NEAR(r.model.mae, sum / r.samples.size(), 1e-12);
    ASSERT_EQ(r.modelByDay.size(), static_cast<std::size_t>(ds.outputDays()));
    ASSERT_EQ(r.persistenceByDay.size(), r.modelByDay.size());
    {
        // Day 1's means are those of its samples, for the model and for persistence.
        double model = 0, persistence = 0;
        int n = 0;
        for (const auto& s : r.samples) {
            if (s.day != 1) continue;
            model += s.model.iou50;
            persistence += s.persistence.iou50;
            ++n;
        }
        ASSERT_GT(n, 0);
        EXPECT_NEAR(r.modelByDay[1].iou50, model / n, 1e-12);
        EXPECT_NEAR(r.persistenceByDay[1].iou50, persistence / n, 1e-12);
    }
    EXPECT_EQ(r.meanAbsoluteError.size(), ds.grid().cellCount());
    const std::string csv = r.csv();
    EXPECT_EQ(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')),
              r.samples.size() + 1);
}

TEST(Evaluator, AnIdentityModelScoresExactlyAsPersistence) {
    const auto ds = DriftDataset::open(test::tinyTrainingDataset());
    const Predictor p = Predictor::load(identityWeights(test::tempDir()));
    const EvaluationResult r = evaluateSplit(p, ds, Split::Train, 16, JobControl());
    EXPECT_NEAR(r.model.mae, r.persistence.mae, 1e-9);
    EXPECT_NEAR(r.model.iou50, r.persistence.iou50, 1e-9);
    ASSERT_EQ(r.persistenceByDay.size(), r.modelByDay.size());
    for (std::size_t d = 0; d < r.modelByDay.size(); ++d)
        EXPECT_NEAR(r.modelByDay[d].mae, r.persistenceByDay[d].mae, 1e-9) << d;
}
