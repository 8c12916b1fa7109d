#include "MetricFormat.h"

#include <QCoreApplication>
#include <cmath>

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
        case Metric::CentreKm:
            return v.km ? v.centreKm : std::nan("");
        case Metric::SpreadRatio:
            return v.km ? v.spreadRatio : std::nan("");
        case Metric::TransportKm:
            return v.km ? v.transportKm : std::nan("");
        case Metric::FarMass:
            return v.km ? v.farMass : std::nan("");
    }
    return 0;
}

QString formatMetric(Metric metric, double value) {
    if (!std::isfinite(value)) return QStringLiteral("-");
    switch (metric) {
        case Metric::CentreKm:
        case Metric::TransportKm:
            return QString::number(value, 'f', 2) + QStringLiteral(" km");
        case Metric::SpreadRatio:
            return QString::number(value, 'f', 3);
        case Metric::FarMass:
            return QString::number(100.0 * value, 'f', 2) + QStringLiteral(" %");
        default:
            break;
    }
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
        case Metric::CentreKm:
            return QCoreApplication::translate("Metric", "Centre (km)");
        case Metric::SpreadRatio:
            return QCoreApplication::translate("Metric", "Spread ratio");
        case Metric::TransportKm:
            return QCoreApplication::translate("Metric", "Transport (km)");
        case Metric::FarMass:
            return QCoreApplication::translate("Metric", "Far mass");
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
        case Metric::CentreKm:
            return QCoreApplication::translate(
                "Metric", "Distance between the predicted and the simulated cloud's centre of mass");
        case Metric::SpreadRatio:
            return QCoreApplication::translate(
                "Metric",
                "Predicted spread / simulated spread (rms distance of the mass from its centre); "
                "1 is right, above 1 too wide");
        case Metric::TransportKm:
            return QCoreApplication::translate(
                "Metric",
                "How far the mass must move to turn the prediction into the simulation (sliced "
                "Wasserstein-1, km)");
        case Metric::FarMass:
            return QCoreApplication::translate(
                "Metric",
                "Share of the predicted mass more than 3 cells from any cell the simulation "
                "reaches");
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
        case Metric::CentreKm:
            return QStringLiteral("centreKm");
        case Metric::SpreadRatio:
            return QStringLiteral("spreadRatio");
        case Metric::TransportKm:
            return QStringLiteral("transportKm");
        case Metric::FarMass:
            return QStringLiteral("farMass");
    }
    return {};
}

bool higherIsBetter(Metric metric) {
    return metric == Metric::Iou50 || metric == Metric::Iou90;
}

bool isBetter(Metric metric, double model, double baseline) {
    if (metric == Metric::SpreadRatio)
        return std::abs(std::log(model)) < std::abs(std::log(baseline));
    return higherIsBetter(metric) ? model > baseline : model < baseline;
}

}  // namespace driftlab
