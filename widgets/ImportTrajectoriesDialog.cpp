#include "ImportTrajectoriesDialog.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <memory>

#include "JobRunner.h"

namespace driftlab {

ImportTrajectoriesDialog::ImportTrajectoriesDialog(const QStringList& files, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Import trajectories"));
    setObjectName("importTrajectoriesDialog");
    auto* top = new QVBoxLayout(this);
    top->addWidget(
        new QLabel(tr("Trajectories simulated by OpenDrift or OceanParcels (NetCDF), "
                      "or UncertainDrift's density-map files")));
    auto* fileRow = new QHBoxLayout;
    files_ = new QListWidget;
    files_->setObjectName("trajectoryFiles");
    files_->setMaximumHeight(80);
    auto* add = new QPushButton(tr("Add Files..."));
    fileRow->addWidget(files_, 1);
    fileRow->addWidget(add, 0, Qt::AlignTop);
    top->addLayout(fileRow);

    summary_ = new QPlainTextEdit;
    summary_->setObjectName("trajectorySummary");
    summary_->setReadOnly(true);
    summary_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    summary_->setMinimumSize(560, 110);
    top->addWidget(summary_);

    auto* form = new QFormLayout;
    auto* gridRow = new QHBoxLayout;
    grid_ = new QLineEdit;
    grid_->setObjectName("trajectoryGrid");
    grid_->setPlaceholderText(tr("none: a grid around the particles, no currents"));
    auto* browseGrid = new QPushButton(tr("Browse..."));
    gridRow->addWidget(grid_, 1);
    gridRow->addWidget(browseGrid);
    form->addRow(tr("Currents (grid)"), gridRow);
    resolution_ = new QDoubleSpinBox;
    resolution_->setObjectName("trajectoryResolution");
    resolution_->setRange(0.001, 5.0);
    resolution_->setDecimals(4);
    resolution_->setValue(1.0 / 16);
    resolution_->setSuffix(QString::fromUtf8(" \u00b0"));
    form->addRow(tr("Resolution (no currents)"), resolution_);
    sigma_ = new QDoubleSpinBox;
    sigma_->setObjectName("trajectorySigma");
    sigma_->setRange(0.0, 20.0);
    sigma_->setValue(1.0);
    sigma_->setSuffix(tr(" cells"));
    form->addRow(tr("Smoothing (Gaussian sigma)"), sigma_);
    ensemble_ = new QLineEdit;
    ensemble_->setObjectName("trajectoryEnsemble");
    ensemble_->setPlaceholderText(tr("detected, else by start time and place"));
    form->addRow(tr("Ensemble variable"), ensemble_);
    groupKm_ = new QDoubleSpinBox;
    groupKm_->setRange(0.0, 5000.0);
    groupKm_->setValue(25.0);
    groupKm_->setSuffix(" km");
    form->addRow(tr("One release within"), groupKm_);
    auto* outRow = new QHBoxLayout;
    output_ = new QLineEdit;
    output_->setObjectName("trajectoryOutput");
    auto* browseOut = new QPushButton(tr("Browse..."));
    outRow->addWidget(output_, 1);
    outRow->addWidget(browseOut);
    form->addRow(tr("Dataset file"), outRow);
    top->addLayout(form);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    importButton_ = buttons->button(QDialogButtonBox::Ok);
    importButton_->setText(tr("Import"));
    importButton_->setEnabled(false);
    top->addWidget(buttons);

    connect(add, &QPushButton::clicked, this, [this] {
        const QStringList chosen = QFileDialog::getOpenFileNames(
            this, tr("Trajectories"), QString(), tr("NetCDF (*.nc *.nc4);;All files (*)"));
        if (!chosen.isEmpty()) setFiles(this->files() + chosen);
    });
    connect(browseGrid, &QPushButton::clicked, this, [this] {
        const QString p = QFileDialog::getOpenFileName(this, tr("Currents or dataset"), QString(),
                                                       tr("DriftLab files (*.h5)"));
        if (!p.isEmpty()) setGrid(p);
    });
    connect(browseOut, &QPushButton::clicked, this, [this] {
        const QString p = QFileDialog::getSaveFileName(this, tr("Dataset file"), output_->text(),
                                                       tr("DriftLab datasets (*.h5)"));
        if (!p.isEmpty()) output_->setText(p);
    });
    connect(ensemble_, &QLineEdit::editingFinished, this, &ImportTrajectoriesDialog::changed);
    connect(grid_, &QLineEdit::textChanged, this,
            [this] { resolution_->setEnabled(grid_->text().isEmpty()); });
    connect(output_, &QLineEdit::textChanged, this,
            [this] { importButton_->setEnabled(inspected_ && !output_->text().isEmpty()); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    if (!files.isEmpty()) setFiles(files);
}

QStringList ImportTrajectoriesDialog::files() const {
    QStringList out;
    for (int k = 0; k < files_->count(); ++k) out << files_->item(k)->text();
    return out;
}

void ImportTrajectoriesDialog::setFiles(const QStringList& files) {
    files_->clear();
    files_->addItems(files);
    if (!files.isEmpty() && output_->text().isEmpty()) {
        const QFileInfo first(files.front());
        output_->setText(first.absolutePath() + "/" + first.completeBaseName() + "-dataset.h5");
    }
    changed();
}

void ImportTrajectoriesDialog::setGrid(const QString& path) {
    grid_->setText(path);
}

void ImportTrajectoriesDialog::changed() {
    inspected_ = false;
    importButton_->setEnabled(false);
    if (inspecting_)
        reinspect_ = true;
    else if (files_->count() > 0)
        inspect();
}

TrajectoryImportOptions ImportTrajectoriesDialog::options() const {
    TrajectoryImportOptions o;
    o.gridPath = grid_->text().trimmed().toStdString();
    if (o.gridPath.empty()) o.resolutionDeg = resolution_->value();
    o.sigmaCells = sigma_->value();
    o.ensembleVar = ensemble_->text().trimmed().toStdString();
    o.groupRadiusKm = groupKm_->value();
    return o;
}

QString ImportTrajectoriesDialog::outputPath() const {
    return output_->text();
}
QString ImportTrajectoriesDialog::summaryText() const {
    return summary_->toPlainText();
}

void ImportTrajectoriesDialog::inspect() {
    inspecting_ = true;
    summary_->setPlainText(tr("Reading the files..."));
    std::vector<std::string> paths;
    for (const QString& f : files()) paths.push_back(f.toStdString());
    const std::string ensemble = ensemble_->text().trimmed().toStdString();
    auto info = std::make_shared<TrajectoryFileInfo>();
    JobRunner::start(
        this, tr("Reading"),
        [paths, ensemble, info](const JobControl&) {
            *info = inspectTrajectories(paths, ensemble);
        },
        [this, info](const JobOutcome& outcome) {
            inspecting_ = false;
            if (reinspect_) {
                reinspect_ = false;
                inspect();
                return;
            }
            inspected_ = outcome.ok;
            summary_->setPlainText(outcome.ok
                                       ? QString::fromStdString(info->summary())
                                       : tr("Cannot import these files:\n%1").arg(outcome.error));
            importButton_->setEnabled(inspected_ && !output_->text().isEmpty());
            emit inspectionDone(inspected_);
        },
        false);
}

}  // namespace driftlab
