#include <gtest/gtest.h>

#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QMessageBox>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include "DatasetPanel.h"
#include "DayBar.h"
#include "LayerPanel.h"
#include "MainWindow.h"
#include "MapView.h"
#include "TestDataset.h"

using namespace driftlab;

namespace {}  // namespace

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
    QTimer::singleShot(300, [&message] {
        for (QWidget* top : QApplication::topLevelWidgets()) {
            if (auto* box = qobject_cast<QMessageBox*>(top); box && box->isVisible()) {
                message = box->text();
                box->accept();
            }
        }
    });
    EXPECT_FALSE(w.openDataset(bad));
    EXPECT_TRUE(message.contains("not an HDF5 file")) << message.toStdString();
    ASSERT_NE(w.dataset(), nullptr);  // the dataset that was open is still open
    EXPECT_EQ(w.dataset()->releaseCount(), 12);
    QFile::remove(bad);

    // A damaged dataset whose metadata crashes libhdf5 (tests/reliability/data): a dialog, and
    // the window goes on with what it had (before the child check the window died here).
    message.clear();
    QTimer::singleShot(300, [&message] {
        for (QWidget* top : QApplication::topLevelWidgets()) {
            if (auto* box = qobject_cast<QMessageBox*>(top); box && box->isVisible()) {
                message = box->text();
                box->accept();
            }
        }
    });
    EXPECT_FALSE(w.openDataset(QStringLiteral(DRIFTLAB_RELIABILITY_DATA) +
                               "/hdf5-crash-attribute.h5"));
    EXPECT_TRUE(message.contains("damaged")) << message.toStdString();
    EXPECT_TRUE(message.contains("hdf5-crash-attribute.h5")) << message.toStdString();
    ASSERT_NE(w.dataset(), nullptr);
    EXPECT_EQ(w.dataset()->releaseCount(), 12);
}
