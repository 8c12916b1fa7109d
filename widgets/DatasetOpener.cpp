#include "DatasetOpener.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QMessageBox>
#include <QPointer>
#include <QWidget>

#include "JobRunner.h"
#include "SceneBuilder.h"
#include "core/CoreCount.h"
#include "data/DriftDataset.h"
#include "jobs/DatasetGenerator.h"

namespace driftlab {

DatasetOpener::Result DatasetOpener::open(QWidget* window, const QString& path) {
    auto opened = std::make_shared<std::shared_ptr<const DriftDataset>>();
    // An application quitting meanwhile ends the wait: the outcome is then "cancelled".
    auto outcome = std::make_shared<JobOutcome>();
    outcome->cancelled = true;
    QEventLoop loop;
    QPointer<QEventLoop> waiting(&loop);
    const std::string file = path.toStdString();
    JobRunner::start(
        window, QObject::tr("Opening %1").arg(QFileInfo(path).fileName()),
        [opened, file](const JobControl& control) {
            control.report(0.1, "reading " + file);
            auto ds = std::make_shared<const DriftDataset>(DriftDataset::open(file));
            control.throwIfStopped();
            if (ds->releaseCount() > 0) {
                control.report(0.6, "reading the first sample");
                SceneBuilder(ds).load(0, 0);
            }
            *opened = std::move(ds);
        },
        [outcome, waiting](const JobOutcome& o) {
            *outcome = o;
            if (waiting) waiting->quit();
        });
    loop.exec();
    Result result;
    result.cancelled = outcome->cancelled;
    result.error = outcome->error;
    if (outcome->ok) result.dataset = *opened;
    return result;
}

void DatasetOpener::generateDemo(QWidget* window, const QString& path, std::function<void()> done) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    const std::string target = path.toStdString();
    QPointer<QWidget> parent(window);
    JobRunner::start(
        window, QObject::tr("Generating the demo dataset"),
        [target](const JobControl& control) {
            GeneratorConfig config = GeneratorConfig::fromPreset("demo");
            config.threads = coreCount();
            generateDataset(config, target, "driftlab (first start): demo preset", control);
        },
        [parent, done = std::move(done)](const JobOutcome& outcome) {
            if (outcome.ok) {
                done();
            } else if (!outcome.cancelled) {
                QMessageBox::critical(
                    parent, QObject::tr("DriftLab"),
                    QObject::tr("Could not generate the demo dataset:\n%1").arg(outcome.error));
            }
        });
}

}  // namespace driftlab
