// The prediction overlay: a model trained for one epoch on the small test dataset (width 4,
// seeded, one thread: the same weights every time on this machine) predicts day t+1; the map
// draws truth and prediction contours and the difference layer (baselines), and the main window
// loads the model off the GUI thread, shows the sample's metrics (equal to
// DriftMetricAccumulator on the same maps) and unloads it.
#include <gtest/gtest.h>

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>
#include <QTimer>
#include <algorithm>
#include <iostream>
#include <memory>

#include "ImageCheck.h"
#include "LayerPanel.h"
#include "MainWindow.h"
#include "MapView.h"
#include "OffscreenMap.h"
#include "MetricFormat.h"
#include "PredictionPanel.h"
#include "SceneBuilder.h"
#include "TestDataset.h"
#include "TestModel.h"
#include "drift/AdvectionBaseline.h"
#include "learn/Predictor.h"
#include "stats/CloudGeometry.h"

using namespace driftlab;

namespace {

constexpr int kW = 900, kH = 520;

QImage renderPrediction(Layer layer, int release, int day) {
    auto ds = std::make_shared<const DriftDataset>(
        DriftDataset::open(test::smallDatasetPath().toStdString()));
    Predictor predictor = Predictor::load(test::tinyPredictionRun().toStdString(), ds.get());
    predictor.setThreads(1);
    SceneBuilder scene(ds);
    MapView view;
    test::prepareOffscreenMap(view, *ds, kW, kH);
    Sample s = scene.load(release, day);
    s.prediction = predictor.predict(*ds, s.density, s.date - ds->startDay());
    SceneOptions o;
    o.layer = layer;
    scene.apply(view, s, o);
    EXPECT_TRUE(view.showingComparison());
    EXPECT_TRUE(view.renderNow()) << "no OpenGL context";
    return view.renderImage(kW, kH);
}

// Closes the next message box, keeping its text.
void closeNextMessageBox(QString* text) {
    auto* timer = new QTimer;
    timer->setInterval(100);
    QObject::connect(timer, &QTimer::timeout, [timer, text] {
        for (QWidget* top : QApplication::topLevelWidgets()) {
            if (auto* box = qobject_cast<QMessageBox*>(top); box && box->isVisible()) {
                *text = box->text();
                box->accept();
                timer->deleteLater();
            }
        }
    });
    timer->start();
}

}  // namespace

TEST(Prediction, OverlayOfTruthAndPredictionContoursMatchesItsBaseline) {
    const QImage image = renderPrediction(Layer::Speed, 3, 2);
    ASSERT_FALSE(image.isNull());
    const auto cmp = test::compareWithBaseline(image, "map_prediction_overlay_r3_d2");
    EXPECT_TRUE(cmp.sameSize && cmp.differingFraction <= 0.005) << cmp.message.toStdString();
    // Both sets of contours are there: the prediction's in orange, the truth's in black.
    const QRect map(kW / 10, kH / 10, kW * 7 / 10, kH * 8 / 10);
    EXPECT_GT(test::countColour(image, qRgb(255, 115, 0), 40, map), 30);
    EXPECT_GT(test::countColour(image, qRgb(0, 0, 0), 10, map), 30);
}

TEST(Prediction, DifferenceLayerMatchesItsBaseline) {
    const QImage image = renderPrediction(Layer::Difference, 3, 2);
    ASSERT_FALSE(image.isNull());
    const auto cmp = test::compareWithBaseline(image, "map_prediction_difference_r3_d2");
    EXPECT_TRUE(cmp.sameSize && cmp.differingFraction <= 0.005) << cmp.message.toStdString();
    // The diverging colour bar (balance: blue to red through white) is drawn.
    EXPECT_GT(test::distinctColours(
                  image, QRect(kW * 80 / 100, kH * 16 / 100, kW * 2 / 100, kH * 70 / 100)),
              60);
}

TEST(Prediction, TheDifferenceLayerIsPredictionMinusTruth) {
    auto ds = std::make_shared<const DriftDataset>(
        DriftDataset::open(test::smallDatasetPath().toStdString()));
    SceneBuilder scene(ds);
    MapView view;
    view.setGrid(ds->grid(), ds->mask().values());
    Sample s = scene.load(5, 1);
    s.prediction = s.densityNext;
    for (float& x : s.prediction) x *= 1.5f;
    SceneOptions o;
    o.layer = Layer::Difference;
    scene.apply(view, s, o);
    const Grid& g = ds->grid();
    int checked = 0;
    for (int j = 0; j < g.ny; ++j) {
        for (int i = 0; i < g.nx; ++i) {
            const std::size_t c = static_cast<std::size_t>(j) * g.nx + i;
            if (!ds->mask().values()[c]) continue;
            const auto v = view.valueAt(g.lon(i), g.lat(j));
            ASSERT_TRUE(v.has_value());
            EXPECT_FLOAT_EQ(static_cast<float>(*v), 0.5f * s.densityNext[c]);
            ++checked;
        }
    }
    EXPECT_GT(checked, 100);
}

TEST(Prediction, MainWindowLoadsAModelAndShowsTheSampleMetrics) {
    MainWindow w;
    w.setAttribute(Qt::WA_DontShowOnScreen);
    w.show();
    ASSERT_TRUE(w.openDataset(test::smallDatasetPath()));
    EXPECT_EQ(w.predictor(), nullptr);
    ASSERT_TRUE(test::loadModelAndWait(w, test::tinyPredictionRun()));
    ASSERT_NE(w.predictor(), nullptr);
    const QString name = w.modelDescription();
    EXPECT_FALSE(name.isEmpty());
    EXPECT_TRUE(w.predictionPanel()->modelText().contains(name));
    auto* label = w.statusBar()->findChild<QLabel*>("modelLabel");
    ASSERT_NE(label, nullptr);
    EXPECT_TRUE(label->text().contains(name)) << label->text().toStdString();

    w.showSample(3, 2);
    ASSERT_TRUE(QTest::qWaitFor([&] { return w.currentPrediction() != nullptr; }, 30000));
    const SamplePrediction& shown = *w.currentPrediction();
    EXPECT_EQ(shown.release, 3);
    EXPECT_EQ(shown.day, 2);
    EXPECT_TRUE(w.mapView()->showingComparison());

    // The same maps scored with DriftMetricAccumulator give the values shown.
    SceneBuilder scene(std::make_shared<const DriftDataset>(
        DriftDataset::open(test::smallDatasetPath().toStdString())));
    const Sample s = scene.load(3, 2);
    const auto& ocean = w.dataset()->mask().values();
    const std::vector<float> predicted =
        w.predictor()->predict(*w.dataset(), s.density, s.date - w.dataset()->startDay());
    ASSERT_EQ(predicted.size(), shown.predicted.size());
    for (std::size_t c = 0; c < predicted.size(); ++c)
        ASSERT_FLOAT_EQ(predicted[c], shown.predicted[c]) << c;
    // The advection baseline: today's map moved one day by the currents.
    const std::vector<float> moved = w.predictor()->advection(*w.dataset())->advect(
        s.date - w.dataset()->startDay(), s.density);
    const CloudGeometry geometry(w.dataset()->grid(), ocean);
    DriftMetricAccumulator acc(ocean, &geometry), persistence(ocean, &geometry),
        advection(ocean, &geometry);
    acc.add(s.density.data(), predicted.data(), s.densityNext.data());
    persistence.add(s.density.data(), s.density.data(), s.densityNext.data());
    advection.add(s.density.data(), moved.data(), s.densityNext.data());
    const DriftMetricValues m = acc.value(), p = persistence.value(), a = advection.value();
    EXPECT_DOUBLE_EQ(shown.metrics.mse, m.mse);
    EXPECT_DOUBLE_EQ(shown.metrics.mae, m.mae);
    EXPECT_DOUBLE_EQ(shown.metrics.iou50, m.iou50);
    EXPECT_DOUBLE_EQ(shown.metrics.iou90, m.iou90);
    EXPECT_DOUBLE_EQ(shown.metrics.massError, m.massError);
    const PredictionPanel& panel = *w.predictionPanel();
    EXPECT_EQ(panel.metricText("mse"), QString::number(m.mse, 'e', 3));
    EXPECT_EQ(panel.metricText("mae"), QString::number(m.mae, 'e', 3));
    EXPECT_EQ(panel.metricText("iou50"), QString::number(m.iou50, 'f', 3));
    EXPECT_EQ(panel.metricText("iou90"), QString::number(m.iou90, 'f', 3));
    EXPECT_EQ(panel.metricText("massError"), QString::number(m.massError, 'e', 3));
    EXPECT_EQ(panel.metricText("mse", PredictionPanel::Persistence), QString::number(p.mse, 'e', 3));
    EXPECT_EQ(panel.metricText("iou50", PredictionPanel::Persistence),
              QString::number(p.iou50, 'f', 3));
    // The advection baseline's column, km metrics included.
    EXPECT_EQ(panel.metricText("mse", PredictionPanel::Advection), QString::number(a.mse, 'e', 3));
    EXPECT_EQ(panel.metricText("mae", PredictionPanel::Advection), QString::number(a.mae, 'e', 3));
    EXPECT_EQ(panel.metricText("iou50", PredictionPanel::Advection),
              QString::number(a.iou50, 'f', 3));
    EXPECT_EQ(panel.metricText("iou90", PredictionPanel::Advection),
              QString::number(a.iou90, 'f', 3));
    ASSERT_TRUE(a.km);
    EXPECT_EQ(panel.metricText("centreKm", PredictionPanel::Advection),
              formatMetric(Metric::CentreKm, a));
    EXPECT_TRUE(panel.metricText("centreKm", PredictionPanel::Advection).endsWith(" km"));
    EXPECT_EQ(panel.metricText("centreKm"), formatMetric(Metric::CentreKm, m));
    EXPECT_EQ(panel.metricText("spreadRatio", PredictionPanel::Advection),
              formatMetric(Metric::SpreadRatio, a));
    // The best of each row in bold, one column at most.
    for (const Metric metric : kAllMetrics) {
        const QString key = metricKey(metric);
        const int bold = panel.metricBold(key, PredictionPanel::Model) +
                         panel.metricBold(key, PredictionPanel::Persistence) +
                         panel.metricBold(key, PredictionPanel::Advection);
        EXPECT_LE(bold, 1) << key.toStdString();
    }
    EXPECT_EQ(panel.metricBold("mae", PredictionPanel::Advection),
              a.mae < m.mae && a.mae < p.mae);
    std::cout << "[          ] inference of one 32 x 64 sample at width 4: " << shown.seconds * 1e3
              << " ms\n";

    // The last day has no day t+1: no prediction, and the panel says why.
    w.showSample(3, w.dataset()->outputDays());
    EXPECT_EQ(w.currentPrediction(), nullptr);
    EXPECT_TRUE(panel.stateText().contains("last")) << panel.stateText().toStdString();
    EXPECT_FALSE(w.mapView()->showingComparison());

    // Another sample is predicted when shown.
    w.showSample(4, 0);
    ASSERT_TRUE(QTest::qWaitFor([&] { return w.currentPrediction() != nullptr; }, 30000));
    EXPECT_EQ(w.currentPrediction()->release, 4);

    w.unloadModel();
    EXPECT_EQ(w.predictor(), nullptr);
    EXPECT_EQ(w.currentPrediction(), nullptr);
    EXPECT_FALSE(w.mapView()->showingComparison());
    EXPECT_FALSE(label->text().contains(name));
    EXPECT_EQ(panel.metricText("mse"), "-");
}

TEST(Prediction, AModelThatCannotBeLoadedSaysWhy) {
    MainWindow w;
    w.setAttribute(Qt::WA_DontShowOnScreen);
    w.show();
    ASSERT_TRUE(w.openDataset(test::smallDatasetPath()));
    const QString bad = test::widgetTmp("not-a-model.pt");
    {
        QFile f(bad);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("this is not a checkpoint");
    }
    QString message;
    closeNextMessageBox(&message);
    QSignalSpy failed(&w, &MainWindow::modelLoadFailed);
    w.loadModel(bad);
    ASSERT_TRUE(failed.wait(30000));
    EXPECT_FALSE(message.isEmpty());
    EXPECT_TRUE(message.contains("not-a-model.pt")) << message.toStdString();
    EXPECT_EQ(w.predictor(), nullptr);
    QFile::remove(bad);
}
