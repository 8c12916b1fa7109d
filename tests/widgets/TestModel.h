#pragma once
// A prediction model for the widget tests: one epoch of a width-4 UNet on the small test dataset
// (TestDataset.h), made once per test process in a folder of its own (ctest runs each test in
// its own process, possibly two at a time; seeded and on one thread, so every process trains
// the same weights on this machine).
#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDir>
#include <QSignalSpy>
#include <QString>
#include <QTest>

#include "Forecast.h"
#include "ForecastController.h"
#include "MainWindow.h"
#include "TestDataset.h"
#include "learn/TrainingConfig.h"
#include "learn/TrainingSession.h"

namespace driftlab::test {

// A path in the widget tests' temporary folder.
inline QString widgetTmp(const QString& name) {
    return QString::fromStdString((testFolder("widgets") / name.toStdString()).string());
}

// The run folder of the model.
inline QString tinyPredictionRun() {
    static const QString dir = [] {
        const QString d =
            widgetTmp(QString("prediction-run-%1").arg(QCoreApplication::applicationPid()));
        QDir(d).removeRecursively();
        TrainingConfig c;
        c.dataset = smallDatasetPath().toStdString();
        c.epochs = 1;
        c.batchSize = 4;
        c.width = 4;
        c.threads = 1;
        c.loaderThreads = 1;
        c.seed = 3;
        TrainingSession session = TrainingSession::create(c, d.toStdString());
        TrainingControl control;
        session.run(control);
        return d;
    }();
    return dir;
}

// Loads a model into the window as Model > Load does (off the GUI thread) and waits for it.
inline ::testing::AssertionResult loadModelAndWait(MainWindow& w, const QString& model) {
    QSignalSpy loaded(&w, &MainWindow::modelChanged);
    w.loadModel(model);
    if (!loaded.wait(60000))
        return ::testing::AssertionFailure() << "no model loaded from " << model.toStdString();
    return ::testing::AssertionSuccess();
}

// Waits until the window's forecast (a rollout or a release) is complete and its job done.
inline bool waitForForecast(MainWindow& w) {
    return QTest::qWaitFor(
        [&] {
            const Forecast* f = w.forecastController()->forecast();
            return f && f->complete() && !w.forecastController()->running();
        },
        60000);
}

}  // namespace driftlab::test
