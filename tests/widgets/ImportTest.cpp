// The explorer's way in for real data: the import dialogs show what they detect, an import runs
// off the GUI thread and its result opens in the window, over the imported currents.
#include <gtest/gtest.h>

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>
#include <set>

#include "CurrentsPreview.h"
#include "ImportActions.h"
#include "ImportCurrentsDialog.h"
#include "ImportTrajectoriesDialog.h"
#include "MainWindow.h"
#include "MapView.h"
#include "data/DriftDataset.h"
#include "model/ImportFixtures.h"

using namespace driftlab;

namespace {

QString fixture(const char* name) {
    return QString::fromStdString((test::importFixtures() / name).string());
}

QString scratch(const char* name) {
    const QDir dir(QDir::temp().filePath("driftlab-import-widget-test"));
    dir.mkpath(".");
    QFile::remove(dir.filePath(name));
    return dir.filePath(name);
}

// Accepts the next message box and keeps its text.
void acceptNextMessage(QString& text) {
    QTimer::singleShot(300, [&text] {
        for (QWidget* top : QApplication::topLevelWidgets())
            if (auto* box = qobject_cast<QMessageBox*>(top); box && box->isVisible()) {
                text = box->text();
                box->accept();
            }
    });
}

TEST(ImportDialogs, TheCurrentsDialogShowsWhatItFoundAndTakesOverrides) {
    ImportCurrentsDialog dialog;
    QSignalSpy done(&dialog, &ImportCurrentsDialog::detectionDone);
    dialog.setFiles(
        {fixture("nemo_grid_U.nc"), fixture("nemo_grid_V.nc"), fixture("nemo_mesh_mask.nc")});
    ASSERT_TRUE(done.wait(20000));
    EXPECT_TRUE(done.takeFirst().at(0).toBool());
    const QString s = dialog.summaryText();
    EXPECT_TRUE(s.contains("vozocrtx")) << s.toStdString();
    EXPECT_TRUE(s.contains("Arakawa C")) << s.toStdString();
    EXPECT_TRUE(s.contains("tmask")) << s.toStdString();
    EXPECT_TRUE(s.contains("2021-03-01")) << s.toStdString();
    EXPECT_TRUE(dialog.findChild<QPushButton*>() != nullptr);
    EXPECT_TRUE(dialog.currentsPath().endsWith("nemo_grid_U-currents.h5"));
    EXPECT_TRUE(dialog.datasetPath().endsWith("nemo_grid_U-dataset.h5"));
    // A name that is not in the files: the dialog says so instead of importing.
    auto* u = dialog.findChild<QLineEdit*>("importU");
    auto* v = dialog.findChild<QLineEdit*>("importV");
    ASSERT_TRUE(u && v);
    v->setText("vomecrty");
    QTest::keyClicks(u, "speed");
    ASSERT_TRUE(done.wait(20000));
    EXPECT_FALSE(done.takeFirst().at(0).toBool());
    EXPECT_TRUE(dialog.summaryText().contains("--u speed: no such variable"))
        << dialog.summaryText().toStdString();
    EXPECT_FALSE(dialog.detected());
    EXPECT_EQ(dialog.options().overrides.u, "speed");
}

// A real ROMS file (MET Norway's Nordic-4km): the dialog says which velocity, level, direction
// and why, and draws the first field as it will be imported, arrows over the land.
TEST(ImportDialogs, TheCurrentsDialogDrawsTheFirstFieldOfARealFile) {
    ImportCurrentsDialog dialog;
    dialog.resize(1100, 760);
    dialog.show();
    QSignalSpy done(&dialog, &ImportCurrentsDialog::detectionDone);
    dialog.setFiles({QString(DRIFTLAB_REAL_DATA) + "/roms-nordic/Nordic_subset_day1.nc"});
    ASSERT_TRUE(done.wait(30000));
    EXPECT_TRUE(done.takeFirst().at(0).toBool()) << dialog.summaryText().toStdString();
    const QString s = dialog.summaryText();
    EXPECT_TRUE(s.contains("velocity  3-D")) << s.toStdString();
    EXPECT_TRUE(s.contains("ubar / vbar (depth-averaged)")) << s.toStdString();
    EXPECT_TRUE(s.contains("rotated to east/north with angle in Nordic_subset_day1.nc"))
        << s.toStdString();
    const CurrentsPreview* preview = dialog.preview();
    ASSERT_NE(preview, nullptr);
    EXPECT_GT(preview->field().nx, 10);
    QApplication::processEvents();
    const QImage shot = dialog.grab().toImage();
    if (const char* dir = std::getenv("DRIFTLAB_SCREENSHOTS"))
        shot.save(QString(dir) + "/import-dialog-nordic.png");
    EXPECT_GT(preview->arrowCount(), 20);
    // Choosing the direction by hand detects again and is said.
    auto* direction = dialog.findChild<QComboBox*>("importDirection");
    ASSERT_NE(direction, nullptr);
    direction->setCurrentIndex(2);
    ASSERT_TRUE(done.wait(30000));
    EXPECT_TRUE(dialog.summaryText().contains("direction east / north (--direction)"))
        << dialog.summaryText().toStdString();
    EXPECT_EQ(dialog.options().overrides.gridRelative, std::optional<bool>(false));
}

TEST(ImportDialogs, TheTrajectoriesDialogShowsWhatTheFilesHold) {
    ImportTrajectoriesDialog dialog;
    QSignalSpy done(&dialog, &ImportTrajectoriesDialog::inspectionDone);
    dialog.setFiles({fixture("opendrift.nc")});
    ASSERT_TRUE(done.wait(20000));
    EXPECT_TRUE(done.takeFirst().at(0).toBool());
    const QString s = dialog.summaryText();
    EXPECT_TRUE(s.contains("OpenDrift")) << s.toStdString();
    EXPECT_TRUE(s.contains("particles 200")) << s.toStdString();
    EXPECT_TRUE(s.contains("stranded")) << s.toStdString();
    dialog.setGrid("/some/currents.h5");
    EXPECT_EQ(dialog.options().gridPath, "/some/currents.h5");
    EXPECT_FALSE(dialog.options().resolutionDeg.has_value());
}

TEST(ImportDialogs, ImportedCurrentsOpenAsADatasetOverThem) {
    MainWindow w;
    w.resize(1200, 800);
    w.show();
    QSignalSpy finished(w.imports(), &ImportActions::finished);
    GenerateOnCurrents g;
    g.releases = 24;
    g.particles = 200;
    g.outputDays = 3;
    g.threads = 2;
    const QString currents = scratch("med-currents.h5"), dataset = scratch("med-dataset.h5");
    w.imports()->runCurrentsImport({fixture("cmems_med.nc")}, {}, currents, g, dataset, false);
    ASSERT_TRUE(finished.wait(60000));
    const auto args = finished.takeFirst();
    ASSERT_TRUE(args.at(0).toBool()) << args.at(2).toString().toStdString();
    EXPECT_EQ(args.at(1).toString(), dataset);
    ASSERT_NE(w.dataset(), nullptr);
    EXPECT_EQ(w.dataset()->releaseCount(), 24);
    EXPECT_EQ(w.dataset()->grid().nx, 48);
    EXPECT_TRUE(QFile::exists(currents));
    // The map shows it: the ocean of the imported grid, its land corner, a density cloud.
    QTest::qWait(300);
    const QImage shot = w.grab().toImage();
    shot.save(scratch("imported-window.png"));
    const QImage map = w.mapView()->renderImage(600, 400);
    std::set<QRgb> colours;
    for (int y = 0; y < map.height(); y += 7)
        for (int x = 0; x < map.width(); x += 7) colours.insert(map.pixel(x, y));
    EXPECT_GT(colours.size(), 20u) << "the map looks empty";

    // Opening the currents file alone offers a dataset on it (declined here): the window keeps
    // what it shows.
    // (Opening runs a job first: the question comes when it ends, however long that takes.)
    QString question;
    QTimer poll;
    poll.setInterval(50);
    QObject::connect(&poll, &QTimer::timeout, [&question, &poll] {
        for (QWidget* top : QApplication::topLevelWidgets())
            if (auto* box = qobject_cast<QMessageBox*>(top); box && box->isVisible()) {
                question = box->text();
                poll.stop();
                box->button(QMessageBox::No)->click();
            }
    });
    poll.start();
    EXPECT_FALSE(w.openDataset(currents));
    EXPECT_TRUE(question.contains("holds currents and no releases")) << question.toStdString();
    EXPECT_EQ(w.dataset()->releaseCount(), 24);
}

TEST(ImportDialogs, ImportedTrajectoriesOpenAndABadFileSaysWhy) {
    MainWindow w;
    w.show();
    QSignalSpy finished(w.imports(), &ImportActions::finished);
    const QString out = scratch("opendrift-dataset.h5");
    w.imports()->runTrajectoryImport({fixture("opendrift.nc")}, {}, out, false);
    ASSERT_TRUE(finished.wait(60000));
    ASSERT_TRUE(finished.takeFirst().at(0).toBool());
    ASSERT_NE(w.dataset(), nullptr);
    EXPECT_EQ(w.dataset()->releaseCount(), 2);

    QString message;
    acceptNextMessage(message);
    w.imports()->runCurrentsImport({fixture("no_velocity.nc")}, {}, scratch("bad.h5"), {},
                                   scratch("bad-dataset.h5"), false);
    ASSERT_TRUE(finished.wait(60000));
    EXPECT_FALSE(finished.takeFirst().at(0).toBool());
    EXPECT_TRUE(message.contains("no velocity found")) << message.toStdString();
    EXPECT_FALSE(QFile::exists(scratch("bad.h5")));
    EXPECT_EQ(w.dataset()->releaseCount(), 2);  // the window keeps what it had
}

}  // namespace
