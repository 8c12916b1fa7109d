#pragma once
// Which rows of the evaluation table show: releases typed by the user ("3", "3, 5", "2-6"), one
// input day, and optionally only the samples where persistence does better than the model.
// Sorting is numeric (EvaluationTableModel::SortRole).
#include <QSet>
#include <QSortFilterProxyModel>
#include <optional>

namespace driftlab {

class EvaluationFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit EvaluationFilter(QObject* parent = nullptr);

    // Empty: every release.
    void setReleases(const QSet<int>& releases);
    void setDay(int day);  // -1: every day
    void setOnlyWhereModelLoses(bool on);
    const QSet<int>& releases() const { return releases_; }
    int day() const { return day_; }

    // "3", "3, 5 8", "2-6", "" (every release) -> the set; nullopt if it is not such a list.
    static std::optional<QSet<int>> parseReleases(const QString& text);

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override;

private:
    QSet<int> releases_;
    int day_ = -1;
    bool onlyLosses_ = false;
};

}  // namespace driftlab
