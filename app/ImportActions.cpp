#include "ImportActions.h"

#include <QFileInfo>
#include <QMessageBox>
#include <QWidget>
#include <memory>

#include "ImportCurrentsDialog.h"
#include "ImportTrajectoriesDialog.h"
#include "JobRunner.h"
#include "core/CoreCount.h"

namespace driftlab {

namespace {

std::vector<std::string> toStd(const QStringList& files) {
    std::vector<std::string> out;
    for (const QString& f : files) out.push_back(f.toStdString());
    return out;
}

QString history(const char* what, const QStringList& files) {
    return QString("driftlab (explorer) %1 %2").arg(what, files.join(' '));
}

}  // namespace

ImportActions::ImportActions(QWidget* window, Open open)
    : QObject(window), window_(window), open_(std::move(open)) {}

bool ImportActions::isNetCdfName(const QString& path) {
    const QString s = QFileInfo(path).suffix().toLower();
    return s == "nc" || s == "nc4" || s == "cdf" || s == "netcdf";
}

void ImportActions::importCurrents(const QStringList& files) {
    ImportCurrentsDialog dialog(files, window_);
    if (dialog.exec() != QDialog::Accepted) return;
    runCurrentsImport(dialog.files(), dialog.options(), dialog.currentsPath(), dialog.generate(),
                      dialog.datasetPath());
}

void ImportActions::importTrajectories(const QStringList& files) {
    ImportTrajectoriesDialog dialog(files, window_);
    if (dialog.exec() != QDialog::Accepted) return;
    runTrajectoryImport(dialog.files(), dialog.options(), dialog.outputPath());
}

void ImportActions::runCurrentsImport(const QStringList& files,
                                      const CurrentsImportOptions& options,
                                      const QString& currentsPath,
                                      const GenerateOnCurrents& generate,
                                      const QString& datasetPath, bool progressDialog) {
    auto result = std::make_shared<std::string>();
    const auto paths = toStd(files);
    const std::string cur = currentsPath.toStdString(), ds = datasetPath.toStdString();
    const std::string hist = history("import-currents", files).toStdString();
    JobRunner::start(
        window_, tr("Importing currents"),
        [=](const JobControl& control) {
            *result = importCurrentsAndGenerate(paths, options, cur, generate, ds, hist, control);
        },
        [this, result](const JobOutcome& outcome) {
            if (!outcome.ok) {
                if (!outcome.cancelled)
                    QMessageBox::critical(window_, tr("Cannot import the currents"), outcome.error);
                emit finished(false, {}, outcome.error);
                return;
            }
            const QString path = QString::fromStdString(*result);
            const bool opened = open_(path);
            emit finished(opened, path, opened ? QString() : tr("could not open %1").arg(path));
        },
        progressDialog);
}

void ImportActions::runTrajectoryImport(const QStringList& files,
                                        const TrajectoryImportOptions& options,
                                        const QString& outputPath, bool progressDialog) {
    const auto paths = toStd(files);
    const std::string out = outputPath.toStdString();
    const std::string hist = history("import-trajectories", files).toStdString();
    JobRunner::start(
        window_, tr("Importing trajectories"),
        [=](const JobControl& control) {
            driftlab::importTrajectories(paths, options, out, hist, control);
        },
        [this, outputPath](const JobOutcome& outcome) {
            if (!outcome.ok) {
                if (!outcome.cancelled)
                    QMessageBox::critical(window_, tr("Cannot import the trajectories"),
                                          outcome.error);
                emit finished(false, {}, outcome.error);
                return;
            }
            const bool opened = open_(outputPath);
            emit finished(opened, outputPath, {});
        },
        progressDialog);
}

void ImportActions::offerDataset(const QString& currentsPath) {
    const QFileInfo info(currentsPath);
    QString base = info.completeBaseName();
    if (base.endsWith("-currents")) base.chop(9);
    const QString target = info.absolutePath() + "/" + base + "-dataset.h5";
    const auto answer = QMessageBox::question(
        window_, tr("Currents only"),
        tr("%1 holds currents and no releases to show.\n\nGenerate a dataset on these currents "
           "(200 releases of 1,000 particles, up to 10 days) as %2 and open it?")
            .arg(info.fileName(), QFileInfo(target).fileName()));
    if (answer != QMessageBox::Yes) return;
    GenerateOnCurrents g;
    g.threads = coreCount();
    const std::string cur = currentsPath.toStdString(), out = target.toStdString();
    const std::string hist =
        ("driftlab (explorer) generate --currents " + currentsPath).toStdString();
    JobRunner::start(
        window_, tr("Generating a dataset on the currents"),
        [=](const JobControl& control) { generateOnCurrentsFile(cur, g, out, hist, control); },
        [this, target](const JobOutcome& outcome) {
            if (outcome.ok) {
                emit finished(open_(target), target, {});
            } else {
                if (!outcome.cancelled)
                    QMessageBox::critical(window_, tr("Cannot generate"), outcome.error);
                emit finished(false, {}, outcome.error);
            }
        });
}

}  // namespace driftlab
