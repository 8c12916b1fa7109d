#pragma once
// The dataset panel: a summary (grid, days, releases, splits, provenance) and the release
// table, sortable and filtered by split and date. Emits the release the user selects.
#include <QWidget>
#include <memory>

#include "data/DriftDataset.h"

class QComboBox;
class QDateEdit;
class QLabel;
class QTableView;

namespace driftlab {

class ReleaseFilter;
class ReleaseTableModel;

class DatasetPanel : public QWidget {
    Q_OBJECT
public:
    explicit DatasetPanel(QWidget* parent = nullptr);

    void setDataset(std::shared_ptr<const DriftDataset> dataset);
    // Selects (and scrolls to) a release if it passes the filter.
    void selectRelease(int release);
    int selectedRelease() const;
    // The next / previous release in the table's current order and filter.
    void step(int delta);
    QTableView* table() const { return table_; }

signals:
    void releaseSelected(int release);

private:
    void updateSummary();

    std::shared_ptr<const DriftDataset> dataset_;
    QLabel* summary_;
    QComboBox* split_;
    QDateEdit *from_, *to_;
    QTableView* table_;
    ReleaseTableModel* model_;
    ReleaseFilter* filter_;
};

}  // namespace driftlab
