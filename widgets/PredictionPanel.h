#pragma once
// Beside the map: the loaded model's name and the metrics of the sample shown (MSE, MAE, IoU of
// the 50 % and 90 % mass regions, mass error) for the model and for persistence (tomorrow =
// today, the baseline a model must beat), or why there are none.
#include <QWidget>

#include "stats/DriftMetrics.h"

class QLabel;

namespace driftlab {

class PredictionPanel : public QWidget {
    Q_OBJECT
public:
    explicit PredictionPanel(QWidget* parent = nullptr);

    void setModel(const QString& description);  // empty: no model
    // The metrics of day `day` -> `day` + 1 of a release.
    void setMetrics(int release, int day, const DriftMetricValues& model,
                    const DriftMetricValues& persistence, double seconds);
    // No metrics; `why` says why ("predicting...", "last day", ...).
    void clearMetrics(const QString& why);

    QString modelText() const;
    QString stateText() const;
    // The shown value of a metric ("mse", "mae", "iou50", "iou90", "massError") of the model
    // (or of persistence), as displayed.
    QString metricText(const QString& name, bool persistence = false) const;

private:
    QLabel* model_;
    QLabel* state_;
    QLabel* values_[5][2];
};

}  // namespace driftlab
