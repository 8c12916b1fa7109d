#include "EvaluationFilter.h"

#include <QRegularExpression>

#include "EvaluationTableModel.h"

namespace driftlab {

EvaluationFilter::EvaluationFilter(QObject* parent) : QSortFilterProxyModel(parent) {
    setSortRole(EvaluationTableModel::SortRole);
}

void EvaluationFilter::setReleases(const QSet<int>& releases) {
    releases_ = releases;
    invalidateFilter();
}

void EvaluationFilter::setDay(int day) {
    day_ = day;
    invalidateFilter();
}

void EvaluationFilter::setOnlyWhereModelLoses(bool on) {
    onlyLosses_ = on;
    invalidateFilter();
}

std::optional<QSet<int>> EvaluationFilter::parseReleases(const QString& text) {
    QSet<int> out;
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    static const QRegularExpression item(QStringLiteral("^(\\d+)(?:-(\\d+))?$"));
    for (const QString& part : text.split(separators, Qt::SkipEmptyParts)) {
        const auto m = item.match(part);
        if (!m.hasMatch()) return std::nullopt;
        bool ok = true;
        const int from = m.captured(1).toInt(&ok);
        const int to = m.captured(2).isEmpty() ? from : m.captured(2).toInt(&ok);
        // A range is typed by hand: a huge one is a typo, not a wish for a million rows.
        if (!ok || to < from || to - from > 100000) return std::nullopt;
        for (int r = from; r <= to; ++r) out.insert(r);
    }
    return out;
}

bool EvaluationFilter::filterAcceptsRow(int row, const QModelIndex&) const {
    const auto* model = qobject_cast<const EvaluationTableModel*>(sourceModel());
    const SampleMetrics* s = model ? model->sample(row) : nullptr;
    if (!s) return false;
    if (!releases_.isEmpty() && !releases_.contains(s->release)) return false;
    if (day_ >= 0 && s->day != day_) return false;
    if (onlyLosses_ && s->model.mae < s->persistence.mae) return false;
    return true;
}

}  // namespace driftlab
