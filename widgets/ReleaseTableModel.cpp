#include "ReleaseTableModel.h"

namespace driftlab {

QDate ReleaseTableModel::toDate(int days) {
    return QDate(1970, 1, 1).addDays(days);
}

void ReleaseTableModel::setDataset(std::shared_ptr<const DriftDataset> dataset) {
    beginResetModel();
    dataset_ = std::move(dataset);
    endResetModel();
}

int ReleaseTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !dataset_ ? 0 : dataset_->releaseCount();
}

int ReleaseTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReleaseTableModel::data(const QModelIndex& index, int role) const {
    if (!dataset_ || !index.isValid()) return {};
    const ReleaseRecord& r = dataset_->releases()[index.row()];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
            case Index:
                return index.row();
            case Date:
                return toDate(r.date).toString(Qt::ISODate);
            case Lon:
                return QString::number(r.spec.lon, 'f', 3);
            case Lat:
                return QString::number(r.spec.lat, 'f', 3);
            case Radius:
                return QString::number(r.spec.radiusKm, 'g', 4);
            case Particles:
                return r.placed;
            case SplitColumn:
                return QString(splitName(r.spec.split));
            default:
                return {};
        }
    }
    if (role == Qt::UserRole) {  // sort keys
        switch (index.column()) {
            case Index:
                return index.row();
            case Date:
                return r.date;
            case Lon:
                return r.spec.lon;
            case Lat:
                return r.spec.lat;
            case Radius:
                return r.spec.radiusKm;
            case Particles:
                return r.placed;
            case SplitColumn:
                return static_cast<int>(r.spec.split);
            default:
                return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != Date && index.column() != SplitColumn) {
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant ReleaseTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char* names[ColumnCount] = {"#",         "Released",  "Lon",  "Lat",
                                             "Radius km", "Particles", "Split"};
    return section >= 0 && section < ColumnCount ? QVariant(tr(names[section])) : QVariant();
}

void ReleaseFilter::setSplit(int split) {
    split_ = split;
    invalidateFilter();
}

void ReleaseFilter::setDateRange(const QDate& from, const QDate& to) {
    from_ = from;
    to_ = to;
    invalidateFilter();
}

bool ReleaseFilter::filterAcceptsRow(int row, const QModelIndex& parent) const {
    const auto* m = sourceModel();
    if (split_ >= 0 &&
        m->data(m->index(row, ReleaseTableModel::SplitColumn, parent), Qt::UserRole).toInt() !=
            split_) {
        return false;
    }
    const QDate d = ReleaseTableModel::toDate(
        m->data(m->index(row, ReleaseTableModel::Date, parent), Qt::UserRole).toInt());
    if (from_.isValid() && d < from_) return false;
    if (to_.isValid() && d > to_) return false;
    return true;
}

}  // namespace driftlab
