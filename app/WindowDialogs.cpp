#include "WindowDialogs.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

#include "data/DriftDataset.h"

namespace driftlab {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("MainWindow", text);
}

// OK and Cancel at the foot of a form.
void addButtons(QDialog& dialog, QFormLayout* form) {
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(buttons);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
}
}  // namespace

std::optional<MeanChoice> askMeanSubset(QWidget* parent, const DriftDataset& dataset) {
    QDialog dialog(parent);
    dialog.setWindowTitle(tr("Mean density of a subset"));
    auto* form = new QFormLayout(&dialog);
    auto* split = new QComboBox;
    split->addItem(tr("all splits"), -1);
    split->addItem(tr("train"), static_cast<int>(Split::Train));
    split->addItem(tr("val"), static_cast<int>(Split::Validation));
    split->addItem(tr("test"), static_cast<int>(Split::Test));
    auto* day = new QComboBox;
    day->addItem(tr("all output days"), -1);
    for (int d = 0; d <= dataset.outputDays(); ++d) day->addItem(tr("day %1").arg(d), d);
    form->addRow(tr("Split"), split);
    form->addRow(tr("Day"), day);
    addButtons(dialog, form);
    if (dialog.exec() != QDialog::Accepted) return std::nullopt;
    return MeanChoice{split->currentData().toInt(), day->currentData().toInt()};
}

QString askModelPath(QWidget* parent) {
    QSettings settings;
    QFileDialog dialog(parent, tr("Load model"), settings.value("lastModelDir").toString());
    // Qt's own dialog, so it can hold the run-folder option.
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    dialog.setFileMode(QFileDialog::ExistingFile);
    dialog.setNameFilters({tr("Checkpoints and weights (*.pt)"), tr("All files (*)")});
    auto* folder = new QCheckBox(tr("Choose a run folder (its best.pt, else last.pt)"));
    folder->setObjectName("runFolder");
    if (auto* grid = qobject_cast<QGridLayout*>(dialog.layout()))
        grid->addWidget(folder, grid->rowCount(), 0, 1, -1);
    QObject::connect(folder, &QCheckBox::toggled, &dialog, [&dialog](bool on) {
        dialog.setFileMode(on ? QFileDialog::Directory : QFileDialog::ExistingFile);
        dialog.setOption(QFileDialog::ShowDirsOnly, on);
    });
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) return {};
    const QString path = dialog.selectedFiles().constFirst();
    const QFileInfo info(path);
    settings.setValue("lastModelDir",
                      info.isDir() ? info.absoluteDir().absolutePath() : info.absolutePath());
    return path;
}

std::optional<QSize> askImageSize(QWidget* parent, QSize proposed) {
    QDialog dialog(parent);
    dialog.setWindowTitle(tr("Save view as PNG"));
    auto* form = new QFormLayout(&dialog);
    auto* w = new QSpinBox;
    auto* h = new QSpinBox;
    for (QSpinBox* s : {w, h}) s->setRange(64, 8192);
    w->setValue(proposed.width());
    h->setValue(proposed.height());
    form->addRow(tr("Width (px)"), w);
    form->addRow(tr("Height (px)"), h);
    addButtons(dialog, form);
    if (dialog.exec() != QDialog::Accepted) return std::nullopt;
    return QSize(w->value(), h->value());
}

bool askStopTrainingAndClose(QWidget* parent) {
    QMessageBox box(QMessageBox::Question, tr("Training in progress"),
                    tr("A run is training. Stop it, save a checkpoint and close?\n\n"
                       "It can be continued later: Open Run... in the training panel, then "
                       "Continue."),
                    QMessageBox::Cancel, parent);
    QPushButton* stopAndClose = box.addButton(tr("Stop, Save and Close"), QMessageBox::AcceptRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == stopAndClose;
}

SceneOptions loadSceneOptions() {
    QSettings settings;
    SceneOptions o;
    o.layer = static_cast<Layer>(settings.value("view/layer", static_cast<int>(o.layer)).toInt());
    o.logScale = settings.value("view/log", o.logScale).toBool();
    o.datasetRange = settings.value("view/datasetRange", o.datasetRange).toBool();
    o.arrows = settings.value("view/arrows", o.arrows).toBool();
    o.streamlines = settings.value("view/streamlines", o.streamlines).toBool();
    o.contours = settings.value("view/contours", o.contours).toBool();
    o.coastline = settings.value("view/coastline", o.coastline).toBool();
    o.axes = settings.value("view/axes", o.axes).toBool();
    return o;
}

void saveSceneOptions(const SceneOptions& o) {
    QSettings settings;
    settings.setValue("view/layer", static_cast<int>(o.layer));
    settings.setValue("view/log", o.logScale);
    settings.setValue("view/datasetRange", o.datasetRange);
    settings.setValue("view/arrows", o.arrows);
    settings.setValue("view/streamlines", o.streamlines);
    settings.setValue("view/contours", o.contours);
    settings.setValue("view/coastline", o.coastline);
    settings.setValue("view/axes", o.axes);
}

}  // namespace driftlab
