#pragma once
// The training panel (a dock of the main window): the settings of a new run (TrainingForm),
// Train / Pause / Stop / Continue / Train N more / Open Run, progress with ETA
// (TrainingProgressText) and the run's curves (TrainingCurves). The work happens in a
// TrainingController; the map stays usable while it trains.
#include <QWidget>

#include "TrainingController.h"
#include "TrainingCurves.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace driftlab {

class PlotView;
class TrainingForm;

class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    using Metric = TrainingCurves::Metric;

    explicit TrainingPanel(QWidget* parent = nullptr);
    ~TrainingPanel() override;

    // The dataset new runs train on (the main window's open dataset).
    void setDatasetPath(const QString& path);
    const QString& datasetPath() const { return datasetPath_; }

    // The form as a configuration: the dataset set above, the form's values, and the last set
    // values of the settings the form does not show (weight decay, warm-up, ...).
    TrainingConfig config() const;
    void setConfig(const TrainingConfig& config);

    // The run folder a new run goes to: the field, or the automatic name when it is empty.
    QString runFolder() const;
    void setRunFolder(const QString& path);
    QString automaticRunFolder() const;  // RUNS_ROOT/<dataset stem>-<yyyyMMdd-HHmmss>
    void setRunsRoot(const QString& path);
    static QString defaultRunsRoot();  // ~/DriftLab/runs

    // Shows a previous run's settings and curves (a run folder or a checkpoint in one); false,
    // with the reason shown, when it is not a run.
    bool openRun(const QString& path);

    TrainingController* controller() const { return controller_; }
    PlotView* lossPlot() const { return curves_->lossPlot(); }
    PlotView* metricsPlot() const { return curves_->metricsPlot(); }
    double smoothing() const;
    Metric metric() const;
    // The text under the progress bar and the status line (tests, screenshots).
    QString progressText() const;
    QString statusText() const;

public slots:
    void train();
    void continueRun();
    void trainMore();
    void togglePause();
    void stop();
    void chooseAndOpenRun();
    void setSmoothing(double beta);  // 0 (raw) .. 0.99
    void setMetric(driftlab::TrainingCurves::Metric metric);

private:
    void chooseRunFolder();
    void updateButtons();
    void updateProgress();
    void updatePlots();
    void showRun();
    void updateRunLabel();
    void showStatus(const QString& text, bool error = false);
    double stepsPerEpoch() const;

    TrainingController* controller_;
    QString datasetPath_;
    QString runsRoot_;
    double knownStepsPerEpoch_ = 0;
    QString requestedFolder_;  // of the new run being created

    QLabel* dataset_;
    TrainingForm* form_;

    QPushButton* train_;
    QPushButton* pause_;
    QPushButton* stop_;
    QPushButton* continue_;
    QPushButton* more_;
    QSpinBox* moreEpochs_;
    QPushButton* open_;

    QProgressBar* progress_;
    QLabel* progressLabel_;
    QLabel* runLabel_;
    QLabel* status_;

    TrainingCurves* curves_;
};

}  // namespace driftlab
