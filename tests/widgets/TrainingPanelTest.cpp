#include <gtest/gtest.h>

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include "MainWindow.h"
#include "PlotView.h"
#include "TestDataset.h"
#include "TrainingPanel.h"

using namespace driftlab;

namespace {

QString testTmp() {
    const char* base = std::getenv("DRIFTLAB_TEST_TMP");
    QDir dir(base ? base : QDir::tempPath());
    dir.mkpath("widgets/runs");
    return dir.filePath("widgets/runs");
}

// A run that trains in a second or two on the small dataset.
TrainingConfig tinyConfig(int epochs) {
    TrainingConfig c;
    c.epochs = epochs;
    c.batchSize = 4;
    c.width = 4;
    c.threads = 1;
    c.loaderThreads = 1;
    c.logEveryBatches = 1;
    return c;
}

template <typename W>
W* child(QWidget& parent, const char* name) {
    W* w = parent.findChild<W*>(name);
    EXPECT_NE(w, nullptr) << name;
    return w;
}

bool waitIdle(TrainingPanel& panel, int ms) {
    return QTest::qWaitFor([&] { return !panel.controller()->busy(); }, ms);
}

}  // namespace

TEST(TrainingPanel, FormStartsAtTheDefaultsAndMapsToTheConfig) {
    TrainingPanel panel;
    const TrainingConfig defaults;
    TrainingConfig c = panel.config();
    EXPECT_EQ(c.epochs, defaults.epochs);
    EXPECT_EQ(c.batchSize, defaults.batchSize);
    EXPECT_DOUBLE_EQ(c.learningRate, defaults.learningRate);
    EXPECT_EQ(c.width, defaults.width);
    EXPECT_EQ(c.loss, defaults.loss);
    EXPECT_EQ(c.inputs, defaults.inputs);
    EXPECT_EQ(c.anchor, defaults.anchor);
    EXPECT_EQ(c.recipeName(), "hybrid");
    EXPECT_EQ(c.threads, defaults.threads);
    EXPECT_EQ(c.seed, defaults.seed);

    child<QSpinBox>(panel, "epochs")->setValue(7);
    child<QSpinBox>(panel, "batchSize")->setValue(32);
    child<QLineEdit>(panel, "learningRate")->setText("5e-4");
    child<QSpinBox>(panel, "width")->setValue(8);
    // The recipe brings its loss (research: MAE); the loss box changes it after.
    auto* recipe = child<QComboBox>(panel, "recipe");
    recipe->setCurrentIndex(recipe->findData(QStringLiteral("research")));
    auto* loss = child<QComboBox>(panel, "loss");
    EXPECT_EQ(loss->currentText(), "MAE");
    loss->setCurrentIndex(loss->findText("MSE"));
    child<QSpinBox>(panel, "threads")->setValue(2);
    child<QSpinBox>(panel, "seed")->setValue(42);
    panel.setDatasetPath("/data/some.h5");
    c = panel.config();
    EXPECT_EQ(c.dataset, "/data/some.h5");
    EXPECT_EQ(c.epochs, 7);
    EXPECT_EQ(c.batchSize, 32);
    EXPECT_DOUBLE_EQ(c.learningRate, 5e-4);
    EXPECT_EQ(c.width, 8);
    EXPECT_EQ(c.loss, LossKind::Mse);
    EXPECT_EQ(c.recipeName(), "research");
    EXPECT_EQ(c.inputChannels(), 5);
    EXPECT_EQ(c.anchor, Anchor::Persistence);
    EXPECT_EQ(c.threads, 2);
    EXPECT_EQ(c.seed, 42u);
    EXPECT_NO_THROW(c.validate());
}

TEST(TrainingPanel, SetConfigRoundTripsAndKeepsTheSettingsTheFormDoesNotShow) {
    TrainingPanel panel;
    TrainingConfig c = tinyConfig(3);
    c.learningRate = 1.5e-3;
    c.loss = LossKind::Mse;
    c.weightDecay = 0.05;
    c.maxTrainPairs = 20;
    c.seed = 9;
    c.device = DeviceChoice::Cuda;
    c.mixedPrecision = true;
    panel.setConfig(c);
    panel.setDatasetPath("x.h5");
    const TrainingConfig back = panel.config();
    c.dataset = "x.h5";
    EXPECT_EQ(back.toJson(), c.toJson());
    // The CPU has no mixed precision: choosing it clears and disables the box.
    auto* device = child<QComboBox>(panel, "device");
    device->setCurrentIndex(device->findData(static_cast<int>(DeviceChoice::Cpu)));
    EXPECT_FALSE(child<QCheckBox>(panel, "mixedPrecision")->isEnabled());
    EXPECT_EQ(panel.config().device, DeviceChoice::Cpu);
    EXPECT_FALSE(panel.config().mixedPrecision);
}

TEST(TrainingPanel, TrainNeedsADatasetAndAValidLearningRate) {
    TrainingPanel panel;
    auto* train = child<QPushButton>(panel, "train");
    EXPECT_FALSE(train->isEnabled());
    panel.setDatasetPath(test::smallDatasetPath());
    EXPECT_TRUE(train->isEnabled());
    child<QLineEdit>(panel, "learningRate")->setText("0");
    EXPECT_FALSE(train->isEnabled());
    child<QLineEdit>(panel, "learningRate")->setText("0.002");
    EXPECT_TRUE(train->isEnabled());
    // Nothing to continue before a run is open; nothing to pause or stop while idle.
    EXPECT_FALSE(child<QPushButton>(panel, "continue")->isEnabled());
    EXPECT_FALSE(child<QPushButton>(panel, "more")->isEnabled());
    EXPECT_FALSE(child<QPushButton>(panel, "pause")->isEnabled());
    EXPECT_FALSE(child<QPushButton>(panel, "stop")->isEnabled());
}

TEST(TrainingPanel, AutomaticRunFolderIsNamedAfterTheDatasetAndTheTime) {
    TrainingPanel panel;
    panel.setRunsRoot("/tmp/runs-root");
    panel.setDatasetPath("/data/med-2024.h5");
    EXPECT_TRUE(QRegularExpression("^/tmp/runs-root/med-2024-\\d{8}-\\d{6}$")
                    .match(panel.runFolder())
                    .hasMatch())
        << panel.runFolder().toStdString();
    panel.setRunFolder("/elsewhere/my-run/");
    EXPECT_EQ(panel.runFolder(), "/elsewhere/my-run");
    EXPECT_TRUE(TrainingPanel::defaultRunsRoot().endsWith("DriftLab/runs"));
}

TEST(TrainingPanel, OpeningARunFolderShowsItsCurvesWithoutLoadingTheModel) {
    QTemporaryDir dir(testTmp() + "/opened-XXXXXX");
    ASSERT_TRUE(dir.isValid());
    TrainingConfig c = tinyConfig(5);
    c.dataset = "/nowhere/not-needed-to-show-curves.h5";
    TrainingHistory h;
    for (int e = 1; e <= 3; ++e) {
        for (int b = 1; b <= 4; ++b)
            h.batches.push_back({(e - 1) * 4L + b, e, 1.0 / (e * 4 + b), 1e-3});
        EpochRecord r;
        r.epoch = e;
        r.trainLoss = 0.1 / e;
        r.valLoss = e == 2 ? 0.01 : 0.02;  // best at epoch 2
        r.valMae = 1e-5 * (4 - e);
        r.valMse = 1e-9 * (4 - e);
        r.iou50 = 0.2 * e;
        r.iou90 = 0.25 * e;
        r.massError = 1e-3;
        r.persistenceValLoss = 0.5;
        r.advectionValLoss = 0.25;
        r.centreKm = 3.0 / e;
        r.advectionCentreKm = 1.5;
        r.persistenceCentreKm = 9.0;
        r.spreadRatio = 1.0 + 0.1 * e;
        r.advectionSpreadRatio = 1.05;
        h.epochs.push_back(r);
    }
    auto write = [&](const char* name, const std::string& text) {
        QFile f(QDir(dir.path()).filePath(name));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(text.c_str());
    };
    write("config.json", c.toJson());
    write("history.csv", h.epochsCsv());
    write("batches.csv", h.batchesCsv());

    TrainingPanel panel;
    ASSERT_TRUE(panel.openRun(dir.path())) << panel.statusText().toStdString();
    EXPECT_EQ(panel.controller()->run().epochsDone, 3);
    EXPECT_FALSE(panel.controller()->run().sessionLoaded);
    EXPECT_EQ(panel.config().epochs, 5);  // the form shows the run's settings
    PlotView* loss = panel.lossPlot();
    EXPECT_EQ(loss->points("training (raw)").size(), 12);
    EXPECT_EQ(loss->points("training (smoothed)").size(), 12);
    ASSERT_EQ(loss->points("validation").size(), 3);
    // The two anchors, one point per epoch each: persistence and the advection baseline.
    ASSERT_EQ(loss->points("persistence (validation)").size(), 3);
    ASSERT_EQ(loss->points("advection baseline (validation)").size(), 3);
    EXPECT_DOUBLE_EQ(loss->points("advection baseline (validation)").back().y(), 0.25);
    // Batches are placed in epochs: the last batch of epoch 3 is at x = 3.
    EXPECT_NEAR(loss->points("training (raw)").back().x(), 3.0, 1e-9);
    ASSERT_TRUE(loss->marker());
    EXPECT_DOUBLE_EQ(*loss->marker(), 2.0);
    ASSERT_TRUE(panel.metricsPlot()->marker());
    EXPECT_DOUBLE_EQ(*panel.metricsPlot()->marker(), 2.0);
    // The smoothed curve is the debiased EMA of the raw one.
    panel.setSmoothing(0.5);
    const auto raw = loss->points("training (raw)");
    const auto smooth = loss->points("training (smoothed)");
    EXPECT_DOUBLE_EQ(smooth[0].y(), raw[0].y());
    EXPECT_NEAR(smooth[1].y(), (0.25 * raw[0].y() + 0.5 * raw[1].y()) / 0.75, 1e-12);

    // The log-scale boxes switch the plots' y axes.
    EXPECT_TRUE(loss->logY());
    child<QCheckBox>(panel, "lossLog")->setChecked(false);
    EXPECT_FALSE(loss->logY());
    child<QCheckBox>(panel, "metricsLog")->setChecked(true);
    EXPECT_TRUE(panel.metricsPlot()->logY());

    panel.setMetric(TrainingPanel::Metric::Iou);
    EXPECT_EQ(panel.metricsPlot()->seriesNames().size(), 2);
    EXPECT_EQ(panel.metricsPlot()->points("IoU 90 %").size(), 3);
    EXPECT_DOUBLE_EQ(panel.metricsPlot()->points("IoU 90 %")[2].y(), 0.75);
    panel.setMetric(TrainingPanel::Metric::Mse);
    EXPECT_EQ(panel.metricsPlot()->seriesNames(), QStringList{"MSE"});
    // In kilometres, beside the baselines, from history.csv's km columns.
    panel.setMetric(TrainingPanel::Metric::CentreKm);
    EXPECT_EQ(panel.metricsPlot()->seriesNames().size(), 3);
    EXPECT_DOUBLE_EQ(panel.metricsPlot()->points("centre (model)")[2].y(), 1.0);
    EXPECT_DOUBLE_EQ(panel.metricsPlot()->points("centre (advection)")[0].y(), 1.5);
    panel.setMetric(TrainingPanel::Metric::SpreadRatio);
    EXPECT_DOUBLE_EQ(panel.metricsPlot()->points("spread ratio (model)")[1].y(), 1.2);

    // 3 of 5 epochs: it can be continued or extended.
    EXPECT_TRUE(child<QPushButton>(panel, "continue")->isEnabled());
    EXPECT_TRUE(child<QPushButton>(panel, "more")->isEnabled());
    // A folder that is not a run says so and keeps what was shown.
    EXPECT_FALSE(panel.openRun(testTmp()));
    EXPECT_TRUE(panel.statusText().contains("not a training run"))
        << panel.statusText().toStdString();
    EXPECT_EQ(panel.controller()->history().epochs.size(), 3u);
}

TEST(TrainingPanel, TrainsARunToTheEndAndWritesItsFolder) {
    QTemporaryDir dir(testTmp() + "/train-XXXXXX");
    ASSERT_TRUE(dir.isValid());
    const QString runDir = QDir(dir.path()).filePath("run");
    TrainingPanel panel;
    panel.resize(460, 800);
    panel.show();
    panel.setConfig(tinyConfig(2));
    panel.setDatasetPath(test::smallDatasetPath());
    panel.setRunFolder(runDir);
    QSignalSpy finished(panel.controller(), &TrainingController::finished);
    QSignalSpy failed(panel.controller(), &TrainingController::failed);
    QTest::mouseClick(child<QPushButton>(panel, "train"), Qt::LeftButton);
    EXPECT_TRUE(panel.controller()->busy());
    // The form is locked while it trains; pause and stop are offered.
    EXPECT_FALSE(child<QSpinBox>(panel, "epochs")->isEnabled());
    EXPECT_FALSE(child<QPushButton>(panel, "train")->isEnabled());
    EXPECT_TRUE(child<QPushButton>(panel, "stop")->isEnabled());
    EXPECT_TRUE(child<QPushButton>(panel, "pause")->isEnabled());

    ASSERT_TRUE(waitIdle(panel, 120000)) << "the run did not end";
    ASSERT_EQ(failed.count(), 0) << failed.value(0).value(0).toString().toStdString();
    ASSERT_EQ(finished.count(), 1);
    EXPECT_EQ(finished.at(0).at(0).value<TrainingOutcome>(), TrainingOutcome::Finished);
    EXPECT_EQ(panel.controller()->history().epochs.size(), 2u);
    EXPECT_GT(panel.lossPlot()->points("training (raw)").size(), 2);
    EXPECT_EQ(panel.lossPlot()->points("validation").size(), 2);
    // x is in epochs: the last logged batch ends epoch 2.
    EXPECT_NEAR(panel.lossPlot()->points("training (raw)").back().x(), 2.0, 1e-9);
    EXPECT_EQ(panel.metricsPlot()->points("MAE").size(), 2);
    EXPECT_TRUE(panel.lossPlot()->marker().has_value());
    for (const char* f : {"config.json", "history.csv", "batches.csv", "last.pt"})
        EXPECT_TRUE(QFile::exists(QDir(runDir).filePath(f))) << f;
    EXPECT_TRUE(panel.statusText().startsWith("Finished 2 epochs"))
        << panel.statusText().toStdString();
    EXPECT_TRUE(child<QSpinBox>(panel, "epochs")->isEnabled());
    EXPECT_FALSE(child<QPushButton>(panel, "continue")->isEnabled());  // nothing left to train

    // Train 1 more epoch on the model in memory.
    ASSERT_TRUE(child<QPushButton>(panel, "more")->isEnabled());
    child<QSpinBox>(panel, "moreEpochs")->setValue(1);
    QTest::mouseClick(child<QPushButton>(panel, "more"), Qt::LeftButton);
    ASSERT_TRUE(waitIdle(panel, 120000));
    EXPECT_EQ(failed.count(), 0);
    EXPECT_EQ(panel.controller()->history().epochs.size(), 3u);
    EXPECT_EQ(panel.controller()->run().config->epochs, 3);
    EXPECT_EQ(panel.lossPlot()->points("validation").size(), 3);
}

TEST(TrainingPanel, StopDuringTrainingLeavesACheckpointToContinueFrom) {
    QTemporaryDir dir(testTmp() + "/stop-XXXXXX");
    ASSERT_TRUE(dir.isValid());
    const QString runDir = QDir(dir.path()).filePath("run");
    TrainingPanel panel;
    panel.setConfig(tinyConfig(500));
    panel.setDatasetPath(test::smallDatasetPath());
    panel.setRunFolder(runDir);
    QSignalSpy finished(panel.controller(), &TrainingController::finished);
    panel.train();
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return !panel.controller()->history().batches.empty(); }, 60000))
        << "no batch was logged";
    // Pause first: the trainer waits, and stop still ends it.
    QTest::mouseClick(child<QPushButton>(panel, "pause"), Qt::LeftButton);
    EXPECT_TRUE(panel.controller()->paused());
    EXPECT_EQ(child<QPushButton>(panel, "pause")->text(), "Resume");
    QTest::mouseClick(child<QPushButton>(panel, "stop"), Qt::LeftButton);
    ASSERT_TRUE(waitIdle(panel, 60000));
    ASSERT_EQ(finished.count(), 1);
    EXPECT_EQ(finished.at(0).at(0).value<TrainingOutcome>(), TrainingOutcome::Stopped);
    EXPECT_TRUE(QFile::exists(QDir(runDir).filePath("last.pt")));
    EXPECT_LT(panel.controller()->run().epochsDone, 500);
    EXPECT_TRUE(panel.statusText().startsWith("Stopped")) << panel.statusText().toStdString();

    // A fresh panel opens the stopped run and continues it from last.pt.
    TrainingPanel again;
    ASSERT_TRUE(again.openRun(runDir));
    const size_t batchesBefore = again.controller()->history().batches.size();
    EXPECT_GT(batchesBefore, 0u);
    QSignalSpy failed(again.controller(), &TrainingController::failed);
    again.continueRun();
    EXPECT_TRUE(again.controller()->busy());
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return again.controller()->history().batches.size() > batchesBefore; }, 60000));
    EXPECT_TRUE(again.controller()->run().sessionLoaded);
    EXPECT_TRUE(again.controller()->stopAndWait(60000));
    EXPECT_EQ(failed.count(), 0);
}

TEST(TrainingPanel, AnEngineErrorIsShownAndTheFormIsUsableAgain) {
    QTemporaryDir dir(testTmp() + "/error-XXXXXX");
    ASSERT_TRUE(dir.isValid());
    QFile(QDir(dir.path()).filePath("something")).open(QIODevice::WriteOnly);
    TrainingPanel panel;
    panel.setConfig(tinyConfig(1));
    panel.setDatasetPath(test::smallDatasetPath());
    panel.setRunFolder(dir.path());  // not empty: the engine refuses it
    QSignalSpy failed(panel.controller(), &TrainingController::failed);
    panel.train();
    ASSERT_TRUE(waitIdle(panel, 60000));
    ASSERT_EQ(failed.count(), 1);
    EXPECT_TRUE(panel.statusText().contains("not empty")) << panel.statusText().toStdString();
    EXPECT_TRUE(child<QPushButton>(panel, "train")->isEnabled());
}

TEST(MainWindowTraining, TheDockTrainsTheOpenDatasetAndClosingStopsTheRunCleanly) {
    QTemporaryDir dir(testTmp() + "/window-XXXXXX");
    ASSERT_TRUE(dir.isValid());
    const QString runDir = QDir(dir.path()).filePath("run");
    MainWindow w;
    w.setAskBeforeStoppingTraining(false);
    w.show();
    ASSERT_TRUE(w.openDataset(test::smallDatasetPath()));
    TrainingPanel* panel = w.trainingPanel();
    EXPECT_EQ(QFileInfo(panel->datasetPath()).canonicalFilePath(),
              QFileInfo(test::smallDatasetPath()).canonicalFilePath());
    w.trainingDock()->show();
    panel->setConfig(tinyConfig(500));
    panel->setRunFolder(runDir);
    panel->train();
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return !panel->controller()->history().batches.empty(); }, 60000));
    // The map is still browsable while it trains.
    w.showSample(3, 2);
    EXPECT_EQ(w.currentRelease(), 3);
    // Closing stops the run, waits for its checkpoint, then closes.
    EXPECT_FALSE(w.close());
    EXPECT_TRUE(w.isVisible());
    ASSERT_TRUE(QTest::qWaitFor([&] { return !w.isVisible(); }, 60000)) << "never closed";
    EXPECT_FALSE(panel->controller()->busy());
    EXPECT_EQ(panel->controller()->lastOutcome(), TrainingOutcome::Stopped);
    EXPECT_TRUE(QFile::exists(QDir(runDir).filePath("last.pt")));
}
