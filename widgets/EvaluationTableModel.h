#pragma once
// The samples of an evaluation (EvaluationResult) as a table: one row per pair (release, day t
// -> t+1) with the model's metrics, persistence's, the model's MAE relative to persistence's and
// whether it beats it, the numerical-advection baseline's MAE and IoU50 and the model's MAE
// relative to it, then the km metrics (the model's centre separation, spread ratio, transport
// and far mass, and the baselines' centre and spread beside them). Display text is formatted as in the Prediction panel; SortRole gives
// numbers, so a sorting proxy orders 9e-06 before 1.2e-05 (text order would not).
#include <QAbstractTableModel>
#include <memory>
#include <optional>

#include "MetricFormat.h"
#include "learn/Evaluator.h"

namespace driftlab {

class DriftDataset;

class EvaluationTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        ReleaseColumn,
        DayColumn,
        ReleasedColumn,
        Mse,
        Mae,
        Iou50,
        Iou90,
        MassError,
        PersistenceMse,
        PersistenceMae,
        PersistenceIou50,
        PersistenceIou90,
        PersistenceMassError,
        MaeVsPersistence,
        BeatsPersistence,
        AdvectionMae,  // the numerical-advection baseline's
        AdvectionIou50,
        MaeVsAdvection,
        CentreKm,  // the km metrics (stats/CloudGeometry)
        SpreadRatio,
        TransportKm,
        FarMass,
        AdvectionCentreKm,
        AdvectionSpreadRatio,
        PersistenceCentreKm,
        ColumnCount
    };
    static constexpr int SortRole = Qt::UserRole;

    using QAbstractTableModel::QAbstractTableModel;

    // `dataset` (the one evaluated) gives the release dates; either may be null (empty table).
    void setResult(std::shared_ptr<const EvaluationResult> result,
                   std::shared_ptr<const DriftDataset> dataset);
    void clear() { setResult(nullptr, nullptr); }
    const EvaluationResult* result() const { return result_.get(); }
    const SampleMetrics* sample(int row) const;

    // Whose metric a column shows.
    enum class Source { Model, Persistence, Advection };
    // The metric a column shows, and whose; nullopt for other columns.
    static std::optional<Metric> metricOf(int column, Source* source = nullptr);
    // The model's MAE relative to persistence's (model / persistence - 1; -0.1 = 10 % better),
    // NaN when persistence's MAE is 0.
    static double maeVsPersistence(const SampleMetrics& s);
    static double maeVsAdvection(const SampleMetrics& s);  // the same against the advection

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::shared_ptr<const EvaluationResult> result_;
    std::vector<int> releaseDates_;  // days since 1970-01-01, per release of the dataset
};

}  // namespace driftlab
