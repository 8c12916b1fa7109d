// The explorer training in its window, for tests/reliability/explorer_kill_test.sh, which kills
// this process with SIGKILL at random moments: with DRIFTLAB_KILL_DATASET and DRIFTLAB_KILL_RUN
// set, it opens the dataset in a MainWindow and trains in the window's training panel (a new run
// in DRIFTLAB_KILL_RUN, or that run continued with the panel's Open Run and Continue, or Train
// more when it had finished, as a user would after a crash) until it is killed. Skipped
// otherwise.
#include <gtest/gtest.h>

#include <QDir>
#include <QDockWidget>
#include <QPushButton>
#include <QTest>

#include "MainWindow.h"
#include "TrainingController.h"
#include "TrainingPanel.h"
#include "learn/TrainingSession.h"

using namespace driftlab;

TEST(ExplorerKill, TrainsInTheWindowUntilKilled) {
    const QString dataset = qEnvironmentVariable("DRIFTLAB_KILL_DATASET");
    const QString run = qEnvironmentVariable("DRIFTLAB_KILL_RUN");
    if (dataset.isEmpty() || run.isEmpty())
        GTEST_SKIP() << "driven by tests/reliability/explorer_kill_test.sh";
    MainWindow w;
    w.setAskBeforeStoppingTraining(false);
    w.resize(1200, 800);
    w.show();
    ASSERT_TRUE(w.openDataset(dataset));
    w.trainingDock()->show();
    TrainingPanel* panel = w.trainingPanel();
    if (TrainingSession::isRunFolder(run.toStdString())) {
        ASSERT_TRUE(panel->openRun(run)) << panel->statusText().toStdString();
        // Continue an interrupted run; a finished one gets more epochs ("Train more").
        auto* next = panel->findChild<QPushButton*>("continue");
        auto* more = panel->findChild<QPushButton*>("more");
        ASSERT_TRUE(next && more);
        ASSERT_TRUE(next->isEnabled() || more->isEnabled()) << panel->statusText().toStdString();
        QTest::mouseClick(next->isEnabled() ? next : more, Qt::LeftButton);
    } else {
        TrainingConfig c;
        c.epochs = 5;  // then "Train more", 5 at a time
        c.batchSize = 8;
        c.width = 4;
        c.threads = 1;
        c.maxTrainPairs = 48;  // short epochs: several checkpoints per life
        c.maxValidationPairs = 16;
        panel->setConfig(c);
        panel->setRunFolder(run);
        QTest::mouseClick(panel->findChild<QPushButton*>("train"), Qt::LeftButton);
    }
    ASSERT_TRUE(panel->controller()->busy()) << panel->statusText().toStdString();
    std::printf("training in the window\n");
    std::fflush(stdout);
    QTest::qWait(600000);  // killed long before
    FAIL() << "not killed within 10 minutes";
}
