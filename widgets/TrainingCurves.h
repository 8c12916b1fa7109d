#pragma once
// The training panel's two plots of a run's history: the training loss per logged batch (raw,
// faint, with a debiased moving average on top) beside the per-epoch validation loss of the
// model, persistence and the advection baseline; and one validation metric per epoch. The
// best epoch is marked on both.
#include <QWidget>

#include "learn/TrainingHistory.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;

namespace driftlab {

class PlotView;

class TrainingCurves : public QWidget {
    Q_OBJECT
public:
    enum class Metric { Mae, Mse, Iou, MassError, CentreKm, SpreadRatio };

    explicit TrainingCurves(QWidget* parent = nullptr);

    // Draws `history`; `stepsPerEpoch` (0: unknown) puts the batches on the epoch axis.
    void show(const TrainingHistory& history, double stepsPerEpoch);
    void setLossName(const QString& name);  // "MAE", "MSE": the loss axis' label

    PlotView* lossPlot() const { return lossPlot_; }
    PlotView* metricsPlot() const { return metricsPlot_; }
    double smoothing() const;
    void setSmoothing(double beta);  // 0 (raw) .. 0.99
    Metric metric() const;
    void setMetric(Metric metric);

signals:
    // The smoothing or the metric changed: show the history again.
    void viewChanged();

private:
    PlotView* lossPlot_;
    QSlider* smoothingSlider_;
    QLabel* smoothingValue_;
    QCheckBox* lossLog_;
    PlotView* metricsPlot_;
    QComboBox* metric_;
    QCheckBox* metricsLog_;
};

}  // namespace driftlab
