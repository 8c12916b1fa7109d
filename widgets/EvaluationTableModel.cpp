#include "EvaluationTableModel.h"

#include <QBrush>
#include <QColor>
#include <QDate>
#include <cmath>
#include <limits>

#include "data/DriftDataset.h"

namespace driftlab {

void EvaluationTableModel::setResult(std::shared_ptr<const EvaluationResult> result,
                                     std::shared_ptr<const DriftDataset> dataset) {
    beginResetModel();
    result_ = std::move(result);
    releaseDates_.clear();
    if (dataset)
        for (const ReleaseRecord& r : dataset->releases()) releaseDates_.push_back(r.date);
    endResetModel();
}

const SampleMetrics* EvaluationTableModel::sample(int row) const {
    if (!result_ || row < 0 || row >= static_cast<int>(result_->samples.size())) return nullptr;
    return &result_->samples[static_cast<std::size_t>(row)];
}

std::optional<Metric> EvaluationTableModel::metricOf(int column, Source* source) {
    struct Shown {
        int column;
        Metric metric;
        Source source;
    };
    static constexpr Shown kShown[] = {
        {Mse, Metric::Mse, Source::Model},
        {Mae, Metric::Mae, Source::Model},
        {Iou50, Metric::Iou50, Source::Model},
        {Iou90, Metric::Iou90, Source::Model},
        {MassError, Metric::MassError, Source::Model},
        {PersistenceMse, Metric::Mse, Source::Persistence},
        {PersistenceMae, Metric::Mae, Source::Persistence},
        {PersistenceIou50, Metric::Iou50, Source::Persistence},
        {PersistenceIou90, Metric::Iou90, Source::Persistence},
        {PersistenceMassError, Metric::MassError, Source::Persistence},
        {AdvectionMae, Metric::Mae, Source::Advection},
        {AdvectionIou50, Metric::Iou50, Source::Advection},
        {CentreKm, Metric::CentreKm, Source::Model},
        {SpreadRatio, Metric::SpreadRatio, Source::Model},
        {TransportKm, Metric::TransportKm, Source::Model},
        {FarMass, Metric::FarMass, Source::Model},
        {AdvectionCentreKm, Metric::CentreKm, Source::Advection},
        {AdvectionSpreadRatio, Metric::SpreadRatio, Source::Advection},
        {PersistenceCentreKm, Metric::CentreKm, Source::Persistence},
    };
    for (const Shown& shown : kShown)
        if (shown.column == column) {
            if (source) *source = shown.source;
            return shown.metric;
        }
    return std::nullopt;
}

namespace {

const DriftMetricValues& valuesOf(const SampleMetrics& s, EvaluationTableModel::Source source) {
    switch (source) {
        case EvaluationTableModel::Source::Persistence:
            return s.persistence;
        case EvaluationTableModel::Source::Advection:
            return s.advection;
        case EvaluationTableModel::Source::Model:
            break;
    }
    return s.model;
}

}  // namespace

double EvaluationTableModel::maeVsPersistence(const SampleMetrics& s) {
    if (s.persistence.mae <= 0) return std::numeric_limits<double>::quiet_NaN();
    return s.model.mae / s.persistence.mae - 1.0;
}

double EvaluationTableModel::maeVsAdvection(const SampleMetrics& s) {
    if (s.advection.mae <= 0) return std::numeric_limits<double>::quiet_NaN();
    return s.model.mae / s.advection.mae - 1.0;
}

int EvaluationTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !result_ ? 0 : static_cast<int>(result_->samples.size());
}

int EvaluationTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EvaluationTableModel::data(const QModelIndex& index, int role) const {
    const SampleMetrics* s = index.isValid() ? sample(index.row()) : nullptr;
    if (!s) return {};
    const int column = index.column();
    Source source = Source::Model;
    const std::optional<Metric> metric = metricOf(column, &source);
    const double vs = maeVsPersistence(*s), vsAdvection = maeVsAdvection(*s);
    auto percent = [](double v) {
        return std::isfinite(v)
                   ? QStringLiteral("%1%2 %").arg(v > 0 ? "+" : "").arg(100.0 * v, 0, 'f', 1)
                   : QStringLiteral("-");
    };
    const bool hasDate = s->release >= 0 && s->release < static_cast<int>(releaseDates_.size());
    const int date = hasDate ? releaseDates_[static_cast<std::size_t>(s->release)] : 0;
    if (role == Qt::DisplayRole) {
        if (metric) return formatMetric(*metric, valuesOf(*s, source));
        switch (column) {
            case ReleaseColumn:
                return s->release;
            case DayColumn:
                return QStringLiteral("%1 -> %2").arg(s->day).arg(s->day + 1);
            case ReleasedColumn:
                return hasDate ? QDate(1970, 1, 1).addDays(date).toString(Qt::ISODate) : QString();
            case MaeVsPersistence:
                return percent(vs);
            case BeatsPersistence:
                return s->model.mae < s->persistence.mae ? tr("yes") : tr("no");
            case MaeVsAdvection:
                return percent(vsAdvection);
            default:
                return {};
        }
    }
    if (role == SortRole) {
        if (metric) {
            // A sample without a km value (an empty cloud) sorts last, not as 0.
            const double v = metricValue(valuesOf(*s, source), *metric);
            return std::isfinite(v) ? v : std::numeric_limits<double>::max();
        }
        switch (column) {
            case ReleaseColumn:
                // Release, then day: sorting by release keeps each release's days in order.
                return s->release + s->day / 1000.0;
            case DayColumn:
                return s->day + s->release / 1e6;
            case ReleasedColumn:
                return date + s->day / 1000.0;
            case MaeVsPersistence:
                return std::isfinite(vs) ? vs : 0.0;
            case BeatsPersistence:
                return s->model.mae < s->persistence.mae ? 1.0 : 0.0;
            case MaeVsAdvection:
                return std::isfinite(vsAdvection) ? vsAdvection : 0.0;
            default:
                return {};
        }
    }
    // The model's km values green where they beat the advection baseline's, red where not.
    if (role == Qt::ForegroundRole && metric && source == Source::Model && *metric >= Metric::CentreKm) {
        const double m = metricValue(s->model, *metric), a = metricValue(s->advection, *metric);
        if (!std::isfinite(m) || !std::isfinite(a)) return {};
        return QBrush(isBetter(*metric, m, a) ? QColor(0, 120, 40) : QColor(170, 30, 30));
    }
    if (role == Qt::ForegroundRole && column == MaeVsAdvection)
        return QBrush(s->model.mae < s->advection.mae ? QColor(0, 120, 40) : QColor(170, 30, 30));
    if (role == Qt::TextAlignmentRole && column != ReleasedColumn)
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && (column == MaeVsPersistence || column == BeatsPersistence))
        return QBrush(s->model.mae < s->persistence.mae ? QColor(0, 120, 40) : QColor(170, 30, 30));
    return {};
}

QVariant EvaluationTableModel::headerData(int section, Qt::Orientation orientation,
                                          int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) return {};
    Source source = Source::Model;
    const std::optional<Metric> metric = metricOf(section, &source);
    if (role == Qt::DisplayRole) {
        if (metric) {
            const QString label = metricLabel(*metric);
            if (source == Source::Persistence) return tr("%1 pers.").arg(label);
            if (source == Source::Advection) return tr("%1 adv.").arg(label);
            return label;
        }
        switch (section) {
            case ReleaseColumn:
                return tr("Release");
            case DayColumn:
                return tr("Day t -> t+1");
            case ReleasedColumn:
                return tr("Released");
            case MaeVsPersistence:
                return tr("MAE vs pers.");
            case BeatsPersistence:
                return tr("Beats pers.");
            case MaeVsAdvection:
                return tr("MAE vs adv.");
            default:
                return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (metric) switch (source) {
                case Source::Persistence:
                    return tr("Persistence (tomorrow = today): %1").arg(metricTooltip(*metric));
                case Source::Advection:
                    return tr("The numerical-advection baseline (the map moved one day by the "
                              "currents, docs/training.md): %1")
                        .arg(metricTooltip(*metric));
                case Source::Model:
                    return tr("The model: %1").arg(metricTooltip(*metric));
            }
        switch (section) {
            case ReleasedColumn:
                return tr("The release date");
            case MaeVsPersistence:
                return tr("The model's MAE relative to persistence's: -10 % is 10 % better");
            case BeatsPersistence:
                return tr("Whether the model's MAE is below persistence's on this sample");
            case MaeVsAdvection:
                return tr("The model's MAE relative to the advection baseline's");
            default:
                return {};
        }
    }
    return {};
}

}  // namespace driftlab
