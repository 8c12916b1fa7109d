#pragma once
// The explorer's way in for real data: File > Import Currents... and Import Trajectories...,
// NetCDF files dropped on the window, and a currents file opened on its own (it has no release
// to show: the explorer offers to generate a dataset on it). Imports run off the GUI thread
// with a progress dialog and Cancel; the result opens in the window.
#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>

#include "importing/CurrentsImporter.h"
#include "importing/ImportJobs.h"
#include "importing/TrajectoryImporter.h"

class QWidget;

namespace driftlab {

class ImportActions : public QObject {
    Q_OBJECT
public:
    using Open = std::function<bool(const QString& path)>;
    ImportActions(QWidget* window, Open open);

    // The dialogs (modal), then the import.
    void importCurrents(const QStringList& files = {});
    void importTrajectories(const QStringList& files = {});
    // The imports themselves, without a dialog to fill in (the dialogs end here; so do tests).
    void runCurrentsImport(const QStringList& files, const CurrentsImportOptions& options,
                           const QString& currentsPath, const GenerateOnCurrents& generate,
                           const QString& datasetPath, bool progressDialog = true);
    void runTrajectoryImport(const QStringList& files, const TrajectoryImportOptions& options,
                             const QString& outputPath, bool progressDialog = true);
    // A DriftLab file with currents and no release: asks, then generates a dataset beside it.
    void offerDataset(const QString& currentsPath);

    static bool isNetCdfName(const QString& path);

signals:
    // ok: `path` was written and opened; otherwise `error` says why (empty when cancelled).
    void finished(bool ok, const QString& path, const QString& error);

private:
    QWidget* window_;
    Open open_;
};

}  // namespace driftlab
