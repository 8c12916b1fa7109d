#include "MeanPresenter.h"

#include <QDir>
#include <QMainWindow>
#include <QMessageBox>
#include <QStandardPaths>
#include <QStatusBar>

#include "JobRunner.h"
#include "MapView.h"
#include "SceneBuilder.h"
#include "core/CoreCount.h"
#include "stats/MeanCache.h"

namespace driftlab {

MeanPresenter::MeanPresenter(QMainWindow* window, MapView* map, MapView* compare)
    : QObject(window), window_(window), map_(map), compare_(compare) {}

void MeanPresenter::setSources(std::shared_ptr<const DriftDataset> dataset, SceneBuilder* scene) {
    if (dataset != dataset_) {
        mean_.clear();
        caption_.clear();
    }
    dataset_ = std::move(dataset);
    scene_ = scene;
    error_.clear();
}

void MeanPresenter::setError(std::vector<double> meanError, QString caption) {
    error_ = std::move(meanError);
    errorCaption_ = std::move(caption);
}

void MeanPresenter::compute(int split, int day) {
    if (!dataset_) return;
    MeanSubset subset;
    if (split >= 0) subset.split = static_cast<Split>(split);
    if (day >= 0) subset.day = day;
    auto ds = dataset_;
    auto result = std::make_shared<MeanResult>();
    auto warning = std::make_shared<std::string>();
    const std::string cache = QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation))
                                  .filePath("mean")
                                  .toStdString();
    const int threads = coreCount();
    const QString what = QString::fromStdString(subset.describe());
    JobRunner::start(
        window_, tr("Mean density: %1").arg(what),
        [ds, subset, cache, threads, result, warning](const JobControl& control) {
            *result = MeanCache(cache).getOrCompute(*ds, subset, threads, control, warning.get());
        },
        [this, ds, result, warning, what](const JobOutcome& outcome) {
            if (ds != dataset_) return;  // another file was opened meanwhile
            if (!outcome.ok) {
                if (!outcome.cancelled)
                    QMessageBox::critical(window_, tr("Mean density"), outcome.error);
                return;
            }
            mean_ = result->mean;
            caption_ = tr("Mean density over %1 maps (%2)").arg(result->maps).arg(what);
            emit ready();
            QStatusBar* status = window_->statusBar();
            status->showMessage(
                result->fromCache
                    ? tr("Mean density from the cache")
                    : tr("Mean density computed in %1 s").arg(result->seconds, 0, 'f', 2),
                6000);
            if (!warning->empty()) status->showMessage(QString::fromStdString(*warning), 8000);
        });
}

void MeanPresenter::draw(bool sideBySide) {
    if (!scene_ || mean_.empty()) return;
    if (sideBySide && error_.size() == mean_.size()) {
        scene_->applyMeanWithError(*map_, *compare_, mean_, caption_, error_, errorCaption_);
        return;
    }
    scene_->applyMean(*map_, mean_, caption_);
    if (sideBySide) {
        compare_->clearData();
        compare_->setCaption(
            tr("Mean error map: evaluate a model on a split (Model > Evaluate on Split...)"));
    }
}

}  // namespace driftlab
