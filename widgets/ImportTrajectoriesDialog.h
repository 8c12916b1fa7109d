#pragma once
// File > Import Trajectories...: particle trajectories from OpenDrift or OceanParcels (or
// UncertainDrift's density-map files) into a DriftLab dataset. Shows what the files hold (kind,
// particles, time span, how releases are grouped) before the import, read off the GUI thread;
// the caller runs the import with progress and Cancel.
#include <QDialog>
#include <QStringList>

#include "importing/TrajectoryImporter.h"

class QDoubleSpinBox;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace driftlab {

class ImportTrajectoriesDialog : public QDialog {
    Q_OBJECT
public:
    explicit ImportTrajectoriesDialog(const QStringList& files = {}, QWidget* parent = nullptr);

    QStringList files() const;
    void setFiles(const QStringList& files);  // and inspects them
    void setGrid(const QString& currentsPath);
    TrajectoryImportOptions options() const;
    QString outputPath() const;
    void inspect();
    bool inspected() const { return inspected_; }
    QString summaryText() const;

signals:
    void inspectionDone(bool ok);

private:
    void changed();
    QListWidget* files_;
    QLineEdit* grid_;
    QDoubleSpinBox* resolution_;
    QDoubleSpinBox* sigma_;
    QLineEdit* ensemble_;
    QDoubleSpinBox* groupKm_;
    QPlainTextEdit* summary_;
    QLineEdit* output_;
    QPushButton* importButton_;
    bool inspected_ = false;
    bool inspecting_ = false;
    bool reinspect_ = false;
};

}  // namespace driftlab
