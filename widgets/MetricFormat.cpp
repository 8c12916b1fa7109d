#include "MetricFormat.h"

#include <QCoreApplication>

namespace driftlab {

double metricValue(const DriftMetricValues& v, Metric metric) {
    switch (metric) {
        case Metric::Mse:
            return v.mse;
        case Metric::Mae:
            return v.mae;
        case Metric::Iou50:
            return v.iou50;
        case Metric::Iou90:
            return v.iou90;
        case Metric::MassError:
            return v.massError;
    }
    return 0;
}

QString formatMetric(Metric metric, double value) {
    return higherIsBetter(metric) ? QString::number(value, 'f', 3) : QString::number(value, 'e', 3);
}

QString metricLabel(Metric metric) {
    switch (metric) {
        case Metric::Mse:
            return QCoreApplication::translate("Metric", "MSE");
        case Metric::Mae:
            return QCoreApplication::translate("Metric", "MAE");
        case Metric::Iou50:
            return QCoreApplication::translate("Metric", "IoU 50 %");
        case Metric::Iou90:
            return QCoreApplication::translate("Metric", "IoU 90 %");
        case Metric::MassError:
            return QCoreApplication::translate("Metric", "Mass error");
    }
    return {};
}

QString metricTooltip(Metric metric) {
    switch (metric) {
        case Metric::Mse:
            return QCoreApplication::translate(
                "Metric", "Mean squared error of the density over ocean cells (fraction per cell)");
        case Metric::Mae:
            return QCoreApplication::translate(
                "Metric",
                "Mean absolute error of the density over ocean cells (fraction per cell)");
        case Metric::Iou50:
            return QCoreApplication::translate(
                "Metric",
                "Intersection over union of the cells holding 50 % of the mass, predicted vs "
                "simulated");
        case Metric::Iou90:
            return QCoreApplication::translate(
                "Metric", "Intersection over union of the cells holding 90 % of the mass");
        case Metric::MassError:
            return QCoreApplication::translate(
                "Metric",
                "|predicted change - simulated change| of the total mass from day t to t+1");
    }
    return {};
}

QString metricKey(Metric metric) {
    switch (metric) {
        case Metric::Mse:
            return QStringLiteral("mse");
        case Metric::Mae:
            return QStringLiteral("mae");
        case Metric::Iou50:
            return QStringLiteral("iou50");
        case Metric::Iou90:
            return QStringLiteral("iou90");
        case Metric::MassError:
            return QStringLiteral("massError");
    }
    return {};
}

bool higherIsBetter(Metric metric) {
    return metric == Metric::Iou50 || metric == Metric::Iou90;
}

bool isBetter(Metric metric, double model, double baseline) {
    return higherIsBetter(metric) ? model > baseline : model < baseline;
}

}  // namespace driftlab
