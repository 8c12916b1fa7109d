#pragma once
// File > Import Currents...: picks model-output files (CMEMS, HYCOM, NEMO, ROMS, any CF
// NetCDF), shows what DriftLab detected in them (velocity variables, grid kind, time span and
// step, depth, land, the box and the DriftLab grid) and lets the user override it (variable
// names, box, time range, resolution, depth level, daily means, direction, time origin), and
// draws the first field's currents as arrows before the import. Detection runs off the GUI
// thread; the import itself is run by the caller (MainWindow) with progress and Cancel.
// Optionally a dataset is generated on the imported currents so the result can be browsed.
#include <QDialog>
#include <QStringList>

#include "importing/CurrentsImporter.h"
#include "importing/ImportJobs.h"

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace driftlab {

class CurrentsPreview;

class ImportCurrentsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ImportCurrentsDialog(const QStringList& files = {}, QWidget* parent = nullptr);

    QStringList files() const;
    void setFiles(const QStringList& files);  // and detects
    CurrentsImportOptions options() const;
    QString currentsPath() const;
    QString datasetPath() const;
    GenerateOnCurrents generate() const;

    // Runs the detection with the current settings (off the GUI thread); detectionDone follows.
    void detect();
    bool detected() const { return detected_; }
    QString summaryText() const;
    const CurrentsPreview* preview() const { return preview_; }

signals:
    void detectionDone(bool ok);

private:
    void addFiles();
    void settingsChanged();
    void chooseOutput();
    void applyPlan(const CurrentsImportPlan& plan);

    QListWidget* files_;
    QLineEdit* u_;
    QLineEdit* v_;
    QCheckBox* useBox_;
    QDoubleSpinBox* west_;
    QDoubleSpinBox* east_;
    QDoubleSpinBox* south_;
    QDoubleSpinBox* north_;
    QCheckBox* useTime_;
    QDateEdit* from_;
    QDateEdit* to_;
    QDoubleSpinBox* resolution_;  // 0: the file's own
    QSpinBox* depthLevel_;        // -1: the level nearest the surface
    QCheckBox* dailyMean_;
    QComboBox* direction_;  // detected / along the grid / east-north
    QLineEdit* timeOrigin_;  // empty: from the file
    CurrentsPreview* preview_;
    QPlainTextEdit* summary_;
    QLineEdit* output_;
    QGroupBox* generateBox_;
    QSpinBox* releases_;
    QSpinBox* particles_;
    QSpinBox* days_;
    QDoubleSpinBox* radius_;
    QPushButton* importButton_;
    QPushButton* detectButton_;
    bool detected_ = false;
    bool detecting_ = false;
    bool redetect_ = false;  // settings changed while detecting: detect again when done
    bool boxFromFile_ = true;
};

}  // namespace driftlab
