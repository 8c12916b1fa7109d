#pragma once
// The training panel (a dock of the main window): the hyper-parameter form, the run folder,
// Train / Pause / Stop / Continue / Train N more / Open Run, progress with ETA, and two plots:
// the training loss per logged batch (raw, faint, with a debiased moving average on top) with
// the per-epoch validation loss, and the validation metrics per epoch, the best epoch marked.
// The work happens in a TrainingController; the map stays usable while it trains.
#include <QWidget>

#include "TrainingController.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;
class QToolButton;

namespace driftlab {

class PlotView;

class TrainingPanel : public QWidget {
    Q_OBJECT
public:
    enum class Metric { Mae, Mse, Iou, MassError, CentreKm, SpreadRatio };

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
    PlotView* lossPlot() const { return lossPlot_; }
    PlotView* metricsPlot() const { return metricsPlot_; }
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
    void setMetric(driftlab::TrainingPanel::Metric metric);

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
    TrainingConfig base_;  // settings not on the form
    double knownStepsPerEpoch_ = 0;
    QString requestedFolder_;  // of the new run being created

    QLabel* dataset_;
    QSpinBox* epochs_;
    QSpinBox* batchSize_;
    QLineEdit* learningRate_;
    QSpinBox* width_;
    QComboBox* loss_;
    QComboBox* recipe_;  // hybrid / research / seed (TrainingRecipe)
    QSpinBox* threads_;
    QComboBox* device_;
    QCheckBox* mixedPrecision_;
    QSpinBox* seed_;
    QLineEdit* runFolder_;
    QToolButton* chooseFolder_;
    QList<QWidget*> form_;  // disabled while training

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

    PlotView* lossPlot_;
    QSlider* smoothingSlider_;
    QLabel* smoothingValue_;
    QCheckBox* lossLog_;
    PlotView* metricsPlot_;
    QComboBox* metric_;
    QCheckBox* metricsLog_;
};

}  // namespace driftlab
