// Evaluation on a split in the main window (docs/training.md): the panel sorted by MAE with the
// worst sample shown (evaluation-panel.png), the window with the error map beside the mean
// density (evaluation-window.png), and those two maps alone (evaluation-error-map.png).
#include <QApplication>
#include <QDockWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <iostream>

#include "DocImages.h"
#include "EvaluationFilter.h"
#include "EvaluationPanel.h"
#include "EvaluationTableModel.h"
#include "MainWindow.h"
#include "MapView.h"
#include "MetricFormat.h"

namespace driftlab::docimages {

void evaluationImages(const Inputs& in) {
    MainWindow w;
    w.resize(1600, 950);
    w.show();
    w.trainingDock()->hide();
    openDatasetAndModel(w, in);
    w.showEvaluationPanel();
    w.evaluationDock()->setMinimumWidth(640);
    EvaluationPanel& panel = *w.evaluationPanel();
    QSignalSpy finished(&panel, &EvaluationPanel::finished);
    panel.evaluate();
    require(finished.wait(600000) && panel.result() != nullptr,
            "the evaluation did not finish: " + panel.stateText());
    std::cout << "evaluated " << panel.result()->samples.size() << " samples in "
              << panel.result()->seconds << " s" << std::endl;
    panel.setPlotMetric(Metric::Iou50);
    panel.sampleTable()->sortByColumn(EvaluationTableModel::Mae, Qt::DescendingOrder);
    const QModelIndex worst = panel.filter()->index(0, EvaluationTableModel::Mae);
    QTest::mouseClick(panel.sampleTable()->viewport(), Qt::LeftButton, {},
                      panel.sampleTable()->visualRect(worst).center());
    QTest::qWait(300);
    save(panel.grab(), in, "evaluation-panel.png");

    auto* showErrorMap = panel.findChild<QPushButton*>("showErrorMapButton");
    require(showErrorMap != nullptr, "the panel has no Show error map button");
    showErrorMap->click();
    require(waitFor([&] { return w.showingMean(); }, 300000), "the error map did not come");
    QApplication::processEvents();
    w.mapView()->resetView();
    QTest::qWait(300);
    save(w.grab(), in, "evaluation-window.png");
    // The two maps alone, wide enough to frame the whole grid.
    for (QDockWidget* dock : w.findChildren<QDockWidget*>()) dock->hide();
    QApplication::processEvents();
    w.mapView()->resetView();
    QTest::qWait(300);
    saveView(w, in, "evaluation-error-map.png", 1400, 520);
}

}  // namespace driftlab::docimages
