// The Evaluation panel: the width-4 test model (TestModel.h) scored on a split of the small
// test dataset in the panel gives the numbers of evaluateSplit (and of the metric functions),
// a table that sorts numerically and filters by release and day, rows that ask for their
// sample, a per-day plot, a cancel that leaves nothing, and a CSV export. In the main window:
// Ctrl+E, a row shows its sample, a new model or dataset clears the result, and Show error map
// puts the mean error beside the mean density (baseline image).
#include <gtest/gtest.h>

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QPushButton>
#include <QSignalSpy>
#include <QSplitter>
#include <QTableView>
#include <QTest>
#include <map>
#include <memory>

#include "DatasetPanel.h"
#include "EvaluationFilter.h"
#include "EvaluationPanel.h"
#include "EvaluationTableModel.h"
#include "ImageCheck.h"
#include "MainWindow.h"
#include "MapView.h"
#include "PlotView.h"
#include "TestDataset.h"
#include "TestModel.h"
#include "data/DriftDataset.h"
#include "core/JobControl.h"
#include "learn/Predictor.h"

using namespace driftlab;

namespace {

struct Sources {
    std::shared_ptr<const Predictor> predictor;
    std::shared_ptr<const DriftDataset> dataset;
};

Sources sources() {
    auto ds = std::make_shared<const DriftDataset>(
        DriftDataset::open(test::smallDatasetPath().toStdString()));
    auto p = std::make_shared<Predictor>(
        Predictor::load(test::tinyPredictionRun().toStdString(), ds.get()));
    p->setThreads(1);
    return {p, ds};
}

// Evaluates in the panel and waits for the end; true when there is a result.
bool evaluateIn(EvaluationPanel& panel) {
    QSignalSpy finished(&panel, &EvaluationPanel::finished);
    panel.evaluate();
    return finished.wait(120000) && panel.result() != nullptr;
}

std::vector<double> column(const EvaluationPanel& panel, int c) {
    std::vector<double> values;
    const auto* proxy = panel.filter();
    for (int row = 0; row < proxy->rowCount(); ++row)
        values.push_back(proxy->index(row, c).data(EvaluationTableModel::SortRole).toDouble());
    return values;
}

}  // namespace

TEST(EvaluationPanel, TheTableAndSummaryHoldTheValuesOfEvaluateSplit) {
    const Sources src = sources();
    EvaluationPanel panel;
    panel.setSources(src.predictor, src.dataset);
    panel.setSplit(Split::Test);
    ASSERT_TRUE(evaluateIn(panel)) << panel.stateText().toStdString();
    const EvaluationResult expected =
        evaluateSplit(*src.predictor, *src.dataset, Split::Test, 16, JobControl());
    const EvaluationResult& r = *panel.result();
    EXPECT_EQ(r.split, Split::Test);
    ASSERT_EQ(r.samples.size(), expected.samples.size());
    ASSERT_EQ(r.samples.size(), src.dataset->releasesInSplit(Split::Test).size() *
                                    static_cast<std::size_t>(src.dataset->outputDays()));

    const EvaluationTableModel& model = *panel.tableModel();
    ASSERT_EQ(model.rowCount(), static_cast<int>(expected.samples.size()));
    for (int row = 0; row < model.rowCount(); ++row) {
        const SampleMetrics& e = expected.samples[static_cast<std::size_t>(row)];
        auto cell = [&](int c, int role = Qt::DisplayRole) {
            return model.index(row, c).data(role);
        };
        EXPECT_EQ(cell(EvaluationTableModel::ReleaseColumn).toInt(), e.release);
        EXPECT_EQ(cell(EvaluationTableModel::DayColumn).toString(),
                  QString("%1 -> %2").arg(e.day).arg(e.day + 1));
        const QDate released =
            QDate(1970, 1, 1)
                .addDays(src.dataset->releases()[static_cast<std::size_t>(e.release)].date);
        EXPECT_EQ(cell(EvaluationTableModel::ReleasedColumn).toString(),
                  released.toString(Qt::ISODate));
        const int sort = EvaluationTableModel::SortRole;
        EXPECT_DOUBLE_EQ(cell(EvaluationTableModel::Mse, sort).toDouble(), e.model.mse);
        EXPECT_DOUBLE_EQ(cell(EvaluationTableModel::Mae, sort).toDouble(), e.model.mae);
        EXPECT_DOUBLE_EQ(cell(EvaluationTableModel::Iou50, sort).toDouble(), e.model.iou50);
        EXPECT_DOUBLE_EQ(cell(EvaluationTableModel::Iou90, sort).toDouble(), e.model.iou90);
        EXPECT_DOUBLE_EQ(cell(EvaluationTableModel::MassError, sort).toDouble(), e.model.massError);
        EXPECT_DOUBLE_EQ(cell(EvaluationTableModel::PersistenceMae, sort).toDouble(),
                         e.persistence.mae);
        EXPECT_DOUBLE_EQ(cell(EvaluationTableModel::PersistenceIou90, sort).toDouble(),
                         e.persistence.iou90);
        // Shown as the Prediction panel shows them.
        EXPECT_EQ(cell(EvaluationTableModel::Mae).toString(), QString::number(e.model.mae, 'e', 3));
        EXPECT_EQ(cell(EvaluationTableModel::Iou50).toString(),
                  QString::number(e.model.iou50, 'f', 3));
        EXPECT_EQ(cell(EvaluationTableModel::PersistenceMassError).toString(),
                  QString::number(e.persistence.massError, 'e', 3));
        EXPECT_EQ(cell(EvaluationTableModel::BeatsPersistence).toString(),
                  e.model.mae < e.persistence.mae ? "yes" : "no");
        EXPECT_NEAR(cell(EvaluationTableModel::MaeVsPersistence, sort).toDouble(),
                    e.model.mae / e.persistence.mae - 1.0, 1e-12);
        // The km metrics, the model's beside the baselines' (every sample here holds mass).
        ASSERT_TRUE(e.model.km && e.advection.km && e.persistence.km);
        EXPECT_DOUBLE_EQ(cell(EvaluationTableModel::CentreKm, sort).toDouble(), e.model.centreKm);
        EXPECT_DOUBLE_EQ(cell(EvaluationTableModel::SpreadRatio, sort).toDouble(),
                         e.model.spreadRatio);
        EXPECT_DOUBLE_EQ(cell(EvaluationTableModel::TransportKm, sort).toDouble(),
                         e.model.transportKm);
        EXPECT_DOUBLE_EQ(cell(EvaluationTableModel::FarMass, sort).toDouble(), e.model.farMass);
        EXPECT_DOUBLE_EQ(cell(EvaluationTableModel::AdvectionCentreKm, sort).toDouble(),
                         e.advection.centreKm);
        EXPECT_DOUBLE_EQ(cell(EvaluationTableModel::AdvectionSpreadRatio, sort).toDouble(),
                         e.advection.spreadRatio);
        EXPECT_DOUBLE_EQ(cell(EvaluationTableModel::PersistenceCentreKm, sort).toDouble(),
                         e.persistence.centreKm);
        EXPECT_EQ(cell(EvaluationTableModel::CentreKm).toString(),
                  formatMetric(Metric::CentreKm, e.model.centreKm));
    }
    EXPECT_EQ(model.headerData(EvaluationTableModel::AdvectionCentreKm, Qt::Horizontal,
                               Qt::DisplayRole)
                  .toString(),
              "Centre (km) adv.");

    // One sample scored by hand with the metric functions on the same maps.
    const SampleMetrics& s = r.samples[r.samples.size() / 2];
    const DriftDataset& ds = *src.dataset;
    std::vector<float> d, t;
    ds.readDensity(s.release, s.day, d);
    ds.readDensity(s.release, s.day + 1, t);
    const auto predicted = src.predictor->predict(
        ds, d, ds.releases()[static_cast<std::size_t>(s.release)].spec.day + s.day);
    DriftMetricAccumulator byHand(ds.mask().values()), persistence(ds.mask().values());
    byHand.add(d.data(), predicted.data(), t.data());
    persistence.add(d.data(), d.data(), t.data());
    EXPECT_NEAR(s.model.mae, byHand.value().mae, 1e-9);
    EXPECT_NEAR(s.model.iou50, byHand.value().iou50, 1e-9);
    EXPECT_NEAR(s.persistence.mse, persistence.value().mse, 1e-12);

    // The summary: the means, and on how many samples the model beats persistence.
    using S = EvaluationPanel::SummaryColumn;
    EXPECT_EQ(panel.summaryText(Metric::Mae, S::SummaryModel),
              QString::number(expected.model.mae, 'e', 3));
    EXPECT_EQ(panel.summaryText(Metric::Mae, S::SummaryPersistence),
              QString::number(expected.persistence.mae, 'e', 3));
    EXPECT_EQ(panel.summaryText(Metric::Iou90, S::SummaryModel),
              QString::number(expected.model.iou90, 'f', 3));
    // The numerical-advection baseline beside persistence.
    EXPECT_EQ(panel.summaryText(Metric::Mae, S::SummaryAdvection),
              QString::number(expected.advection.mae, 'e', 3));
    EXPECT_EQ(panel.summaryText(Metric::Iou50, S::SummaryAdvection),
              QString::number(expected.advection.iou50, 'f', 3));
    EXPECT_GT(expected.advection.mae, 0.0);
    int maeWins = 0, iouWins = 0;
    for (const SampleMetrics& e : expected.samples) {
        maeWins += e.model.mae < e.persistence.mae;
        iouWins += e.model.iou50 > e.persistence.iou50;
    }
    const int n = static_cast<int>(expected.samples.size());
    EXPECT_EQ(panel.summaryText(Metric::Mae, S::SummaryBeats),
              QString("%1 of %2").arg(maeWins).arg(n));
    EXPECT_EQ(panel.summaryText(Metric::Iou50, S::SummaryBeats),
              QString("%1 of %2").arg(iouWins).arg(n));
    EXPECT_TRUE(panel.stateText().contains(QString::number(n))) << panel.stateText().toStdString();
    EXPECT_TRUE(panel.resultDescription().contains("test"))
        << panel.resultDescription().toStdString();
}

TEST(EvaluationPanel, SortingIsNumericInBothDirections) {
    const Sources src = sources();
    EvaluationPanel panel;
    panel.setSources(src.predictor, src.dataset);
    ASSERT_TRUE(evaluateIn(panel));
    for (int c : {int(EvaluationTableModel::Mae), int(EvaluationTableModel::MassError),
                  int(EvaluationTableModel::PersistenceMse)}) {
        panel.sampleTable()->sortByColumn(c, Qt::AscendingOrder);
        const std::vector<double> up = column(panel, c);
        ASSERT_EQ(up.size(), panel.result()->samples.size());
        EXPECT_TRUE(std::is_sorted(up.begin(), up.end())) << c;
        EXPECT_LT(up.front(), up.back()) << c;
        // The text shown is in the same order (the numbers, not their spelling, are sorted).
        for (int row = 1; row < panel.filter()->rowCount(); ++row)
            EXPECT_LE(panel.filter()->index(row - 1, c).data().toString().toDouble(),
                      panel.filter()->index(row, c).data().toString().toDouble() * (1 + 1e-3))
                << c << " row " << row;
        panel.sampleTable()->sortByColumn(c, Qt::DescendingOrder);
        const std::vector<double> down = column(panel, c);
        EXPECT_TRUE(std::is_sorted(down.rbegin(), down.rend())) << c;
    }
    // By release: releases ascending, each release's days in order.
    panel.sampleTable()->sortByColumn(EvaluationTableModel::ReleaseColumn, Qt::AscendingOrder);
    for (int row = 0; row < panel.filter()->rowCount(); ++row) {
        const SampleMetrics* s = panel.tableModel()->sample(
            panel.filter()->mapToSource(panel.filter()->index(row, 0)).row());
        EXPECT_EQ(s, &panel.result()->samples[static_cast<std::size_t>(row)]);
    }
}

TEST(EvaluationPanel, TheFilterKeepsOnlyMatchingRows) {
    EXPECT_EQ(EvaluationFilter::parseReleases("3, 5-7 9"), (QSet<int>{3, 5, 6, 7, 9}));
    EXPECT_EQ(EvaluationFilter::parseReleases(" "), QSet<int>{});
    EXPECT_FALSE(EvaluationFilter::parseReleases("three").has_value());
    EXPECT_FALSE(EvaluationFilter::parseReleases("7-5").has_value());

    const Sources src = sources();
    EvaluationPanel panel;
    panel.setSources(src.predictor, src.dataset);
    ASSERT_TRUE(evaluateIn(panel));
    const auto& samples = panel.result()->samples;
    const int days = src.dataset->outputDays();
    const std::vector<int> releases = src.dataset->releasesInSplit(Split::Test);
    ASSERT_GE(releases.size(), 1u);
    const int r = releases.back();
    auto shownSamples = [&] {
        std::vector<const SampleMetrics*> out;
        for (int row = 0; row < panel.filter()->rowCount(); ++row)
            out.push_back(panel.tableModel()->sample(
                panel.filter()->mapToSource(panel.filter()->index(row, 0)).row()));
        return out;
    };

    panel.setReleaseFilter(QString::number(r));
    auto shown = shownSamples();
    ASSERT_EQ(static_cast<int>(shown.size()), days);
    for (const SampleMetrics* s : shown) EXPECT_EQ(s->release, r);

    panel.setDayFilter(2);
    shown = shownSamples();
    ASSERT_EQ(shown.size(), 1u);
    EXPECT_EQ(shown[0]->release, r);
    EXPECT_EQ(shown[0]->day, 2);

    // Text that is not a release list keeps the last filter.
    panel.setReleaseFilter("r12");
    EXPECT_EQ(shownSamples().size(), 1u);

    panel.setReleaseFilter("");
    shown = shownSamples();
    EXPECT_EQ(shown.size(), releases.size());
    for (const SampleMetrics* s : shown) EXPECT_EQ(s->day, 2);

    panel.setDayFilter(-1);
    EXPECT_EQ(shownSamples().size(), samples.size());
    // A release not in the split shows nothing.
    panel.setReleaseFilter("100000");
    EXPECT_EQ(shownSamples().size(), 0u);
}

TEST(EvaluationPanel, ClickingARowAsksForItsSample) {
    const Sources src = sources();
    EvaluationPanel panel;
    panel.resize(700, 900);
    panel.show();
    // Xvfb has no window manager to activate the window: do it the way one would.
    panel.activateWindow();
    QApplication::setActiveWindow(&panel);
    ASSERT_TRUE(QTest::qWaitForWindowActive(&panel)) << "window never became active";
    panel.setSources(src.predictor, src.dataset);
    ASSERT_TRUE(evaluateIn(panel));
    QTableView* table = panel.sampleTable();
    table->sortByColumn(EvaluationTableModel::Mae, Qt::DescendingOrder);
    QApplication::processEvents();
    QSignalSpy activated(&panel, &EvaluationPanel::sampleActivated);
    const QModelIndex index = panel.filter()->index(2, EvaluationTableModel::Mae);
    table->scrollTo(index);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
    ASSERT_EQ(activated.count(), 1);
    const SampleMetrics* s = panel.tableModel()->sample(panel.filter()->mapToSource(index).row());
    EXPECT_EQ(activated[0][0].toInt(), s->release);
    EXPECT_EQ(activated[0][1].toInt(), s->day);
    // Down walks to the next row: the next sample in the table's order.
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Down);
    ASSERT_EQ(activated.count(), 2);
    const SampleMetrics* next =
        panel.tableModel()->sample(panel.filter()->mapToSource(panel.filter()->index(3, 0)).row());
    EXPECT_EQ(activated.back()[0].toInt(), next->release);
    EXPECT_EQ(activated.back()[1].toInt(), next->day);
}

TEST(EvaluationPanel, CancelStopsAndLeavesNoResult) {
    const Sources src = sources();
    EvaluationPanel panel;
    panel.setSources(src.predictor, src.dataset);
    panel.setBatchSize(1);  // one sample per step: the stop flag is seen after one at most
    QSignalSpy finished(&panel, &EvaluationPanel::finished);
    panel.evaluate();
    EXPECT_TRUE(panel.running());
    EXPECT_FALSE(panel.findChild<QPushButton*>("evaluateButton")->isEnabled());
    EXPECT_TRUE(panel.findChild<QPushButton*>("cancelEvaluationButton")->isEnabled());
    panel.cancel();
    ASSERT_TRUE(finished.wait(60000));
    EXPECT_FALSE(panel.running());
    EXPECT_EQ(panel.result(), nullptr);
    EXPECT_EQ(panel.tableModel()->rowCount(), 0);
    EXPECT_TRUE(panel.dayPlot()->points("model").isEmpty());
    EXPECT_TRUE(panel.stateText().contains("Cancelled")) << panel.stateText().toStdString();
    EXPECT_FALSE(panel.findChild<QPushButton*>("showErrorMapButton")->isEnabled());
    // And it evaluates again afterwards.
    EXPECT_TRUE(panel.findChild<QPushButton*>("evaluateButton")->isEnabled());
    ASSERT_TRUE(evaluateIn(panel));
    EXPECT_GT(panel.tableModel()->rowCount(), 0);
}

TEST(EvaluationPanel, ThePerDayPlotHasOnePointPerOutputDay) {
    const Sources src = sources();
    EvaluationPanel panel;
    panel.resize(600, 900);
    panel.show();
    panel.setSources(src.predictor, src.dataset);
    panel.setSplit(Split::Validation);
    ASSERT_TRUE(evaluateIn(panel));
    const EvaluationResult& r = *panel.result();
    EXPECT_EQ(r.split, Split::Validation);
    const int days = src.dataset->outputDays();
    // Persistence per day from the samples themselves.
    std::map<int, std::pair<double, int>> persistence;
    for (const SampleMetrics& s : r.samples) {
        persistence[s.day].first += s.persistence.iou50;
        ++persistence[s.day].second;
    }
    for (Metric m : {Metric::Mae, Metric::Iou50}) {
        panel.setPlotMetric(m);
        const QVector<QPointF> model = panel.dayPlot()->points("model");
        const QVector<QPointF> pers = panel.dayPlot()->points("persistence");
        ASSERT_EQ(model.size(), days);
        ASSERT_EQ(pers.size(), days);
        for (int d = 0; d < days; ++d) {
            EXPECT_EQ(model[d].x(), d + 1);  // the day predicted
            EXPECT_DOUBLE_EQ(model[d].y(),
                             metricValue(r.modelByDay[static_cast<std::size_t>(d)], m));
            if (m == Metric::Iou50) {
                EXPECT_NEAR(pers[d].y(), persistence[d].first / persistence[d].second, 1e-12);
            }
        }
    }
    QApplication::processEvents();
    EXPECT_FALSE(panel.dayPlot()->layout().empty);
}

TEST(EvaluationPanel, WithoutAModelOrDatasetItSaysWhatIsMissingAndNewSourcesClearTheResult) {
    EvaluationPanel panel;
    auto* evaluate = panel.findChild<QPushButton*>("evaluateButton");
    ASSERT_NE(evaluate, nullptr);
    EXPECT_FALSE(panel.canEvaluate());
    EXPECT_FALSE(evaluate->isEnabled());
    EXPECT_TRUE(panel.sourcesText().contains("load a model")) << panel.sourcesText().toStdString();
    EXPECT_TRUE(panel.sourcesText().contains("open a dataset"));
    panel.evaluate();  // does nothing
    EXPECT_FALSE(panel.running());

    const Sources src = sources();
    panel.setSources(src.predictor, nullptr);
    EXPECT_FALSE(evaluate->isEnabled());
    EXPECT_FALSE(panel.sourcesText().contains("load a model"));
    EXPECT_TRUE(panel.sourcesText().contains("open a dataset"));
    panel.setSources(src.predictor, src.dataset);
    EXPECT_TRUE(evaluate->isEnabled());
    ASSERT_TRUE(evaluateIn(panel));
    EXPECT_TRUE(panel.findChild<QPushButton*>("showErrorMapButton")->isEnabled());

    // Another dataset (the same file opened again is another dataset to the window).
    QSignalSpy changed(&panel, &EvaluationPanel::resultChanged);
    panel.setSources(src.predictor, std::make_shared<const DriftDataset>(DriftDataset::open(
                                        test::smallDatasetPath().toStdString())));
    EXPECT_EQ(changed.count(), 1);
    EXPECT_EQ(panel.result(), nullptr);
    EXPECT_EQ(panel.tableModel()->rowCount(), 0);
    EXPECT_TRUE(panel.dayPlot()->points("model").isEmpty());
    EXPECT_EQ(panel.summaryText(Metric::Mae, EvaluationPanel::SummaryModel), "-");
    EXPECT_FALSE(panel.findChild<QPushButton*>("showErrorMapButton")->isEnabled());
    panel.setSources(nullptr, nullptr);
    EXPECT_FALSE(evaluate->isEnabled());
}

TEST(EvaluationPanel, ExportCsvWritesTheResultOrSaysWhy) {
    const Sources src = sources();
    EvaluationPanel panel;
    panel.setSources(src.predictor, src.dataset);
    QString error;
    EXPECT_FALSE(panel.exportCsv(test::widgetTmp("nothing.csv"), &error));
    EXPECT_FALSE(QFile::exists(test::widgetTmp("nothing.csv")));
    ASSERT_TRUE(evaluateIn(panel));
    const QString path =
        test::widgetTmp(QString("evaluation-%1.csv").arg(QCoreApplication::applicationPid()));
    ASSERT_TRUE(panel.exportCsv(path, &error)) << error.toStdString();
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.readAll().toStdString(), panel.result()->csv());
    f.remove();
    EXPECT_FALSE(panel.exportCsv(test::widgetTmp("no-such-folder/evaluation.csv"), &error));
    EXPECT_TRUE(error.contains("no-such-folder")) << error.toStdString();
}

namespace {

// A main window with the small dataset and the test model loaded, Evaluation dock shown through
// Model > Evaluate on Split... (its Ctrl+E action), and the test split evaluated.
// The test model under a name that does not change from run to run (the caption of the error
// map names it, and the picture is compared with a baseline).
QString stablyNamedRun() {
    static const QString dir = [] {
        const QString d = test::widgetTmp(
            QString("evaluation-%1/tiny-w4").arg(QCoreApplication::applicationPid()));
        QDir(d).removeRecursively();
        QDir().mkpath(d);
        const QDir from(test::tinyPredictionRun());
        for (const QString& f : from.entryList(QDir::Files))
            QFile::copy(from.filePath(f), QDir(d).filePath(f));
        return d;
    }();
    return dir;
}

void evaluateInMainWindow(MainWindow& w, const QString& model = test::tinyPredictionRun()) {
    w.resize(1400, 850);
    w.show();
    ASSERT_TRUE(w.openDataset(test::smallDatasetPath()));
    EXPECT_FALSE(w.evaluationDock()->isVisible());
    EXPECT_FALSE(w.evaluationPanel()->canEvaluate());  // no model yet
    QAction* evaluate = nullptr;
    for (QAction* a : w.findChildren<QAction*>())
        if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_E)) evaluate = a;
    ASSERT_NE(evaluate, nullptr);
    EXPECT_TRUE(evaluate->text().contains("Evaluate")) << evaluate->text().toStdString();
    evaluate->trigger();
    EXPECT_TRUE(w.evaluationDock()->isVisible());
    ASSERT_TRUE(test::loadModelAndWait(w, model));
    EvaluationPanel& panel = *w.evaluationPanel();
    ASSERT_TRUE(panel.canEvaluate()) << panel.sourcesText().toStdString();
    panel.setSplit(Split::Test);
    ASSERT_TRUE(evaluateIn(panel)) << panel.stateText().toStdString();
}

}  // namespace

TEST(EvaluationPanel, InTheMainWindowARowShowsItsSampleAndANewModelOrDatasetClearsIt) {
    MainWindow w;
    evaluateInMainWindow(w);
    if (HasFatalFailure()) return;
    EvaluationPanel& panel = *w.evaluationPanel();
    QTableView* table = panel.sampleTable();
    table->sortByColumn(EvaluationTableModel::Mae, Qt::DescendingOrder);
    QApplication::processEvents();
    auto clickRow = [&](int row) {
        const QModelIndex index = panel.filter()->index(row, EvaluationTableModel::Mae);
        table->scrollTo(index);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(index).center());
        return panel.tableModel()->sample(panel.filter()->mapToSource(index).row());
    };
    for (int row : {1, 3, 0}) {
        const SampleMetrics* s = clickRow(row);
        ASSERT_NE(s, nullptr);
        EXPECT_EQ(w.currentRelease(), s->release) << "row " << row;
        EXPECT_EQ(w.currentDay(), s->day) << "row " << row;
        EXPECT_EQ(w.datasetPanel()->selectedRelease(), s->release) << "row " << row;
    }
    // The shown sample is predicted, as any sample shown is.
    ASSERT_TRUE(QTest::qWaitFor([&] { return w.currentPrediction() != nullptr; }, 30000));
    EXPECT_EQ(w.currentPrediction()->release, w.currentRelease());
    EXPECT_EQ(w.currentPrediction()->day, w.currentDay());

    // The same dataset opened again is a new dataset: the result goes.
    ASSERT_TRUE(w.openDataset(test::smallDatasetPath()));
    EXPECT_EQ(panel.result(), nullptr);
    EXPECT_EQ(panel.tableModel()->rowCount(), 0);
    EXPECT_TRUE(panel.canEvaluate());
    ASSERT_TRUE(evaluateIn(panel));
    w.unloadModel();
    EXPECT_EQ(panel.result(), nullptr);
    EXPECT_FALSE(panel.canEvaluate());
    EXPECT_TRUE(panel.sourcesText().contains("load a model"));
}

// Show error map: the split's mean density on the left, the evaluation's mean absolute error
// per cell on the right (cmocean amp), with a caption naming the model, split and sample count.
TEST(EvaluationPanel, ShowErrorMapPutsTheMeanErrorBesideTheMeanDensityAndMatchesItsBaseline) {
    MainWindow w;
    evaluateInMainWindow(w, stablyNamedRun());
    if (HasFatalFailure()) return;
    const EvaluationResult& r = *w.evaluationPanel()->result();
    auto* button = w.evaluationPanel()->findChild<QPushButton*>("showErrorMapButton");
    ASSERT_TRUE(button && button->isEnabled());
    button->click();
    ASSERT_TRUE(QTest::qWaitFor([&] { return w.showingMean(); }, 60000));
    EXPECT_TRUE(w.sideBySide());
    EXPECT_TRUE(w.compareView()->isVisible());
    // The right view holds the error of each ocean cell, the left the mean density.
    const DriftDataset& ds = *w.dataset();
    const Grid& g = ds.grid();
    int checked = 0;
    for (int j = 0; j < g.ny; j += 3) {
        for (int i = 0; i < g.nx; i += 3) {
            const std::size_t c = static_cast<std::size_t>(j) * g.nx + i;
            if (!ds.mask().values()[c]) continue;
            const auto v = w.compareView()->valueAt(g.lon(i), g.lat(j));
            ASSERT_TRUE(v.has_value());
            EXPECT_NEAR(*v, r.meanAbsoluteError[c], 1e-6 * r.meanAbsoluteError[c] + 1e-12);
            ++checked;
        }
    }
    EXPECT_GT(checked, 20);
    // The maps alone in a window of a fixed size, in equal halves, so the picture does not
    // depend on the docks and window state other tests left in the settings.
    for (QDockWidget* dock : w.findChildren<QDockWidget*>()) dock->hide();
    w.resize(1300, 560);
    QApplication::processEvents();
    auto* maps = qobject_cast<QSplitter*>(w.mapView()->parentWidget());
    ASSERT_NE(maps, nullptr);
    maps->setSizes({1, 1});
    QApplication::processEvents();
    w.mapView()->resetView();
    QApplication::processEvents();
    const QImage image = w.viewImage(1200, 420);
    ASSERT_FALSE(image.isNull());
    const auto cmp = test::compareWithBaseline(image, "map_evaluation_error_side_by_side");
    EXPECT_TRUE(cmp.sameSize && cmp.differingFraction <= 0.005) << cmp.message.toStdString();
    // Two colour bars, two maps: the right half has the amp map's reds.
    EXPECT_GT(test::countColour(image.copy(600, 0, 600, 420), qRgb(180, 60, 60), 60), 100);
    // A new model clears the error map (the right view no longer shows it).
    ASSERT_TRUE(test::loadModelAndWait(w, test::tinyPredictionRun()));
    EXPECT_EQ(w.evaluationPanel()->result(), nullptr);
    EXPECT_FALSE(w.compareView()->valueAt(g.lon(g.nx / 2), g.lat(g.ny / 2)).has_value());
}
