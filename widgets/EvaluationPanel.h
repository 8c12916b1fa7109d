#pragma once
// The Evaluation panel (a dock): the loaded model scored on a split of the open dataset, every
// pair (release, day t -> t+1) predicted and compared with the simulation and with persistence
// (tomorrow = today), in a worker thread with the panel's own progress bar and Cancel, so the
// map stays usable meanwhile. Shows a summary per metric (model mean, persistence mean, how
// many samples the model beats persistence on), the metric per predicted day (model vs
// persistence), and the samples in a sortable, filterable table: a row clicked shows that
// sample on the map. Export CSV writes the table; Show error map asks for the mean absolute
// error per cell.
#include <QPointer>
#include <QWidget>
#include <memory>

#include "MetricFormat.h"
#include "drift/Release.h"
#include "learn/Evaluator.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QEvent;
class QModelIndex;
class QProgressBar;
class QPushButton;
class QTableView;
class QTableWidget;

namespace driftlab {

class DriftDataset;
class EvaluationFilter;
class EvaluationTableModel;
class JobRunner;
class PlotView;
class Predictor;

class EvaluationPanel : public QWidget {
    Q_OBJECT
public:
    // Summary table columns.
    enum SummaryColumn { SummaryModel, SummaryPersistence, SummaryAdvection, SummaryBeats };

    explicit EvaluationPanel(QWidget* parent = nullptr);
    ~EvaluationPanel() override;  // cancels a running evaluation and waits for it

    // The model and dataset to evaluate; either may be null (Evaluate is then disabled and the
    // panel says what is missing). A change cancels a running evaluation and clears the result.
    void setSources(std::shared_ptr<const Predictor> predictor,
                    std::shared_ptr<const DriftDataset> dataset);
    void setSplit(Split split);  // Test or Validation
    Split split() const;
    void setBatchSize(int batch) { batchSize_ = std::max(1, batch); }

    bool canEvaluate() const;
    // Starts evaluating (nothing if it cannot or already runs); finished() when it ends.
    void evaluate();
    void cancel();
    bool running() const;
    // The last finished evaluation of the current sources; null before, while running, after a
    // cancel or a failure.
    const EvaluationResult* result() const { return result_.get(); }
    // "<model> on the test split of <dataset>: 48 samples"; empty without a result.
    QString resultDescription() const;
    // Writes result()->csv() atomically; false with `error` set when it cannot.
    bool exportCsv(const QString& path, QString* error = nullptr) const;

    void setPlotMetric(Metric metric);
    Metric plotMetric() const;
    // The filter of the sample table: releases as typed ("3", "2-6, 9"), one day (-1: all).
    void setReleaseFilter(const QString& text);
    void setDayFilter(int day);

    QString stateText() const;
    QString sourcesText() const;
    QString summaryText(Metric metric, SummaryColumn column) const;
    QTableView* sampleTable() const { return table_; }
    EvaluationTableModel* tableModel() const { return model_; }
    EvaluationFilter* filter() const { return filter_; }
    PlotView* dayPlot() const { return plot_; }

signals:
    // The user picked a sample (a click, or the arrow keys in the table).
    void sampleActivated(int release, int day);
    void errorMapRequested();
    void finished();       // an evaluation ended: with a result, cancelled or failed
    void resultChanged();  // result() changed (a new one, or cleared)

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void clearResult();
    void updateControls();
    void showResult();
    void updatePlot();
    void activateRow(const QModelIndex& proxyIndex);
    void chooseCsvFile();
    void releaseFilterEdited(const QString& text);

    std::shared_ptr<const Predictor> predictor_;
    std::shared_ptr<const DriftDataset> dataset_;
    std::shared_ptr<const EvaluationResult> result_;
    int batchSize_ = 16;
    // Bumped by every new source or run: an older run's outcome is ignored.
    quint64 generation_ = 0;
    QPointer<JobRunner> runner_;
    // A click that moved the current row has already asked for its sample (currentRowChanged):
    // its clicked() must not ask again. Reset at every press.
    bool askedDuringPress_ = false;
    struct Job;
    std::shared_ptr<Job> job_;

    QLabel* sources_;
    QComboBox* split_;
    QPushButton *evaluate_, *cancel_;
    QProgressBar* progress_;
    QLabel* state_;
    QTableWidget* summary_;
    QComboBox* metric_;
    PlotView* plot_;
    QLineEdit* releases_;
    QComboBox* day_;
    QCheckBox* losses_;
    QTableView* table_;
    EvaluationTableModel* model_;
    EvaluationFilter* filter_;
    QPushButton *errorMap_, *export_;
};

}  // namespace driftlab
