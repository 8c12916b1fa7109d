#include "DatasetPanel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>
#include <map>

#include "ReleaseTableModel.h"

namespace driftlab {

namespace {
constexpr int kMinimumRows = 8;
}

DatasetPanel::DatasetPanel(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    summary_ = new QLabel(tr("No dataset"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary_->setTextFormat(Qt::RichText);
    layout->addWidget(summary_);

    // The filters on one row: the height goes to the table.
    auto* filters = new QHBoxLayout;
    split_ = new QComboBox;
    split_->addItem(tr("all"), -1);
    split_->addItem(tr("train"), static_cast<int>(Split::Train));
    split_->addItem(tr("val"), static_cast<int>(Split::Validation));
    split_->addItem(tr("test"), static_cast<int>(Split::Test));
    split_->setToolTip(tr("Show the releases of one split"));
    filters->addWidget(split_);
    filters->addWidget(new QLabel(tr("released")));
    from_ = new QDateEdit;
    to_ = new QDateEdit;
    for (QDateEdit* e : {from_, to_}) {
        e->setDisplayFormat("yyyy-MM-dd");
        e->setCalendarPopup(true);
        filters->addWidget(e, 1);
    }
    from_->setToolTip(tr("Releases from this date..."));
    to_->setToolTip(tr("...to this one"));
    layout->addLayout(filters);

    model_ = new ReleaseTableModel(this);
    filter_ = new ReleaseFilter(this);
    filter_->setSourceModel(model_);
    filter_->setSortRole(Qt::UserRole);
    table_ = new QTableView;
    table_->setModel(filter_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(ReleaseTableModel::Index, Qt::AscendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(20);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->setAlternatingRowColors(true);
    // Room for a screenful of releases: the table is what one browses.
    table_->setMinimumHeight(table_->horizontalHeader()->sizeHint().height() +
                             kMinimumRows * table_->verticalHeader()->defaultSectionSize() + 4);
    layout->addWidget(table_, 1);

    connect(split_, &QComboBox::currentIndexChanged, this,
            [this] { filter_->setSplit(split_->currentData().toInt()); });
    auto dateChanged = [this] { filter_->setDateRange(from_->date(), to_->date()); };
    connect(from_, &QDateEdit::dateChanged, this, dateChanged);
    connect(to_, &QDateEdit::dateChanged, this, dateChanged);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid()) emit releaseSelected(filter_->mapToSource(current).row());
            });
}

void DatasetPanel::setDataset(std::shared_ptr<const DriftDataset> dataset) {
    dataset_ = std::move(dataset);
    model_->setDataset(dataset_);
    if (dataset_ && dataset_->releaseCount() > 0) {
        int lo = dataset_->releases().front().date, hi = lo;
        for (const auto& r : dataset_->releases()) {
            lo = std::min(lo, r.date);
            hi = std::max(hi, r.date);
        }
        for (QDateEdit* e : {from_, to_}) {
            const QSignalBlocker block(e);
            e->setDateRange(ReleaseTableModel::toDate(lo), ReleaseTableModel::toDate(hi));
        }
        const QSignalBlocker b1(from_), b2(to_);
        from_->setDate(ReleaseTableModel::toDate(lo));
        to_->setDate(ReleaseTableModel::toDate(hi));
        filter_->setDateRange(from_->date(), to_->date());
    }
    updateSummary();
}

void DatasetPanel::updateSummary() {
    if (!dataset_) {
        summary_->setText(tr("No dataset"));
        return;
    }
    const DriftDataset& ds = *dataset_;
    const Grid& g = ds.grid();
    std::map<Split, int> n;
    for (const auto& r : ds.releases()) ++n[r.spec.split];
    QString seed, preset;
    for (const auto& [name, value] : ds.attributes()) {
        if (name == "generator_seed") seed = QString::fromStdString(value);
        if (name == "generator_preset") preset = QString::fromStdString(value);
    }
    summary_->setText(
        tr("<b>%1</b>: %2 x %3 cells, 1/%4 deg, %5-%6 E, %7-%8 N<br>"
           "%9 days of currents from %10<br>"
           "%11 releases, days 0..%12: train %13 / val %14 / test %15<br>"
           "<small>preset %16, seed %17, format v%18</small>")
            .arg(QFileInfo(QString::fromStdString(ds.path())).fileName())
            .arg(g.nx)
            .arg(g.ny)
            .arg(1.0 / g.dLon, 0, 'g', 4)
            .arg(g.lonMin)
            .arg(g.lonMax())
            .arg(g.latMin)
            .arg(g.latMax())
            .arg(ds.currentDays())
            .arg(ReleaseTableModel::toDate(ds.startDay()).toString(Qt::ISODate))
            .arg(ds.releaseCount())
            .arg(ds.outputDays())
            .arg(n[Split::Train])
            .arg(n[Split::Validation])
            .arg(n[Split::Test])
            .arg(preset.isEmpty() ? tr("?") : preset)
            .arg(seed.isEmpty() ? tr("?") : seed)
            .arg(ds.formatVersion()));
}

void DatasetPanel::selectRelease(int release) {
    const QModelIndex proxy = filter_->mapFromSource(model_->index(release, 0));
    if (!proxy.isValid()) return;
    table_->selectionModel()->setCurrentIndex(
        proxy, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table_->scrollTo(proxy);
}

int DatasetPanel::selectedRelease() const {
    const QModelIndex current = table_->selectionModel()->currentIndex();
    return current.isValid() ? filter_->mapToSource(current).row() : -1;
}

void DatasetPanel::step(int delta) {
    const int rows = filter_->rowCount();
    if (rows == 0) return;
    const QModelIndex current = table_->selectionModel()->currentIndex();
    const int row = std::clamp((current.isValid() ? current.row() : -delta) + delta, 0, rows - 1);
    const QModelIndex next = filter_->index(row, 0);
    table_->selectionModel()->setCurrentIndex(
        next, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table_->scrollTo(next);
}

}  // namespace driftlab
