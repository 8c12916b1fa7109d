// Side-by-side comparison and forecasts in the explorer: the truth | prediction pair matches its
// baseline with one colour range and linked views; a rollout shows the dataset's simulated maps
// beside the model's own rollout (equal to Predictor::rolloutFrom) with one metric point per
// day; a click-to-release simulates with the engine (equal to simulateCustomRelease), draws its
// particles, is refused on land and outside the domain; forecasts and views export to files.
#include <gtest/gtest.h>

#include <QApplication>
#include <QCheckBox>
#include <QContextMenuEvent>
#include <QDockWidget>
#include <QFile>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <QWheelEvent>
#include <cmath>
#include <iostream>

#include "DayBar.h"
#include "Forecast.h"
#include "ForecastController.h"
#include "ForecastPanel.h"
#include "ImageCheck.h"
#include "MainWindow.h"
#include "MapView.h"
#include "PlotView.h"
#include "SceneBuilder.h"
#include "TestDataset.h"
#include "TestModel.h"
#include "ViewExporter.h"
#include "data/DatasetError.h"
#include "drift/AdvectionBaseline.h"
#include "jobs/CustomRelease.h"
#include "jobs/DatasetSimulation.h"
#include "core/JobControl.h"
#include "learn/Predictor.h"

using namespace driftlab;

namespace {

constexpr int kW = 1400, kH = 520;

std::shared_ptr<const DriftDataset> smallDataset() {
    return std::make_shared<const DriftDataset>(
        DriftDataset::open(test::smallDatasetPath().toStdString()));
}

// The centre of the first cell that is (or is not) ocean, away from the grid's edge.
std::pair<double, double> cellCentre(const DriftDataset& ds, bool ocean) {
    const Grid& g = ds.grid();
    for (int j = 2; j < g.ny - 2; ++j)
        for (int i = 2; i < g.nx - 2; ++i)
            if ((ds.mask().values()[static_cast<std::size_t>(j) * g.nx + i] != 0) == ocean)
                return {g.lon(i), g.lat(j)};
    return {NAN, NAN};
}

std::unique_ptr<MainWindow> windowWithModel() {
    auto w = std::make_unique<MainWindow>();
    w->setAttribute(Qt::WA_DontShowOnScreen);
    w->resize(1400, 850);
    w->show();
    EXPECT_TRUE(w->openDataset(test::smallDatasetPath()));
    EXPECT_TRUE(test::loadModelAndWait(*w, test::tinyPredictionRun()));
    return w;
}


}  // namespace

TEST(Forecast, SideBySideTruthAndPredictionMatchesItsBaseline) {
    auto ds = smallDataset();
    SceneBuilder scene(ds);
    MapView left, right;
    for (MapView* v : {&left, &right}) {
        v->setAttribute(Qt::WA_DontShowOnScreen);
        v->resize(kW / 2, kH);
        v->show();
    }
    QApplication::processEvents();
    left.setGrid(ds->grid(), ds->mask().values());
    right.setGrid(ds->grid(), ds->mask().values());
    Sample s = scene.load(3, 2);
    // The picture is about drawing, not about a model: "predict" persistence (day t for t+1), a
    // map that differs from the truth and does not depend on training numerics.
    s.prediction = s.density;
    SceneOptions o;
    o.datasetRange = false;  // the range of the pair itself: the larger peak of the two maps
    scene.applyComparison(left, right, scene.comparisonOf(s), o);
    // One colour range for both, from the larger peak.
    EXPECT_EQ(left.scalarRange(), right.scalarRange());
    const float peak = std::max(*std::max_element(s.densityNext.begin(), s.densityNext.end()),
                                *std::max_element(s.prediction.begin(), s.prediction.end()));
    EXPECT_FLOAT_EQ(static_cast<float>(left.scalarRange().second), peak);
    // The left view shows the truth of day t+1, the right one the prediction.
    const Grid& g = ds->grid();
    int checked = 0;
    for (int j = 0; j < g.ny; j += 3) {
        for (int i = 0; i < g.nx; i += 3) {
            const std::size_t c = static_cast<std::size_t>(j) * g.nx + i;
            if (!ds->mask().values()[c]) continue;
            EXPECT_FLOAT_EQ(static_cast<float>(*left.valueAt(g.lon(i), g.lat(j))),
                            s.densityNext[c]);
            EXPECT_FLOAT_EQ(static_cast<float>(*right.valueAt(g.lon(i), g.lat(j))),
                            s.prediction[c]);
            ++checked;
        }
    }
    EXPECT_GT(checked, 20);
    ASSERT_TRUE(left.renderNow() && right.renderNow()) << "no OpenGL context";
    const QImage image =
        joinSideBySide(left.renderImage(kW / 2, kH), right.renderImage(kW / 2, kH));
    ASSERT_EQ(image.width(), kW);
    const auto cmp = test::compareWithBaseline(image, "map_side_by_side_r3_d2");
    EXPECT_TRUE(cmp.sameSize && cmp.differingFraction <= 0.005) << cmp.message.toStdString();
    // Both halves carry both contour sets (truth black, prediction orange) and a colour bar.
    for (int half = 0; half < 2; ++half) {
        const QRect area(half * kW / 2 + kW / 20, kH / 10, kW * 7 / 20, kH * 8 / 10);
        EXPECT_GT(test::countColour(image, qRgb(255, 115, 0), 40, area), 20) << half;
        EXPECT_GT(test::countColour(image, qRgb(0, 0, 0), 10, area), 20) << half;
        EXPECT_GT(test::distinctColours(image, QRect(half * kW / 2 + kW * 43 / 100, kH * 16 / 100,
                                                     kW * 2 / 100, kH * 70 / 100)),
                  40)
            << half;
    }
}

TEST(Forecast, SideBySideViewsPanAndZoomTogether) {
    MainWindow w;
    w.setAttribute(Qt::WA_DontShowOnScreen);
    w.resize(1400, 850);
    w.show();
    ASSERT_TRUE(w.openDataset(test::smallDatasetPath()));
    w.setSideBySide(true);
    QApplication::processEvents();
    EXPECT_TRUE(w.compareView()->isVisible());
    MapView* a = w.mapView();
    MapView* b = w.compareView();
    const ViewState before = b->viewState();
    // Zoom in on the left view with the wheel; the right one follows.
    const QPointF at(a->width() / 3.0, a->height() / 2.0);
    QWheelEvent wheel(at, a->mapToGlobal(at), QPoint(), QPoint(0, 240), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(a, &wheel);
    const ViewState zoomed = a->viewState();
    EXPECT_LT(zoomed.halfHeight, before.halfHeight * 0.9);
    EXPECT_DOUBLE_EQ(b->viewState().halfHeight, zoomed.halfHeight);
    EXPECT_DOUBLE_EQ(b->viewState().centreX, zoomed.centreX);
    // Drag the right view; the left one follows.
    QTest::mousePress(b, Qt::LeftButton, Qt::NoModifier, QPoint(200, 200));
    QTest::mouseMove(b, QPoint(260, 230));
    QTest::mouseRelease(b, Qt::LeftButton, Qt::NoModifier, QPoint(260, 230));
    EXPECT_NE(b->viewState().centreX, zoomed.centreX);
    EXPECT_DOUBLE_EQ(a->viewState().centreX, b->viewState().centreX);
    EXPECT_DOUBLE_EQ(a->viewState().centreY, b->viewState().centreY);
    // Without a model the right view says how to get one.
    w.showSample(3, 2);
    w.setSideBySide(false);
    EXPECT_FALSE(w.compareView()->isVisible());
}

TEST(Forecast, RolloutShowsTheSimulationBesideTheModelsOwnRollout) {
    auto w = windowWithModel();
    ASSERT_NE(w->predictor(), nullptr);
    QString why;
    ASSERT_TRUE(w->startRollout(3, &why)) << why.toStdString();
    ASSERT_TRUE(test::waitForForecast(*w));
    EXPECT_TRUE(w->showingForecast());
    EXPECT_TRUE(w->sideBySide());
    const Forecast& f = *w->forecastController()->forecast();
    const DriftDataset& ds = *w->dataset();
    ASSERT_EQ(f.days, ds.outputDays());
    // The simulated maps are the dataset's; the model's are its own rollout from day 0.
    std::vector<float> map;
    for (int d = 0; d <= f.days; ++d) {
        ds.readDensity(3, d, map);
        ASSERT_EQ(f.simulated[d], map) << d;
    }
    const auto expected =
        w->predictor()->rolloutFrom(f.simulated[0], ds, ds.releases()[3].spec.day, f.days, {});
    for (int d = 0; d <= f.days; ++d) {
        ASSERT_EQ(f.predicted[d].size(), expected[d].size());
        for (std::size_t c = 0; c < expected[d].size(); ++c)
            ASSERT_FLOAT_EQ(f.predicted[d][c], expected[d][c]) << d << " " << c;
    }
    // One metric point per day for the model, persistence and the advection baseline, which is
    // rolled out from the same day 0.
    PlotView* plot = w->forecastPanel()->plot();
    EXPECT_EQ(plot->points("model rollout").size(), f.days);
    EXPECT_EQ(plot->points("persistence (day 0 held)").size(), f.days);
    EXPECT_EQ(plot->points("advection baseline").size(), f.days);
    ASSERT_EQ(static_cast<int>(f.advected.size()), f.days + 1);
    EXPECT_EQ(f.advected[0], f.simulated[0]);
    const auto baseline = w->predictor()->advection(ds);
    const std::vector<float> day1 = baseline->advect(ds.releases()[3].spec.day, f.simulated[0]);
    for (std::size_t c = 0; c < day1.size(); ++c) ASSERT_FLOAT_EQ(f.advected[1][c], day1[c]) << c;
    // Day 1 was shown as soon as it existed, then the day bar moves through the days.
    EXPECT_TRUE(w->forecastPanel()->statusText().contains("Day 1 shown"))
        << w->forecastPanel()->statusText().toStdString();
    QSignalSpy shown(w.get(), &MainWindow::forecastShown);
    w->dayBar()->setDay(4);
    ASSERT_GE(shown.count(), 1);
    EXPECT_EQ(shown.last().at(0).toInt(), 4);
    const Grid& g = ds.grid();
    const auto [lon, lat] = cellCentre(ds, true);
    const int i = static_cast<int>((lon - g.lonMin) / g.dLon),
              j = static_cast<int>((lat - g.latMin) / g.dLat);
    const std::size_t c = static_cast<std::size_t>(j) * g.nx + i;
    EXPECT_FLOAT_EQ(static_cast<float>(*w->mapView()->valueAt(lon, lat)), f.simulated[4][c]);
    EXPECT_FLOAT_EQ(static_cast<float>(*w->compareView()->valueAt(lon, lat)), f.predicted[4][c]);

    // Saved as a forecast file (a job: the file is there when it ends): written, and not
    // mistaken for a dataset.
    const QString out =
        test::widgetTmp(QString("rollout-%1.h5").arg(QCoreApplication::applicationPid()));
    QSignalSpy saved(w->viewExporter(), &ViewExporter::finished);
    ASSERT_TRUE(w->saveForecast(out, &why)) << why.toStdString();
    ASSERT_TRUE(saved.wait(30000));
    EXPECT_TRUE(saved.first().at(0).toBool()) << saved.first().at(2).toString().toStdString();
    EXPECT_GT(QFile(out).size(), 1000);
    QFile::remove(out);

    // Choosing a release in the dataset panel goes back to the samples.
    w->showSample(4, 1);
    EXPECT_FALSE(w->showingForecast());
    w->closeForecast();
    EXPECT_EQ(w->forecastController()->forecast(), nullptr);
}

TEST(Forecast, ClickToReleaseSimulatesWithTheEngineAndDrawsParticles) {
    MainWindow w;
    w.setAttribute(Qt::WA_DontShowOnScreen);
    w.resize(1400, 850);
    w.show();
    ASSERT_TRUE(w.openDataset(test::smallDatasetPath()));
    const DriftDataset& ds = *w.dataset();
    const auto [lon, lat] = cellCentre(ds, true);
    ReleaseSpec spec;
    spec.lon = lon;
    spec.lat = lat;
    spec.day = 3;
    spec.radiusKm = 12;
    spec.particles = 800;
    QString why;
    ASSERT_TRUE(w.releaseAt(spec, true, &why)) << why.toStdString();
    ASSERT_TRUE(test::waitForForecast(w));
    const Forecast& f = *w.forecastController()->forecast();
    EXPECT_FALSE(f.hasModel());
    // The same as the engine's simulation of that release.
    const CurrentFields fields = ds.readAllCurrents();
    const ReleaseResult r =
        simulateCustomRelease(fields, datasetSimulation(ds), spec, kCustomReleaseStream, true);
    ASSERT_EQ(f.simulated.size(), r.maps.size());
    for (std::size_t d = 0; d < r.maps.size(); ++d) ASSERT_EQ(f.simulated[d], r.maps[d]) << d;
    EXPECT_EQ(f.placed, r.placed);
    EXPECT_GT(f.placed, 700);
    // Particles on demand: drawn on the simulation's view only.
    ASSERT_EQ(static_cast<int>(f.particleLon.size()), f.days + 1);
    EXPECT_EQ(w.mapView()->particleCount(), 0);
    auto* box = w.forecastPanel()->findChild<QCheckBox*>();
    ASSERT_NE(box, nullptr);
    box->setChecked(true);
    EXPECT_EQ(w.mapView()->particleCount(),
              static_cast<int>(f.particleLon[w.dayBar()->day()].size()));
    EXPECT_GT(w.mapView()->particleCount(), 0);
    EXPECT_EQ(w.compareView()->particleCount(), 0);

    // A .vti of the view holds the fields and the density.
    const QString vti =
        test::widgetTmp(QString("view-%1.vti").arg(QCoreApplication::applicationPid()));
    QSignalSpy saved(w.viewExporter(), &ViewExporter::finished);
    ASSERT_TRUE(w.saveViewVti(vti, &why)) << why.toStdString();
    ASSERT_TRUE(saved.wait(30000));
    EXPECT_TRUE(saved.first().at(0).toBool()) << saved.first().at(2).toString().toStdString();
    QFile file(vti);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray head = file.read(4096);
    EXPECT_TRUE(head.contains("ImageData"));
    EXPECT_TRUE(head.contains("Name=\"density\""));
    EXPECT_TRUE(head.contains("Name=\"speed\""));
    file.close();
    QFile::remove(vti);
}

TEST(Forecast, ClickToReleaseWithAModelRollsItOut) {
    auto w = windowWithModel();
    const DriftDataset& ds = *w->dataset();
    const auto [lon, lat] = cellCentre(ds, true);
    ReleaseSpec spec;
    spec.lon = lon;
    spec.lat = lat;
    spec.day = 1;
    spec.radiusKm = 10;
    spec.particles = 500;
    ASSERT_TRUE(w->releaseAt(spec, false));
    ASSERT_TRUE(test::waitForForecast(*w));
    const Forecast& f = *w->forecastController()->forecast();
    ASSERT_TRUE(f.hasModel());
    EXPECT_TRUE(f.particleLon.empty());
    const auto expected = w->predictor()->rolloutFrom(f.simulated[0], ds, spec.day, f.days, {});
    for (int d = 1; d <= f.days; ++d)
        for (std::size_t c = 0; c < expected[d].size(); c += 7)
            ASSERT_FLOAT_EQ(f.predicted[d][c], expected[d][c]) << d;
    EXPECT_GT(f.firstDayMs, 0);
    std::cout << "[          ] click-to-release on the small dataset: day 1 ready after "
              << f.firstDayMs << " ms, all days after " << f.totalMs << " ms\n";
}

TEST(Forecast, ReleasesOnLandOrOutsideTheDomainAreRefused) {
    MainWindow w;
    w.setAttribute(Qt::WA_DontShowOnScreen);
    w.show();
    ASSERT_TRUE(w.openDataset(test::smallDatasetPath()));
    const DriftDataset& ds = *w.dataset();
    const auto [landLon, landLat] = cellCentre(ds, false);
    ASSERT_TRUE(std::isfinite(landLon)) << "the small dataset has no land cell";
    ReleaseSpec spec;
    spec.lon = landLon;
    spec.lat = landLat;
    spec.day = 0;
    QString why;
    EXPECT_FALSE(w.releaseAt(spec, false, &why));
    EXPECT_TRUE(why.contains("on land")) << why.toStdString();
    EXPECT_EQ(w.forecastController()->forecast(), nullptr);
    spec.lon = ds.grid().lonMax() + 1.0;
    spec.lat = ds.grid().latMin + 0.5;
    EXPECT_FALSE(w.releaseAt(spec, false, &why));
    EXPECT_TRUE(why.contains("outside")) << why.toStdString();
    // A start too late for all output days to have currents.
    const auto [lon, lat] = cellCentre(ds, true);
    spec.lon = lon;
    spec.lat = lat;
    spec.day = ds.currentDays();
    EXPECT_FALSE(w.releaseAt(spec, false, &why));
    EXPECT_TRUE(why.contains("between")) << why.toStdString();
    // A rollout needs a model.
    EXPECT_FALSE(w.startRollout(0, &why));
    EXPECT_TRUE(why.contains("model")) << why.toStdString();
    EXPECT_FALSE(w.showingForecast());
}

namespace {

// Reads the actions of the next popup menu (text, enabled) and closes it.
void readNextMenu(QList<QPair<QString, bool>>* items) {
    auto* timer = new QTimer;
    timer->setInterval(50);
    QObject::connect(timer, &QTimer::timeout, [timer, items] {
        for (QWidget* top : QApplication::topLevelWidgets()) {
            if (auto* menu = qobject_cast<QMenu*>(top); menu && menu->isVisible()) {
                for (QAction* a : menu->actions())
                    if (!a->isSeparator()) items->append({a->text(), a->isEnabled()});
                menu->close();
                timer->deleteLater();
                return;
            }
        }
    });
    timer->start();
}

}  // namespace

TEST(Forecast, RightClickOffersAReleaseOnTheOceanAndSaysWhyNotOnLand) {
    MainWindow w;
    w.setAttribute(Qt::WA_DontShowOnScreen);
    w.resize(1400, 850);
    w.show();
    ASSERT_TRUE(w.openDataset(test::smallDatasetPath()));
    QApplication::processEvents();
    MapView* map = w.mapView();
    // A right click maps to the geographic point under the mouse: at the widget's centre, the
    // camera's centre.
    QSignalSpy asked(map, &MapView::contextMenuRequestedAt);
    QList<QPair<QString, bool>> items;
    readNextMenu(&items);
    const QPoint centre(map->width() / 2, map->height() / 2);
    QContextMenuEvent event(QContextMenuEvent::Mouse, centre, map->mapToGlobal(centre));
    QApplication::sendEvent(map, &event);
    ASSERT_EQ(asked.count(), 1);
    const ViewState v = map->viewState();
    const Grid& g = w.dataset()->grid();
    const double kx = std::cos(0.5 * (g.latMin + g.latMax()) * M_PI / 180.0);
    // Within a few pixels (the widget's integer centre; the view may have been resized since it
    // was framed).
    const double perPixel = 2.0 * v.halfHeight / map->height();
    EXPECT_NEAR(asked[0][0].toDouble() * kx, v.centreX, 3 * perPixel);
    EXPECT_NEAR(asked[0][1].toDouble(), v.centreY, 3 * perPixel);
    ASSERT_FALSE(items.isEmpty());

    // On the ocean the menu offers the release; on land it is disabled and says why.
    const auto [lon, lat] = cellCentre(*w.dataset(), true);
    items.clear();
    readNextMenu(&items);
    emit map->contextMenuRequestedAt(lon, lat, map->mapToGlobal(centre));
    ASSERT_GE(items.size(), 2);
    EXPECT_TRUE(items[0].first.contains("Release Particles Here"));
    EXPECT_TRUE(items[0].second);
    const auto [landLon, landLat] = cellCentre(*w.dataset(), false);
    items.clear();
    readNextMenu(&items);
    emit map->contextMenuRequestedAt(landLon, landLat, map->mapToGlobal(centre));
    ASSERT_GE(items.size(), 3);
    EXPECT_TRUE(items[0].first.contains("Release Particles Here"));
    EXPECT_FALSE(items[0].second);
    EXPECT_TRUE(items[1].first.contains("on land")) << items[1].first.toStdString();
    // Without a model there is no rollout to offer.
    EXPECT_FALSE(items.back().second);
}
