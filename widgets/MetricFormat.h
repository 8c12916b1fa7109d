#pragma once
// The drift metrics as the widgets show them: which value of DriftMetricValues, its name,
// its tooltip, its text (scientific for densities, fixed for IoUs), and which way is better. One
// place, so the Prediction and Evaluation panels print a number the same way.
#include <QString>
#include <array>

#include "stats/DriftMetrics.h"

namespace driftlab {

// The grid metrics, then the km ones (stats/CloudGeometry; NaN where a value has none).
enum class Metric {
    Mse,
    Mae,
    Iou50,
    Iou90,
    MassError,
    CentreKm,
    SpreadRatio,
    TransportKm,
    FarMass
};
inline constexpr std::array<Metric, 9> kAllMetrics = {
    Metric::Mse,      Metric::Mae,         Metric::Iou50,       Metric::Iou90,  Metric::MassError,
    Metric::CentreKm, Metric::SpreadRatio, Metric::TransportKm, Metric::FarMass};

double metricValue(const DriftMetricValues& values, Metric metric);
QString formatMetric(Metric metric, double value);
inline QString formatMetric(Metric metric, const DriftMetricValues& values) {
    return formatMetric(metric, metricValue(values, metric));
}
QString metricLabel(Metric metric);    // "MSE", "IoU 50 %", ...
QString metricTooltip(Metric metric);  // what it measures, in words
QString metricKey(Metric metric);      // "mse", "iou50", ... (object names, tests)
// IoUs are better high, errors low, a spread ratio near 1.
bool higherIsBetter(Metric metric);
// True when `model` scores strictly better than `baseline`.
bool isBetter(Metric metric, double model, double baseline);

}  // namespace driftlab
