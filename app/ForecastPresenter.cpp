#include "ForecastPresenter.h"

#include <QDateTime>
#include <QDockWidget>
#include <QFileDialog>
#include <QMainWindow>
#include <QMenu>
#include <QMessageBox>
#include <QStatusBar>

#include "DayBar.h"
#include "ForecastController.h"
#include "ForecastPanel.h"
#include "ForecastScene.h"
#include "LayerPanel.h"
#include "MapView.h"
#include "PredictionPanel.h"
#include "ReleaseDialog.h"
#include "ViewExporter.h"
#include "data/DriftDataset.h"
#include "jobs/CustomRelease.h"
#include "ocean/CivilDate.h"

namespace driftlab {

ForecastPresenter::ForecastPresenter(QMainWindow* window, QDockWidget* beside, Views views,
                                     ViewExporter* exporter, std::function<bool()> showing)
    : QObject(window),
      window_(window),
      views_(views),
      exporter_(exporter),
      showing_(std::move(showing)) {
    forecasts_ = new ForecastController(this);
    panel_ = new ForecastPanel;
    dock_ = new QDockWidget(tr("Forecast"), window);
    dock_->setObjectName("forecastDock");
    dock_->setWidget(panel_);
    // On the left, a tab beside the layers: the two maps of a forecast need the middle's width.
    window->addDockWidget(Qt::LeftDockWidgetArea, dock_);
    window->tabifyDockWidget(beside, dock_);
    dock_->hide();

    connect(forecasts_, &ForecastController::started, this, [this] {
        dayOneShown_ = false;
        dock_->show();
        dock_->raise();
        panel_->setRunning(true);
        panel_->setStatus(tr("Working..."));
        emit started();
        onUpdated(-1);
    });
    connect(forecasts_, &ForecastController::updated, this, &ForecastPresenter::onUpdated);
    connect(forecasts_, &ForecastController::progress, panel_, &ForecastPanel::setProgress);
    connect(forecasts_, &ForecastController::finished, this,
            [this](bool ok, bool cancelled, const QString& error) {
                panel_->setRunning(false);
                if (cancelled) {
                    panel_->setStatus(tr("Cancelled."));
                } else if (!ok) {
                    panel_->setStatus(tr("Failed: %1").arg(error));
                    QMessageBox::warning(window_, tr("Forecast"), error);
                }
                onUpdated(-1);
            });
    connect(panel_, &ForecastPanel::cancelRequested, forecasts_, &ForecastController::cancel);
    connect(panel_, &ForecastPanel::cancelRequested, this, [this] {
        panel_->setRunning(false);
        panel_->setStatus(tr("Cancelled."));
    });
    connect(panel_, &ForecastPanel::closeRequested, this, &ForecastPresenter::close);
    connect(panel_, &ForecastPanel::exportRequested, this, &ForecastPresenter::exportForecast);
    connect(panel_, &ForecastPanel::particlesToggled, this, [this] {
        if (showing_()) showDay(views_.days->day());
    });
}

void ForecastPresenter::setSources(std::shared_ptr<const DriftDataset> dataset,
                                   std::shared_ptr<const Predictor> predictor,
                                   SceneBuilder* scene) {
    dataset_ = dataset;
    hasModel_ = predictor != nullptr;
    scene_ = scene;
    forecasts_->setSources(std::move(dataset), std::move(predictor));
    panel_->setForecast(nullptr, {});
}

void ForecastPresenter::say(const QString& message, int ms) {
    window_->statusBar()->showMessage(message, ms);
}

bool ForecastPresenter::startRollout(int release, QString* error) {
    QString why;
    startedMs_ = QDateTime::currentMSecsSinceEpoch();
    if (forecasts_->startRollout(release, &why)) return true;
    say(why, 8000);
    if (error) *error = why;
    return false;
}

bool ForecastPresenter::releaseAt(const ReleaseSpec& spec, bool keepParticles, QString* error) {
    QString why;
    startedMs_ = QDateTime::currentMSecsSinceEpoch();
    if (forecasts_->startRelease(spec, keepParticles, &why)) return true;
    say(why, 8000);
    if (error) *error = why;
    return false;
}

void ForecastPresenter::chooseRelease(double lon, double lat, int day) {
    if (!dataset_) return;
    const std::string problem = releasePointProblem(*dataset_, lon, lat);
    if (!problem.empty()) {
        QMessageBox::information(window_, tr("Release particles"),
                                 tr("No release there: %1.").arg(QString::fromStdString(problem)));
        return;
    }
    ReleaseDialog dialog(*dataset_, lon, lat, day, window_);
    if (dialog.exec() != QDialog::Accepted) return;
    QString why;
    if (!releaseAt(dialog.spec(), dialog.keepParticles(), &why))
        QMessageBox::information(window_, tr("Release particles"), why);
}

void ForecastPresenter::showMapMenu(double lon, double lat, int release, int day,
                                    const QPoint& globalPos) {
    if (!dataset_) return;
    QMenu menu(window_);
    const std::string problem = releasePointProblem(*dataset_, lon, lat);
    QAction* here = menu.addAction(tr("Release Particles Here..."), this,
                                   [this, lon, lat, day] { chooseRelease(lon, lat, day); });
    if (!problem.empty()) {
        here->setEnabled(false);
        menu.addAction(QString::fromStdString(problem))->setEnabled(false);
    }
    menu.addAction(tr("Roll Out This Release"), this,
                   [this, release] {
                       QString why;
                       if (!startRollout(release, &why))
                           QMessageBox::information(window_, tr("Rollout"), why);
                   })
        ->setEnabled(hasModel_);
    menu.exec(globalPos);
}

void ForecastPresenter::close() {
    forecasts_->clear();
    panel_->setForecast(nullptr, {});
    panel_->setRunning(false);
    panel_->setStatus({});
    emit closed();
}

void ForecastPresenter::onUpdated(int day) {
    const Forecast* f = forecasts_->forecast();
    if (!f || !dataset_) return;
    panel_->setForecast(f, dataset_->mask().values(), &dataset_->grid());
    if (!showing_()) return;
    // The first moment day 1 can be shown (the simulation, and the model's day 1 if there is a
    // model): go there and say how long it took.
    const bool dayOneReady = f->simulatedReady() && (!f->hasModel() || f->predictedReady(1));
    if (dayOneReady && !dayOneShown_) {
        dayOneShown_ = true;
        {
            const QSignalBlocker block(views_.days);
            views_.days->setDay(1);
        }
        showDay(1);
        views_.map->renderNow();
        views_.compare->renderNow();
        dayOneMs_ = QDateTime::currentMSecsSinceEpoch() - startedMs_;
        panel_->setStatus(tr("Day 1 shown %1 ms after the start.").arg(dayOneMs_));
        say(tr("Forecast: day 1 shown after %1 ms").arg(dayOneMs_), 6000);
        return;
    }
    if (f->complete() && day == -1 && dayOneShown_ && !forecasts_->running()) {
        panel_->setStatus(tr("Day 1 shown %1 ms after the start; all %2 days ready after %3 ms.")
                              .arg(dayOneMs_)
                              .arg(f->days)
                              .arg(f->totalMs, 0, 'f', 0));
    }
    if (day < 0 || day == views_.days->day()) showDay(views_.days->day());
}

void ForecastPresenter::showDay(int day) {
    const Forecast* f = forecasts_->forecast();
    if (!f || !scene_) return;
    day = std::clamp(day, 0, f->days);
    if (!f->simulatedReady()) {
        views_.map->clearData();
        views_.map->setCaption(tr("Simulating the %1...").arg(forecastSubject(*f)));
        views_.compare->clearData();
        views_.compare->setCaption({});
        return;
    }
    ComparisonScene scene = forecastDayScene(*f, day, panel_->particlesWanted());
    try {
        forecasts_->currentsOf(f->spec.day + day, scene.u, scene.v);
    } catch (const std::exception& e) {
        say(QString::fromStdString(e.what()), 8000);
    }
    scene_->applyComparison(*views_.map, *views_.compare, scene, views_.layers->options());
    views_.days->setLabel(tr("forecast day %1 of %2, %3")
                              .arg(day)
                              .arg(f->days)
                              .arg(QString::fromStdString(formatDate(f->date + day))));
    views_.prediction->clearMetrics(
        tr("A forecast is shown: its metrics per day are in the Forecast panel."));
    emit shown(day);
}

bool ForecastPresenter::saveForecast(const QString& path, QString* error) {
    return exporter_->saveForecast(forecasts_->forecast(), dataset_, path, error);
}

void ForecastPresenter::exportForecast() {
    if (!forecasts_->forecast()) {
        QMessageBox::information(window_, tr("Save forecast"),
                                 tr("There is no forecast: roll a release out or release "
                                    "particles first (Model menu)."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        window_, tr("Save forecast"), "driftlab-forecast.h5", tr("HDF5 files (*.h5 *.nc)"));
    QString why;
    if (!path.isEmpty() && !saveForecast(path, &why))
        QMessageBox::critical(window_, tr("Save forecast"), why);
}

}  // namespace driftlab
