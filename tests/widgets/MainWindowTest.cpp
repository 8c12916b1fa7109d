#include <gtest/gtest.h>

#include <QApplication>
#include <QCheckBox>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <cstdlib>

#include "DatasetPanel.h"
#include "DayBar.h"
#include "Forecast.h"
#include "ForecastController.h"
#include "LayerPanel.h"
#include "MainWindow.h"
#include "MapSplit.h"
#include "MapView.h"
#include "TestDataset.h"
#include "TestModel.h"
#include "ViewExporter.h"

using namespace driftlab;

namespace {

// Closes the next message box that shows, keeping its text (opening a file runs a job first:
// the box comes when it ends, however long that takes).
void closeNextMessageBox(QString* text) {
    auto* timer = new QTimer;
    timer->setInterval(50);
    QObject::connect(timer, &QTimer::timeout, [timer, text] {
        for (QWidget* top : QApplication::topLevelWidgets()) {
            if (auto* box = qobject_cast<QMessageBox*>(top); box && box->isVisible()) {
                *text = box->text();
                box->accept();
                timer->deleteLater();
                return;
            }
        }
    });
    timer->start();
}

// Starts a new release (no model needed) at the first ocean cell away from the edge.
std::pair<bool, QString> forecastSpec(MainWindow& w, ReleaseSpec& spec) {
    const DriftDataset& ds = *w.dataset();
    const Grid& g = ds.grid();
    for (int j = 2; j < g.ny - 2; ++j)
        for (int i = 2; i < g.nx - 2; ++i)
            if (ds.mask().values()[static_cast<std::size_t>(j) * g.nx + i] != 0) {
                spec.lon = g.lon(i);
                spec.lat = g.lat(j);
                spec.day = 2;
                spec.radiusKm = 12;
                spec.particles = 400;
                QString why;
                const bool ok = w.releaseAt(spec, false, &why);
                return {ok, why};
            }
    return {false, "no ocean cell"};
}


}  // namespace

TEST(MainWindow, OpensADatasetAndShowsTheFirstRelease) {
    MainWindow w;
    w.show();
    ASSERT_TRUE(w.openDataset(test::smallDatasetPath()));
    ASSERT_NE(w.dataset(), nullptr);
    EXPECT_EQ(w.currentRelease(), 0);
    EXPECT_EQ(w.currentDay(), 0);
    EXPECT_EQ(w.datasetPanel()->table()->model()->rowCount(), 12);
}

TEST(MainWindow, KeysAndClicksChangeTheSample) {
    MainWindow w;
    w.show();
    // Xvfb has no window manager to activate the window: do it the way one would.
    w.activateWindow();
    QApplication::setActiveWindow(&w);
    ASSERT_TRUE(QTest::qWaitForWindowActive(&w)) << "window never became active";
    ASSERT_TRUE(w.openDataset(test::smallDatasetPath()));
    QTableView* table = w.datasetPanel()->table();
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Down);
    EXPECT_EQ(w.currentRelease(), 1);
    QTest::keyClick(table, Qt::Key_Right);  // the day shortcut works from anywhere in the window
    EXPECT_EQ(w.currentDay(), 1);
    QTest::keyClick(w.mapView(), Qt::Key_Right);
    QTest::keyClick(w.mapView(), Qt::Key_Right);
    EXPECT_EQ(w.currentDay(), 3);
    QTest::keyClick(w.mapView(), Qt::Key_Left);
    EXPECT_EQ(w.currentDay(), 2);
    // A click on another row shows that release.
    const QModelIndex row5 = table->model()->index(5, 0);
    table->scrollTo(row5);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(row5).center());
    EXPECT_EQ(w.currentRelease(), 5);
    // Space plays, and the animation moves the day on.
    QTest::keyClick(w.mapView(), Qt::Key_Space);
    EXPECT_TRUE(w.dayBar()->playing());
    const int before = w.currentDay();
    QTest::qWait(1300);
    // Pause with the play / pause button (a click needs no active window; under Xvfb, with no
    // window manager, the window does not stay active while the animation redraws).
    auto* playButton = w.dayBar()->findChild<QToolButton*>();
    ASSERT_NE(playButton, nullptr);
    QTest::mouseClick(playButton, Qt::LeftButton);
    EXPECT_TRUE(QTest::qWaitFor([&] { return !w.dayBar()->playing(); }, 2000));
    EXPECT_NE(w.currentDay(), before);
}

TEST(MainWindow, TheStreamlinesBoxDrawsTheCurrentsAsStreamlines) {
    MainWindow w;
    w.show();
    ASSERT_TRUE(w.openDataset(test::smallDatasetPath()));
    auto* box = w.layerPanel()->findChild<QCheckBox*>("streamlines");
    ASSERT_NE(box, nullptr);
    box->setChecked(false);
    EXPECT_EQ(w.mapView()->streamlineCount(), 0);
    box->click();
    EXPECT_TRUE(w.layerPanel()->options().streamlines);
    EXPECT_GE(w.mapView()->streamlineCount(), 10);
    // Another sample, other currents: the lines follow them.
    w.showSample(5, 3);
    EXPECT_GE(w.mapView()->streamlineCount(), 10);
    box->click();
    EXPECT_EQ(w.mapView()->streamlineCount(), 0);
}

// The map shows the whole domain at the size the layout gives it, also after the window is
// resized, until the user pans or zooms.
TEST(MainWindow, TheMapFramesTheDomainAtItsSize) {
    MainWindow w;
    w.resize(1400, 850);
    w.show();
    ASSERT_TRUE(w.openDataset(test::smallDatasetPath()));
    const auto expectFitted = [&](const char* when) {
        QApplication::processEvents();
        const ViewState shown = w.mapView()->viewState();
        w.mapView()->resetView();
        const ViewState fitted = w.mapView()->viewState();
        EXPECT_NEAR(shown.halfHeight, fitted.halfHeight, 1e-9) << when;
        EXPECT_NEAR(shown.centreX, fitted.centreX, 1e-9) << when;
        EXPECT_NEAR(shown.centreY, fitted.centreY, 1e-9) << when;
    };
    expectFitted("after opening");
    w.resize(1000, 900);
    expectFitted("after a resize");
    // Zoomed in by the user: a resize keeps the user's view.
    QTest::keyClick(w.mapView(), Qt::Key_Plus);
    const double zoomed = w.mapView()->viewState().halfHeight;
    w.resize(1300, 800);
    QApplication::processEvents();
    EXPECT_NEAR(w.mapView()->viewState().halfHeight, zoomed, 1e-9);
}

// Side by side on a laptop screen and on a larger one: the two maps share the central area in
// the split that gives each the larger map (a wide basin: one above the other), in two equal
// halves, and each map fills a good part of its view, not a strip between white bands.
TEST(MainWindow, SideBySideMapsFillTheirViews) {
    QSettings().remove("window");
    for (const QSize size : {QSize(1366, 768), QSize(1400, 850), QSize(1920, 1080)}) {
        SCOPED_TRACE(testing::Message() << size.width() << " x " << size.height());
        MainWindow w;
        w.resize(size);
        w.show();
        ASSERT_TRUE(w.openDataset(test::smallDatasetPath()));
        w.setSideBySide(true);
        for (int k = 0; k < 3; ++k) QApplication::processEvents();
        MapView* a = w.mapView();
        MapView* b = w.compareView();
        ASSERT_TRUE(b->isVisible());
        EXPECT_LE(std::abs(a->width() - b->width()) + std::abs(a->height() - b->height()), 2);
        const auto share = [](MapView* v, QSize view) {
            const QRectF r = v->fittedMapRect(view);
            return r.width() * r.height() / (double(view.width()) * view.height());
        };
        // About a fifth before (white bands above and below, the colour bar beside); now the
        // map takes the half's width (the demo grid: 31 to 41 %).
        EXPECT_GE(share(a, a->size()), 0.30) << a->width() << " x " << a->height() << " px";
        // The other split would give each map no more.
        const QWidget* area = a->parentWidget();
        const Qt::Orientation split = a->y() != b->y() ? Qt::Vertical : Qt::Horizontal;
        const QSize other = halfOf(area->size(), 0, split == Qt::Vertical ? Qt::Horizontal
                                                                          : Qt::Vertical);
        const QRectF mine = a->fittedMapRect(a->size()), theirs = a->fittedMapRect(other);
        EXPECT_GE(mine.width() * mine.height(), 0.95 * theirs.width() * theirs.height());
    }
}

TEST(MainWindow, ABadFileSaysWhyAndKeepsTheWindowUsable) {
    MainWindow w;
    w.show();
    ASSERT_TRUE(w.openDataset(test::smallDatasetPath()));
    const QString bad = QDir(QDir::tempPath()).filePath("driftlab-not-a-dataset.h5");
    {
        QFile f(bad);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("definitely not HDF5\n");
    }
    QString message;
    closeNextMessageBox(&message);
    EXPECT_FALSE(w.openDataset(bad));
    EXPECT_TRUE(message.contains("not an HDF5 file")) << message.toStdString();
    ASSERT_NE(w.dataset(), nullptr);  // the dataset that was open is still open
    EXPECT_EQ(w.dataset()->releaseCount(), 12);
    QFile::remove(bad);

    // A damaged dataset whose metadata crashes libhdf5 (tests/reliability/data): a dialog, and
    // the window goes on with what it had (before the child check the window died here).
    message.clear();
    closeNextMessageBox(&message);
    EXPECT_FALSE(w.openDataset(QStringLiteral(DRIFTLAB_RELIABILITY_DATA) +
                               "/hdf5-crash-attribute.h5"));
    EXPECT_TRUE(message.contains("damaged")) << message.toStdString();
    EXPECT_TRUE(message.contains("hdf5-crash-attribute.h5")) << message.toStdString();
    ASSERT_NE(w.dataset(), nullptr);
    EXPECT_EQ(w.dataset()->releaseCount(), 12);
}

// Opening reads the file and its first sample off the GUI thread: the window's events go on
// meanwhile (a timer set before the call fires before it returns).
TEST(MainWindow, OpeningADatasetKeepsTheWindowResponsive) {
    MainWindow w;
    w.show();
    bool fired = false;
    QTimer::singleShot(0, &w, [&] { fired = true; });
    ASSERT_TRUE(w.openDataset(test::smallDatasetPath()));
    EXPECT_TRUE(fired);
    EXPECT_EQ(w.dataset()->releaseCount(), 12);
}

// At the default size the release table, which one browses, shows many rows (it showed four
// when the prediction dock was stacked below the layers).
TEST(MainWindow, TheReleaseTableShowsManyRows) {
    QSettings().remove("window");  // the first-start layout, whatever a test before saved
    MainWindow w;
    w.resize(1400, 850);
    w.show();
    ASSERT_TRUE(w.openDataset(test::smallDatasetPath()));
    QApplication::processEvents();
    QTableView* table = w.datasetPanel()->table();
    const int rowHeight = table->verticalHeader()->defaultSectionSize();
    const int rows = table->viewport()->height() / rowHeight;
    EXPECT_GE(rows, 10) << "viewport " << table->viewport()->height() << " px";
    // All 12 releases of the small dataset are on screen, the last one too.
    const QRect last = table->visualRect(table->model()->index(11, 0));
    EXPECT_TRUE(table->viewport()->rect().contains(last)) << last.y() << " px";
    // The prediction dock is a tab beside the layers, not a slice of the column.
    EXPECT_TRUE(w.tabifiedDockWidgets(w.predictionDock()).contains(
        w.findChild<QDockWidget*>("layerDock")));
}

// One view mode at a time; a new model or dataset resets it in one place: a forecast (made
// with the old ones) goes and the samples come back; the mean stays the mean.
TEST(MainWindow, ANewModelOrDatasetResetsTheViewMode) {
    MainWindow w;
    w.setAttribute(Qt::WA_DontShowOnScreen);
    w.resize(1400, 850);
    w.show();
    ASSERT_TRUE(w.openDataset(test::smallDatasetPath()));
    EXPECT_EQ(w.viewMode(), ViewMode::Sample);

    ReleaseSpec spec;
    const auto [started, why] = forecastSpec(w, spec);
    ASSERT_TRUE(started) << why.toStdString();
    ASSERT_TRUE(test::waitForForecast(w));
    EXPECT_EQ(w.viewMode(), ViewMode::Forecast);
    w.unloadModel();  // the model changed (to none): the forecast goes
    EXPECT_EQ(w.viewMode(), ViewMode::Sample);
    EXPECT_EQ(w.forecastController()->forecast(), nullptr);

    w.showMean(-1, -1);
    ASSERT_TRUE(QTest::qWaitFor([&] { return w.showingMean(); }, 60000));
    EXPECT_EQ(w.viewMode(), ViewMode::Mean);
    w.unloadModel();
    EXPECT_EQ(w.viewMode(), ViewMode::Mean);  // the mean is no model's
    w.showSample(2, 1);
    EXPECT_EQ(w.viewMode(), ViewMode::Sample);

    ASSERT_TRUE(forecastSpec(w, spec).first);
    ASSERT_TRUE(test::waitForForecast(w));
    EXPECT_TRUE(w.showingForecast());
    ASSERT_TRUE(w.openDataset(test::smallDatasetPath()));  // a dataset: the forecast goes too
    EXPECT_EQ(w.viewMode(), ViewMode::Sample);
    EXPECT_EQ(w.forecastController()->forecast(), nullptr);
    EXPECT_EQ(w.currentRelease(), 0);
}

// The exports are jobs: they start at once, show progress (a dialog with Cancel), keep the
// window responsive, refuse a second one meanwhile, and write the file when they end.
TEST(MainWindow, ExportsRunAsJobsWithProgress) {
    MainWindow w;
    w.setAttribute(Qt::WA_DontShowOnScreen);
    w.resize(1400, 850);
    w.show();
    ASSERT_TRUE(w.openDataset(test::smallDatasetPath()));
    w.showSample(3, 2);
    ViewExporter* exporter = w.viewExporter();
    QSignalSpy finished(exporter, &ViewExporter::finished);
    QSignalSpy progress(exporter, &ViewExporter::progress);
    const QString vti =
        test::widgetTmp(QString("job-view-%1.vti").arg(QCoreApplication::applicationPid()));
    QFile::remove(vti);
    bool responsive = false;
    QTimer::singleShot(0, &w, [&] { responsive = exporter->busy(); });
    QString why;
    ASSERT_TRUE(w.saveViewVti(vti, &why)) << why.toStdString();
    EXPECT_TRUE(exporter->busy());
    EXPECT_FALSE(w.findChildren<QProgressDialog*>().isEmpty());  // shown after 300 ms
    EXPECT_FALSE(w.saveViewVti(vti + ".2", &why));
    EXPECT_TRUE(why.contains("running")) << why.toStdString();
    ASSERT_TRUE(finished.wait(30000));
    EXPECT_TRUE(responsive);
    EXPECT_FALSE(exporter->busy());
    ASSERT_TRUE(finished.first().at(0).toBool()) << finished.first().at(2).toString().toStdString();
    EXPECT_EQ(finished.first().at(1).toString(), vti);
    QFile file(vti);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray head = file.read(4096);
    EXPECT_TRUE(head.contains("Name=\"density\""));
    EXPECT_TRUE(head.contains("Name=\"density_next\""));
    file.close();
    QFile::remove(vti);

    // Cancelled at once: nothing is written, and no error is shown.
    finished.clear();
    const QString cancelled = vti + ".cancelled.vti";
    ASSERT_TRUE(w.saveViewVti(cancelled, &why)) << why.toStdString();
    exporter->cancel();
    ASSERT_TRUE(finished.wait(30000));
    EXPECT_FALSE(finished.first().at(0).toBool());
    EXPECT_TRUE(finished.first().at(2).toString().isEmpty());
    EXPECT_FALSE(QFile::exists(cancelled));

    // The forecast file: a job too, from a copy (the forecast may close meanwhile).
    ReleaseSpec spec;
    ASSERT_TRUE(forecastSpec(w, spec).first);
    ASSERT_TRUE(test::waitForForecast(w));
    finished.clear();
    const QString h5 = vti + ".forecast.h5";
    ASSERT_TRUE(w.saveForecast(h5, &why)) << why.toStdString();
    w.closeForecast();
    ASSERT_TRUE(finished.wait(30000));
    EXPECT_TRUE(finished.first().at(0).toBool()) << finished.first().at(2).toString().toStdString();
    EXPECT_GT(QFile(h5).size(), 1000);
    QFile::remove(h5);
    EXPECT_FALSE(w.saveForecast(h5, &why));  // closed: nothing to save
    EXPECT_TRUE(why.contains("no forecast")) << why.toStdString();
}
