#pragma once
// Beside the map: the loaded model's name and the metrics of the sample shown (MSE, MAE, IoU of
// the 50 % and 90 % mass regions, mass error, and the km metrics of the cloud) for the model,
// for persistence (tomorrow = today) and for the numerical-advection baseline (today moved one
// day by the currents): the two anchors a model must beat. Or why there are none.
#include <QWidget>
#include <array>

#include "MetricFormat.h"

class QLabel;

namespace driftlab {

struct SamplePrediction;

class PredictionPanel : public QWidget {
    Q_OBJECT
public:
    enum Column { Model, Persistence, Advection, ColumnCount };

    explicit PredictionPanel(QWidget* parent = nullptr);

    void setModel(const QString& description);  // empty: no model
    // The metrics of day `day` -> `day` + 1 of a release; the best of each row in bold.
    void setMetrics(const SamplePrediction& prediction);
    // No metrics; `why` says why ("predicting...", "last day", ...).
    void clearMetrics(const QString& why);

    QString modelText() const;
    QString stateText() const;
    // The shown value of a metric ("mse", "mae", "iou50", ..., metricKey) in a column.
    QString metricText(const QString& name, Column column = Model) const;
    // Whether that value is shown in bold (the best of its row).
    bool metricBold(const QString& name, Column column) const;

private:
    QLabel* value(const QString& name, Column column) const;

    QLabel* model_;
    QLabel* state_;
    std::array<std::array<QLabel*, ColumnCount>, kAllMetrics.size()> values_{};
};

}  // namespace driftlab
