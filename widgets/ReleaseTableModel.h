#pragma once
// The releases of a dataset as a table (index, release date, centre, radius, particles, split),
// with a proxy that filters by split and by date range and sorts by any column.
#include <QAbstractTableModel>
#include <QDate>
#include <QSortFilterProxyModel>
#include <memory>

#include "data/DriftDataset.h"

namespace driftlab {

class ReleaseTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Index, Date, Lon, Lat, Radius, Particles, SplitColumn, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setDataset(std::shared_ptr<const DriftDataset> dataset);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    static QDate toDate(int daysSinceEpoch);

private:
    std::shared_ptr<const DriftDataset> dataset_;
};

class ReleaseFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setSplit(int split);  // -1: all, else a Split value
    void setDateRange(const QDate& from, const QDate& to);

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override;

private:
    int split_ = -1;
    QDate from_, to_;
};

}  // namespace driftlab
