#include "MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QThread>
#include <QTimer>
#include <QVBoxLayout>

#include "DatasetPanel.h"
#include "DayBar.h"
#include "EvaluationPanel.h"
#include "Forecast.h"
#include "ForecastController.h"
#include "ForecastPanel.h"
#include "ImageDataExport.h"
#include "ImportActions.h"
#include "JobRunner.h"
#include "LayerPanel.h"
#include "MapView.h"
#include "PredictionPanel.h"
#include "ReleaseDialog.h"
#include "TrainingPanel.h"
#include "data/ForecastWriter.h"
#include "jobs/CustomRelease.h"
#include "jobs/DatasetGenerator.h"
#include "learn/Predictor.h"
#include "ocean/CivilDate.h"
#include "stats/MeanCache.h"

namespace driftlab {

namespace {
constexpr int kMaxRecent = 8;
}

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("DriftLab"));
    setAcceptDrops(true);
    map_ = new MapView;
    compare_ = new MapView;
    compare_->setObjectName("compareView");
    compare_->hide();
    maps_ = new QSplitter(Qt::Horizontal);
    maps_->setChildrenCollapsible(false);
    maps_->addWidget(map_);
    maps_->addWidget(compare_);
    setCentralWidget(maps_);
    // Linked views: each follows the other's pan and zoom (setViewState does not echo), while
    // both are shown: the hidden one's camera, framed for another size, must not move the map.
    connect(map_, &MapView::viewChanged, compare_, [this] {
        if (sideBySide_) compare_->setViewState(map_->viewState());
    });
    connect(compare_, &MapView::viewChanged, map_, [this] {
        if (sideBySide_) map_->setViewState(compare_->viewState());
    });

    panel_ = new DatasetPanel;
    auto* datasetDock = new QDockWidget(tr("Dataset"), this);
    datasetDock->setObjectName("datasetDock");
    datasetDock->setWidget(panel_);
    panel_->setMinimumWidth(400);
    addDockWidget(Qt::LeftDockWidgetArea, datasetDock);

    layers_ = new LayerPanel;
    auto* layerDock = new QDockWidget(tr("Layers"), this);
    layerDock->setObjectName("layerDock");
    layerDock->setWidget(layers_);
    addDockWidget(Qt::LeftDockWidgetArea, layerDock);

    days_ = new DayBar;
    auto* dayDock = new QDockWidget(tr("Day"), this);
    dayDock->setObjectName("dayDock");
    dayDock->setWidget(days_);
    dayDock->setFeatures(QDockWidget::NoDockWidgetFeatures);
    dayDock->setTitleBarWidget(new QWidget);
    addDockWidget(Qt::BottomDockWidgetArea, dayDock);

    // Training: hidden until asked for (View > Training, Ctrl+T); it trains in the background
    // while the map stays usable.
    training_ = new TrainingPanel;
    training_->setMinimumWidth(440);
    trainingDock_ = new QDockWidget(tr("Training"), this);
    trainingDock_->setObjectName("trainingDock");
    trainingDock_->setWidget(training_);
    addDockWidget(Qt::RightDockWidgetArea, trainingDock_);
    trainingDock_->hide();
    askBeforeStopping_ = qEnvironmentVariableIntValue("DRIFTLAB_NO_CLOSE_QUESTION") == 0;
    connect(training_->controller(), &TrainingController::stateChanged, this, [this] {
        if (closeAfterStop_ && !training_->controller()->busy()) close();
    });

    // Predictions: the model's name and the metrics of the sample shown, below the layers.
    prediction_ = new PredictionPanel;
    predictionDock_ = new QDockWidget(tr("Prediction"), this);
    predictionDock_->setObjectName("predictionDock");
    predictionDock_->setWidget(prediction_);
    addDockWidget(Qt::LeftDockWidgetArea, predictionDock_);

    // Evaluation on a split: hidden until asked for (Model > Evaluate on Split...), beside the
    // training panel; it evaluates in the background with its own progress bar.
    evaluation_ = new EvaluationPanel;
    evaluation_->setMinimumWidth(440);
    evaluationDock_ = new QDockWidget(tr("Evaluation"), this);
    evaluationDock_->setObjectName("evaluationDock");
    evaluationDock_->setWidget(evaluation_);
    addDockWidget(Qt::RightDockWidgetArea, evaluationDock_);
    tabifyDockWidget(trainingDock_, evaluationDock_);
    evaluationDock_->hide();
    connect(evaluation_, &EvaluationPanel::sampleActivated, this, &MainWindow::showEvaluatedSample);
    connect(evaluation_, &EvaluationPanel::errorMapRequested, this,
            &MainWindow::showEvaluationErrorMap);
    // A new model or dataset: the panel drops the old result (so do the views: meanError_).
    connect(this, &MainWindow::modelChanged, this,
            [this] { evaluation_->setSources(predictor_, dataset_); });

    // Forecasts (rollouts, click-to-release): their per-day metrics, shown when one starts.
    forecasts_ = new ForecastController(this);
    forecastPanel_ = new ForecastPanel;
    forecastDock_ = new QDockWidget(tr("Forecast"), this);
    forecastDock_->setObjectName("forecastDock");
    forecastDock_->setWidget(forecastPanel_);
    // On the left, a tab beside the layers: the two maps of a forecast need the middle's width.
    addDockWidget(Qt::LeftDockWidgetArea, forecastDock_);
    tabifyDockWidget(layerDock, forecastDock_);
    forecastDock_->hide();
    connect(forecasts_, &ForecastController::started, this, [this] {
        forecastMode_ = true;
        meanMode_ = false;
        forecastDayOneShown_ = false;
        days_->setPlaying(false);
        forecastDock_->show();
        forecastDock_->raise();
        forecastPanel_->setRunning(true);
        forecastPanel_->setStatus(tr("Working..."));
        setSideBySide(true);
        {
            const QSignalBlocker block(days_);
            days_->setDay(0);
        }
        onForecastUpdated(-1);
    });
    connect(forecasts_, &ForecastController::updated, this, &MainWindow::onForecastUpdated);
    connect(forecasts_, &ForecastController::progress, forecastPanel_, &ForecastPanel::setProgress);
    connect(forecasts_, &ForecastController::finished, this,
            [this](bool ok, bool cancelled, const QString& error) {
                forecastPanel_->setRunning(false);
                if (cancelled) {
                    forecastPanel_->setStatus(tr("Cancelled."));
                } else if (!ok) {
                    forecastPanel_->setStatus(tr("Failed: %1").arg(error));
                    QMessageBox::warning(this, tr("Forecast"), error);
                }
                onForecastUpdated(-1);
            });
    connect(forecastPanel_, &ForecastPanel::cancelRequested, forecasts_,
            &ForecastController::cancel);
    connect(forecastPanel_, &ForecastPanel::cancelRequested, this, [this] {
        forecastPanel_->setRunning(false);
        forecastPanel_->setStatus(tr("Cancelled."));
    });
    connect(forecastPanel_, &ForecastPanel::closeRequested, this, &MainWindow::closeForecast);
    connect(forecastPanel_, &ForecastPanel::exportRequested, this, &MainWindow::exportForecast);
    connect(forecastPanel_, &ForecastPanel::particlesToggled, this, [this] {
        if (forecastMode_) showForecastDay(days_->day());
    });

    position_ = new QLabel;
    statusBar()->addPermanentWidget(position_);
    modelLabel_ = new QLabel(tr("no model"));
    modelLabel_->setObjectName("modelLabel");
    statusBar()->addPermanentWidget(modelLabel_);

    connect(panel_, &DatasetPanel::releaseSelected, this, [this](int r) {
        release_ = r;
        forecastMode_ = false;  // back to the dataset's samples (the forecast stays in its dock)
        refresh();
    });
    connect(days_, &DayBar::dayChanged, this, [this] { refresh(); });
    connect(layers_, &LayerPanel::optionsChanged, this, [this] { refresh(); });
    for (MapView* view : {map_, compare_}) {
        connect(view, &MapView::contextMenuRequestedAt, this, &MainWindow::showMapMenu);
        connect(view, &MapView::hovered, this, [this, view](double lon, double lat, bool inside) {
            onHover(view, lon, lat, inside);
        });
    }
    connect(map_, &MapView::glUnavailable, this, [this](const QString& why) {
        QMessageBox::critical(this, tr("DriftLab"), tr("The map cannot be drawn: %1").arg(why));
    });

    imports_ = new ImportActions(this, [this](const QString& path) { return openDataset(path); });
    buildMenus();
    QSettings settings;
    resize(1400, 850);
    restoreGeometry(settings.value("window/geometry").toByteArray());
    if (!restoreState(settings.value("window/state").toByteArray())) {
        // First start: most of the left column for the release table, which one browses.
        resizeDocks({datasetDock, layerDock, predictionDock_}, {380, 240, 150}, Qt::Vertical);
    }
    SceneOptions o;
    o.layer = static_cast<Layer>(settings.value("view/layer", static_cast<int>(o.layer)).toInt());
    o.logScale = settings.value("view/log", o.logScale).toBool();
    o.datasetRange = settings.value("view/datasetRange", o.datasetRange).toBool();
    o.arrows = settings.value("view/arrows", o.arrows).toBool();
    o.streamlines = settings.value("view/streamlines", o.streamlines).toBool();
    o.contours = settings.value("view/contours", o.contours).toBool();
    o.coastline = settings.value("view/coastline", o.coastline).toBool();
    o.axes = settings.value("view/axes", o.axes).toBool();
    layers_->setOptions(o);
}

MainWindow::~MainWindow() = default;

const DriftDataset* MainWindow::dataset() const {
    return dataset_.get();
}
int MainWindow::currentDay() const {
    return days_->day();
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open..."), this, &MainWindow::chooseAndOpen);
    open->setShortcut(QKeySequence::Open);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    file->addAction(tr("Open the &demo dataset"), this, &MainWindow::openDefaultDataset);
    file->addSeparator();
    file->addAction(tr("Import &Currents..."), imports_, [this] { imports_->importCurrents(); });
    file->addAction(tr("Import &Trajectories..."), imports_,
                    [this] { imports_->importTrajectories(); });
    file->addSeparator();
    QAction* save = file->addAction(tr("&Save View as PNG..."), this, &MainWindow::exportImage);
    save->setShortcut(QKeySequence::Save);
    file->addAction(tr("Export View as &VTK Image (.vti)..."), this, &MainWindow::exportVti);
    file->addAction(tr("Save &Forecast as HDF5..."), this, &MainWindow::exportForecast);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    updateRecentMenu();

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* reset = view->addAction(tr("&Reset View"), map_, &MapView::resetView);
    reset->setShortcut(Qt::Key_R);
    QAction* play = view->addAction(tr("&Play / Pause"), days_, &DayBar::togglePlaying);
    play->setShortcut(Qt::Key_Space);
    QAction* next = view->addAction(tr("Next Day"), days_, [this] { days_->stepDay(1); });
    next->setShortcut(Qt::Key_Right);
    QAction* prev = view->addAction(tr("Previous Day"), days_, [this] { days_->stepDay(-1); });
    prev->setShortcut(Qt::Key_Left);
    QAction* down = view->addAction(tr("Next Release"), panel_, [this] { panel_->step(1); });
    down->setShortcut(Qt::Key_Down);
    QAction* up = view->addAction(tr("Previous Release"), panel_, [this] { panel_->step(-1); });
    up->setShortcut(Qt::Key_Up);
    for (QAction* a : {reset, play, next, prev, down, up})
        a->setShortcutContext(Qt::WindowShortcut);

    view->addSeparator();
    sideBySideAction_ =
        view->addAction(tr("&Side by Side"), this, [this](bool on) { setSideBySide(on); });
    sideBySideAction_->setCheckable(true);
    sideBySideAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_B));
    sideBySideAction_->setToolTip(
        tr("Simulated day t+1 beside the model's prediction, linked views, one colour range"));

    view->addSeparator();
    QAction* mean =
        view->addAction(tr("&Mean Density (all maps)"), this, [this] { showMean(-1, -1); });
    mean->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    view->addAction(tr("Mean Density of a &Subset..."), this, &MainWindow::chooseMeanSubset);

    view->addSeparator();
    QAction* training = trainingDock_->toggleViewAction();
    training->setText(tr("&Training"));
    training->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    view->addAction(training);

    view->addAction(predictionDock_->toggleViewAction());
    view->addAction(evaluationDock_->toggleViewAction());

    QMenu* model = menuBar()->addMenu(tr("&Model"));
    QAction* load = model->addAction(tr("&Load Model..."), this, &MainWindow::chooseModel);
    load->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    unloadAction_ = model->addAction(tr("&Unload"), this, &MainWindow::unloadModel);
    unloadAction_->setEnabled(false);
    model->addSeparator();
    QAction* evaluate =
        model->addAction(tr("&Evaluate on Split..."), this, &MainWindow::showEvaluationPanel);
    evaluate->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    evaluate->setToolTip(
        tr("Score the model on the test or validation split, sample by sample, against "
           "persistence"));
    model->addSeparator();
    QAction* rollout = model->addAction(tr("&Roll Out This Release"), this, [this] {
        QString why;
        if (!startRollout(release_, &why)) QMessageBox::information(this, tr("Rollout"), why);
    });
    rollout->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    QAction* releaseHere = model->addAction(tr("Release &Particles..."), this, [this] {
        if (!dataset_) return;
        const ReleaseRecord& r = dataset_->releases()[release_];
        chooseRelease(r.spec.lon, r.spec.lat);
    });
    releaseHere->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    releaseHere->setToolTip(tr("Or right-click the ocean on the map"));
    model->addAction(tr("&Close Forecast"), this, &MainWindow::closeForecast);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About DriftLab"), this, [this] {
        QMessageBox::about(this, tr("About DriftLab"),
                           tr("<b>DriftLab</b><br>Explore and learn Lagrangian drift in the ocean "
                              "with deep learning."
                              "<br><br>Coastline: GSHHG (LGPL). Colour maps: cmocean (MIT)."));
    });
}

QString MainWindow::defaultDatasetPath() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath("demo.h5");
}

void MainWindow::openDefaultDataset() {
    const QString path = defaultDatasetPath();
    if (QFileInfo::exists(path)) {
        openDataset(path);
        return;
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    const std::string target = path.toStdString();
    JobRunner::start(
        this, tr("Generating the demo dataset"),
        [target](const JobControl& control) {
            GeneratorConfig config = GeneratorConfig::fromPreset("demo");
            config.threads = std::max(1, QThread::idealThreadCount());
            generateDataset(config, target, "driftlab (first start): demo preset", control);
        },
        [this, path](const JobOutcome& outcome) {
            if (outcome.ok) {
                openDataset(path);
            } else if (!outcome.cancelled) {
                QMessageBox::critical(
                    this, tr("DriftLab"),
                    tr("Could not generate the demo dataset:\n%1").arg(outcome.error));
            }
        });
}

bool MainWindow::openDataset(const QString& path) {
    // Model output is imported first (the dialog shows what was found in it).
    if (ImportActions::isNetCdfName(path) && QFileInfo(path).isFile()) {
        imports_->importCurrents({path});
        return false;
    }
    std::shared_ptr<const DriftDataset> ds;
    try {
        QApplication::setOverrideCursor(Qt::WaitCursor);
        ds = std::make_shared<const DriftDataset>(DriftDataset::open(path.toStdString()));
        // Read one sample now so a broken file says so here, not halfway through browsing.
        if (ds->releaseCount() == 0) {
            // Currents alone (import-currents): nothing to browse until releases are made.
            QApplication::restoreOverrideCursor();
            imports_->offerDataset(path);
            return false;
        }
        SceneBuilder probe(ds);
        probe.load(0, 0);
        QApplication::restoreOverrideCursor();
    } catch (const std::exception& e) {
        QApplication::restoreOverrideCursor();
        QMessageBox::critical(this, tr("Cannot open dataset"), QString::fromStdString(e.what()));
        return false;
    }
    dataset_ = ds;
    lastPrediction_ = SamplePrediction{};
    lastErrorRelease_ = lastErrorDay_ = -1;
    scene_ = std::make_unique<SceneBuilder>(ds);
    map_->setGrid(ds->grid(), ds->mask().values());
    compare_->setGrid(ds->grid(), ds->mask().values());
    meanError_.clear();
    forecastMode_ = false;
    forecasts_->setSources(ds, predictor_);
    forecastPanel_->setForecast(nullptr, {});
    days_->setLastDay(ds->outputDays());
    panel_->setDataset(ds);
    evaluation_->setSources(predictor_, ds);
    training_->setDatasetPath(QFileInfo(path).absoluteFilePath());
    release_ = 0;
    setWindowTitle(tr("DriftLab - %1").arg(QFileInfo(path).fileName()));
    rememberRecent(QFileInfo(path).absoluteFilePath());
    panel_->selectRelease(0);
    refresh();
    return true;
}

void MainWindow::refresh() {
    if (!scene_) return;
    meanMode_ = false;
    if (forecastMode_ && forecasts_->forecast()) {
        showForecastDay(days_->day());
        return;
    }
    forecastMode_ = false;
    try {
        const SceneOptions o = layers_->options();
        Sample s = scene_->load(release_, days_->day());
        bool predicted = false;
        if (predictor_) {
            if (s.densityNext.empty()) {
                prediction_->clearMetrics(
                    tr("Day %1 is the last: there is no day t+1 to predict.").arg(s.day));
            } else if (lastPrediction_.release == s.release && lastPrediction_.day == s.day &&
                       !lastPrediction_.predicted.empty()) {
                s.prediction = lastPrediction_.predicted;
                prediction_->setMetrics(s.release, s.day, lastPrediction_.metrics,
                                        lastPrediction_.persistence, lastPrediction_.seconds);
                predicted = true;
            } else if (lastErrorRelease_ == s.release && lastErrorDay_ == s.day) {
                prediction_->clearMetrics(
                    tr("The prediction failed: %1").arg(lastPredictionError_));
            } else {
                prediction_->clearMetrics(tr("Predicting day %1...").arg(s.day + 1));
                requestPrediction(s);
            }
        }
        if (sideBySide_)
            scene_->applyComparison(*map_, *compare_, scene_->comparisonOf(s), o);
        else
            scene_->apply(*map_, s, o);
        days_->setLabel(tr("day %1 of %2, %3")
                            .arg(s.day)
                            .arg(dataset_->outputDays())
                            .arg(QString::fromStdString(formatDate(s.date))));
        units_ = o.layer == Layer::Speed || o.layer == Layer::U || o.layer == Layer::V ? "m/s" : "";
        if (predicted) emit predictionReady();
    } catch (const std::exception& e) {
        statusBar()->showMessage(
            tr("Cannot show this sample: %1").arg(QString::fromStdString(e.what())), 8000);
    }
}

void MainWindow::showSample(int release, int day) {
    release_ = release;
    forecastMode_ = false;  // a sample of the dataset (the forecast stays in its dock)
    {
        const QSignalBlocker block(days_);
        days_->setDay(day);
    }
    refresh();
    map_->renderNow();
    if (sideBySide_) compare_->renderNow();
}

void MainWindow::setSideBySide(bool on) {
    if (sideBySideAction_->isChecked() != on) {
        const QSignalBlocker block(sideBySideAction_);
        sideBySideAction_->setChecked(on);
    }
    if (on == sideBySide_) return;
    sideBySide_ = on;
    compare_->setVisible(on);
    if (on) {
        // Two halves of the same size, so the linked views show the same area.
        const int half = std::max(1, maps_->width() / 2);
        maps_->setSizes({half, half});
    }
    if (meanMode_)
        applyMeanScene();
    else
        refresh();
    // Frame both once the splitter has given them their new widths.
    QTimer::singleShot(0, this, [this] { map_->resetView(); });
}

void MainWindow::applyMeanScene() {
    if (!scene_ || shownMean_.empty()) return;
    if (sideBySide_ && meanError_.size() == shownMean_.size()) {
        scene_->applyMeanWithError(*map_, *compare_, shownMean_, meanCaption_, meanError_,
                                   meanErrorCaption_);
    } else {
        scene_->applyMean(*map_, shownMean_, meanCaption_);
        if (sideBySide_) {
            compare_->clearData();
            compare_->setCaption(
                tr("Mean error map: evaluate a model on a split "
                   "(Model > Evaluate on Split...)"));
        }
    }
}

void MainWindow::showMeanWithError(int split, const std::vector<double>& meanError,
                                   const QString& errorCaption) {
    meanError_ = meanError;
    meanErrorCaption_ = errorCaption;
    setSideBySide(true);
    showMean(split, -1);
}

void MainWindow::chooseMeanSubset() {
    if (!dataset_) return;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Mean density of a subset"));
    auto* form = new QFormLayout(&dialog);
    auto* split = new QComboBox;
    split->addItem(tr("all splits"), -1);
    split->addItem(tr("train"), static_cast<int>(Split::Train));
    split->addItem(tr("val"), static_cast<int>(Split::Validation));
    split->addItem(tr("test"), static_cast<int>(Split::Test));
    auto* day = new QComboBox;
    day->addItem(tr("all output days"), -1);
    for (int d = 0; d <= dataset_->outputDays(); ++d) day->addItem(tr("day %1").arg(d), d);
    form->addRow(tr("Split"), split);
    form->addRow(tr("Day"), day);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() == QDialog::Accepted)
        showMean(split->currentData().toInt(), day->currentData().toInt());
}

void MainWindow::showMean(int split, int day) {
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
    const int threads = std::max(1, QThread::idealThreadCount());
    const QString what = QString::fromStdString(subset.describe());
    days_->setPlaying(false);
    JobRunner::start(
        this, tr("Mean density: %1").arg(what),
        [ds, subset, cache, threads, result, warning](const JobControl& control) {
            *result = MeanCache(cache).getOrCompute(*ds, subset, threads, control, warning.get());
        },
        [this, ds, result, warning, what](const JobOutcome& outcome) {
            if (ds != dataset_) return;  // another file was opened meanwhile
            if (outcome.ok) {
                meanMode_ = true;
                forecastMode_ = false;
                shownMean_ = result->mean;
                meanCaption_ = tr("Mean density over %1 maps (%2)").arg(result->maps).arg(what);
                applyMeanScene();
                units_.clear();
                statusBar()->showMessage(
                    result->fromCache
                        ? tr("Mean density from the cache")
                        : tr("Mean density computed in %1 s").arg(result->seconds, 0, 'f', 2),
                    6000);
                if (!warning->empty())
                    statusBar()->showMessage(QString::fromStdString(*warning), 8000);
            } else if (!outcome.cancelled) {
                QMessageBox::critical(this, tr("Mean density"), outcome.error);
            }
        });
}

void MainWindow::chooseModel() {
    QSettings settings;
    QFileDialog dialog(this, tr("Load model"), settings.value("lastModelDir").toString());
    // Qt's own dialog, so it can hold the run-folder option.
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    dialog.setFileMode(QFileDialog::ExistingFile);
    dialog.setNameFilters({tr("Checkpoints and weights (*.pt)"), tr("All files (*)")});
    auto* folder = new QCheckBox(tr("Choose a run folder (its best.pt, else last.pt)"));
    folder->setObjectName("runFolder");
    if (auto* grid = qobject_cast<QGridLayout*>(dialog.layout()))
        grid->addWidget(folder, grid->rowCount(), 0, 1, -1);
    connect(folder, &QCheckBox::toggled, &dialog, [&dialog](bool on) {
        dialog.setFileMode(on ? QFileDialog::Directory : QFileDialog::ExistingFile);
        dialog.setOption(QFileDialog::ShowDirsOnly, on);
    });
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) return;
    const QString path = dialog.selectedFiles().constFirst();
    const QFileInfo info(path);
    settings.setValue("lastModelDir",
                      info.isDir() ? info.absoluteDir().absolutePath() : info.absolutePath());
    loadModel(path);
}

void MainWindow::loadModel(const QString& path) {
    if (loadingModel_) return;
    loadingModel_ = true;
    auto ds = dataset_;
    auto loaded = std::make_shared<std::shared_ptr<const Predictor>>();
    const std::string file = path.toStdString();
    days_->setPlaying(false);
    JobRunner::start(
        this, tr("Loading the model %1").arg(QFileInfo(path).fileName()),
        [ds, file, loaded](const JobControl& control) {
            control.report(0.1, "reading " + file);
            Predictor predictor = Predictor::load(file, ds.get());
            // One thread: on a small machine two Torch threads compete with the map's drawing
            // (llvmpipe) and a forecast's days came 5-10x slower (docs/performance.md).
            predictor.setThreads(1);
            *loaded = std::make_shared<const Predictor>(std::move(predictor));
            control.report(1.0, "loaded");
        },
        [this, loaded, path](const JobOutcome& outcome) {
            loadingModel_ = false;
            if (outcome.ok) {
                predictor_ = *loaded;
                lastPrediction_ = SamplePrediction{};
                lastErrorRelease_ = lastErrorDay_ = -1;
                const QString name = modelDescription();
                prediction_->setModel(name);
                modelLabel_->setText(tr("Model: %1").arg(name));
                modelLabel_->setToolTip(QString::fromStdString(predictor_->source()));
                meanError_.clear();  // it was another model's
                forecasts_->setSources(dataset_, predictor_);
                forecastPanel_->setForecast(nullptr, {});
                forecastMode_ = false;
                unloadAction_->setEnabled(true);
                statusBar()->showMessage(tr("Loaded %1").arg(path), 5000);
                emit modelChanged();
                if (meanMode_)
                    applyMeanScene();
                else
                    refresh();
            } else if (!outcome.cancelled) {
                QMessageBox::critical(this, tr("Cannot load model"), outcome.error);
                emit modelLoadFailed(outcome.error);
            }
        });
}

void MainWindow::unloadModel() {
    predictor_.reset();
    lastPrediction_ = SamplePrediction{};
    lastErrorRelease_ = lastErrorDay_ = -1;
    prediction_->setModel({});
    modelLabel_->setText(tr("no model"));
    modelLabel_->setToolTip({});
    unloadAction_->setEnabled(false);
    meanError_.clear();
    forecasts_->setSources(dataset_, nullptr);
    forecastPanel_->setForecast(nullptr, {});
    forecastMode_ = false;
    emit modelChanged();
    if (meanMode_)
        applyMeanScene();
    else
        refresh();
}

void MainWindow::showEvaluationPanel() {
    evaluationDock_->show();
    evaluationDock_->raise();
}

void MainWindow::showEvaluatedSample(int release, int day) {
    if (!dataset_ || release < 0 || release >= dataset_->releaseCount()) return;
    {
        const QSignalBlocker block(days_);
        days_->setDay(day);
    }
    // Selecting the release in the dataset panel shows it (releaseSelected) on that day; when
    // it was selected already, or is filtered out of the panel's table, show it directly.
    const bool wasSelected = panel_->selectedRelease() == release;
    panel_->selectRelease(release);
    if (wasSelected || panel_->selectedRelease() != release || release_ != release)
        showSample(release, day);
}

void MainWindow::showEvaluationErrorMap() {
    const EvaluationResult* r = evaluation_->result();
    if (!r || !dataset_) return;
    // The run's name ("demo-w8" of "demo-w8: epoch 3 of 3 (best), ..."): the caption is short.
    const QString model = modelDescription().section(':', 0, 0);
    showMeanWithError(static_cast<int>(r->split), r->meanAbsoluteError,
                      tr("Mean absolute error of %1, %2 split, %3 samples")
                          .arg(model, QString::fromLatin1(splitName(r->split)))
                          .arg(r->samples.size()));
}

QString MainWindow::modelDescription() const {
    return predictor_ ? QString::fromStdString(predictor_->description()) : QString();
}

const SamplePrediction* MainWindow::currentPrediction() const {
    if (!predictor_ || lastPrediction_.predicted.empty() || lastPrediction_.release != release_ ||
        lastPrediction_.day != days_->day())
        return nullptr;
    return &lastPrediction_;
}

void MainWindow::requestPrediction(const Sample& sample) {
    if (predicting_) return;  // the running one refreshes when done, and asks again
    predicting_ = true;
    auto predictor = predictor_;
    auto ds = dataset_;
    auto result = std::make_shared<SamplePrediction>();
    JobRunner::start(
        this, tr("Predicting"),
        [predictor, ds, sample, result](const JobControl&) {
            *result = predictSample(*predictor, sample, *ds);
        },
        [this, predictor, ds, result, release = sample.release,
         day = sample.day](const JobOutcome& outcome) {
            predicting_ = false;
            if (predictor == predictor_ && ds == dataset_) {
                if (outcome.ok) {
                    lastPrediction_ = std::move(*result);
                } else {
                    lastPredictionError_ = outcome.error;
                    lastErrorRelease_ = release;
                    lastErrorDay_ = day;
                }
            }
            // Shows it, or asks for the sample now shown if the user moved on meanwhile.
            if (predictor_ && !meanMode_) refresh();
        },
        false);
}

bool MainWindow::startRollout(int release, QString* error) {
    QString why;
    forecastStartedMs_ = QDateTime::currentMSecsSinceEpoch();
    if (!forecasts_->startRollout(release, &why)) {
        statusBar()->showMessage(why, 8000);
        if (error) *error = why;
        return false;
    }
    return true;
}

bool MainWindow::releaseAt(const ReleaseSpec& spec, bool keepParticles, QString* error) {
    QString why;
    forecastStartedMs_ = QDateTime::currentMSecsSinceEpoch();
    if (!forecasts_->startRelease(spec, keepParticles, &why)) {
        statusBar()->showMessage(why, 8000);
        if (error) *error = why;
        return false;
    }
    return true;
}

void MainWindow::chooseRelease(double lon, double lat) {
    if (!dataset_) return;
    const std::string problem = releasePointProblem(*dataset_, lon, lat);
    if (!problem.empty()) {
        QMessageBox::information(this, tr("Release particles"),
                                 tr("No release there: %1.").arg(QString::fromStdString(problem)));
        return;
    }
    // Proposed start: the date of the currents shown.
    const ReleaseRecord& r = dataset_->releases()[release_];
    ReleaseDialog dialog(*dataset_, lon, lat, r.spec.day + days_->day(), this);
    if (dialog.exec() != QDialog::Accepted) return;
    QString why;
    if (!releaseAt(dialog.spec(), dialog.keepParticles(), &why))
        QMessageBox::information(this, tr("Release particles"), why);
}

void MainWindow::showMapMenu(double lon, double lat, const QPoint& globalPos) {
    if (!dataset_) return;
    QMenu menu(this);
    const std::string problem = releasePointProblem(*dataset_, lon, lat);
    QAction* here = menu.addAction(tr("Release Particles Here..."), this,
                                   [this, lon, lat] { chooseRelease(lon, lat); });
    if (!problem.empty()) {
        here->setEnabled(false);
        menu.addAction(QString::fromStdString(problem))->setEnabled(false);
    }
    menu.addAction(tr("Roll Out This Release"), this,
                   [this] {
                       QString why;
                       if (!startRollout(release_, &why))
                           QMessageBox::information(this, tr("Rollout"), why);
                   })
        ->setEnabled(predictor_ != nullptr);
    menu.exec(globalPos);
}

void MainWindow::closeForecast() {
    forecasts_->clear();
    forecastPanel_->setForecast(nullptr, {});
    forecastPanel_->setRunning(false);
    forecastPanel_->setStatus({});
    if (forecastMode_) {
        forecastMode_ = false;
        refresh();
    }
}

void MainWindow::onForecastUpdated(int day) {
    const Forecast* f = forecasts_->forecast();
    if (!f || !dataset_) return;
    forecastPanel_->setForecast(f, dataset_->mask().values(), &dataset_->grid());
    if (!forecastMode_) return;
    // The first moment day 1 can be shown (the simulation, and the model's day 1 if there is a
    // model): go there and say how long it took.
    const bool dayOneReady = f->simulatedReady() && (!f->hasModel() || f->predictedReady(1));
    if (dayOneReady && !forecastDayOneShown_) {
        forecastDayOneShown_ = true;
        {
            const QSignalBlocker block(days_);
            days_->setDay(1);
        }
        showForecastDay(1);
        map_->renderNow();
        compare_->renderNow();
        forecastDayOneMs_ = QDateTime::currentMSecsSinceEpoch() - forecastStartedMs_;
        forecastPanel_->setStatus(tr("Day 1 shown %1 ms after the start.").arg(forecastDayOneMs_));
        statusBar()->showMessage(tr("Forecast: day 1 shown after %1 ms").arg(forecastDayOneMs_),
                                 6000);
        return;
    }
    if (f->complete() && day == -1 && forecastDayOneShown_ && !forecasts_->running()) {
        forecastPanel_->setStatus(
            tr("Day 1 shown %1 ms after the start; all %2 days ready after %3 ms.")
                .arg(forecastDayOneMs_)
                .arg(f->days)
                .arg(f->totalMs, 0, 'f', 0));
    }
    if (day < 0 || day == days_->day()) showForecastDay(days_->day());
}

void MainWindow::showForecastDay(int day) {
    const Forecast* f = forecasts_->forecast();
    if (!f || !scene_) return;
    day = std::clamp(day, 0, f->days);
    const int currentDay = f->spec.day + day;
    ComparisonScene scene;
    try {
        forecasts_->currentsOf(currentDay, scene.u, scene.v);
    } catch (const std::exception& e) {
        statusBar()->showMessage(QString::fromStdString(e.what()), 8000);
    }
    const QString date = QString::fromStdString(formatDate(f->date + day));
    scene.haveRelease = true;
    scene.releaseLon = f->spec.lon;
    scene.releaseLat = f->spec.lat;
    scene.releaseRadiusKm = f->spec.radiusKm;
    const QString what = f->kind == Forecast::Kind::Rollout ? tr("release %1").arg(f->sourceRelease)
                                                            : tr("new release at %1 E %2 N")
                                                                  .arg(f->spec.lon, 0, 'f', 2)
                                                                  .arg(f->spec.lat, 0, 'f', 2);
    if (!f->simulatedReady()) {
        map_->clearData();
        map_->setCaption(tr("Simulating the %1...").arg(what));
        compare_->clearData();
        compare_->setCaption({});
        return;
    }
    scene.truth = f->simulated[day];
    if (f->predictedReady(day)) scene.predicted = f->predicted[day];
    scene.leftCaption = tr("Simulated: %1, day %2 (%3)").arg(what).arg(day).arg(date);
    if (!f->hasModel())
        scene.rightCaption = tr("No model: load one to roll the release out (Model > Load Model)");
    else if (day == 0)
        scene.rightCaption = tr("Model rollout: day 0 (the simulated start)");
    else if (f->predictedReady(day))
        scene.rightCaption = tr("Model rollout: day %1, fed its own output since day 0").arg(day);
    else
        scene.rightCaption = tr("Model rollout: computing day %1...").arg(day);
    if (forecastPanel_->particlesWanted() && day < static_cast<int>(f->particleLon.size())) {
        scene.particleLon = f->particleLon[day];
        scene.particleLat = f->particleLat[day];
    }
    scene_->applyComparison(*map_, *compare_, scene, layers_->options());
    days_->setLabel(tr("forecast day %1 of %2, %3").arg(day).arg(f->days).arg(date));
    prediction_->clearMetrics(
        tr("A forecast is shown: its metrics per day are in the Forecast "
           "panel."));
    emit forecastShown(day);
}

bool MainWindow::saveForecast(const QString& path, QString* error) {
    const Forecast* f = forecasts_->forecast();
    auto fail = [error](const QString& why) {
        if (error) *error = why;
        return false;
    };
    if (!f || !dataset_) return fail(tr("There is no forecast to save."));
    if (!f->complete()) return fail(tr("The forecast is not complete yet."));
    try {
        ForecastWriter writer(
            path.toStdString(), *dataset_, f->days,
            f->kind == Forecast::Kind::Rollout ? "rollout" : "release", f->model.toStdString(),
            {{"history", std::string("driftlab explorer: ") + f->title.toStdString()}});
        ForecastRecord record;
        record.spec = f->spec;
        record.date = f->date;
        record.placed = f->placed;
        record.sourceRelease = f->sourceRelease;
        record.simulated = f->simulated;
        if (f->hasModel()) record.predicted = f->predicted;
        if (static_cast<int>(f->advected.size()) == f->days + 1) record.advected = f->advected;
        record.mass = f->mass;
        writer.add(record);
        writer.finish();
    } catch (const std::exception& e) {
        return fail(QString::fromStdString(e.what()));
    }
    return true;
}

void MainWindow::exportForecast() {
    if (!forecasts_->forecast()) {
        QMessageBox::information(this, tr("Save forecast"),
                                 tr("There is no forecast: roll a release out or release "
                                    "particles first (Model menu)."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save forecast"), "driftlab-forecast.h5", tr("HDF5 files (*.h5 *.nc)"));
    if (path.isEmpty()) return;
    QString why;
    if (!saveForecast(path, &why))
        QMessageBox::critical(this, tr("Save forecast"), why);
    else
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

bool MainWindow::saveViewVti(const QString& path, QString* error) {
    auto fail = [error](const QString& why) {
        if (error) *error = why;
        return false;
    };
    if (!dataset_) return fail(tr("Open a dataset first."));
    const Grid& g = dataset_->grid();
    try {
        std::vector<float> u, v, density, next, predicted;
        const Forecast* f = forecasts_->forecast();
        if (forecastMode_ && f && f->simulatedReady()) {
            const int day = std::clamp(days_->day(), 0, f->days);
            forecasts_->currentsOf(f->spec.day + day, u, v);
            density = f->simulated[day];
            if (f->predictedReady(day)) predicted = f->predicted[day];
        } else {
            const Sample s = scene_->load(release_, days_->day());
            u = s.u;
            v = s.v;
            density = s.density;
            next = s.densityNext;
            if (const SamplePrediction* p = currentPrediction()) predicted = p->predicted;
        }
        std::vector<NamedArray> arrays = currentFieldArrays(g, dataset_->mask().values(), u, v);
        arrays.push_back({"density", density});
        if (!next.empty()) arrays.push_back({"density_next", next});
        if (!predicted.empty()) {
            // A sample's prediction is of day t+1; a forecast's of the day shown.
            const std::vector<float>& truth = next.empty() ? density : next;
            std::vector<float> difference(predicted.size());
            for (std::size_t c = 0; c < predicted.size(); ++c)
                difference[c] = predicted[c] - truth[c];
            arrays.push_back({"prediction", predicted});
            arrays.push_back({"difference", std::move(difference)});
        }
        writeImageData(path.toStdString(), g, arrays);
    } catch (const std::exception& e) {
        return fail(QString::fromStdString(e.what()));
    }
    return true;
}

void MainWindow::exportVti() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export view as VTK image"), "driftlab-view.vti", tr("VTK image data (*.vti)"));
    if (path.isEmpty()) return;
    QString why;
    if (!saveViewVti(path, &why))
        QMessageBox::critical(this, tr("Export view"), why);
    else
        statusBar()->showMessage(tr("Saved %1 (for ParaView)").arg(path), 5000);
}

void MainWindow::onHover(const MapView* view, double lon, double lat, bool inside) {
    if (!inside || !dataset_) {
        position_->clear();
        return;
    }
    QString text = QString("%1 E  %2 N").arg(lon, 0, 'f', 3).arg(lat, 0, 'f', 3);
    if (const auto v = view->valueAt(lon, lat)) {
        text += QString("   value %1 %2").arg(*v, 0, 'g', 4).arg(units_);
    } else {
        text += tr("   land");
    }
    position_->setText(text);
}

void MainWindow::chooseAndOpen() {
    QSettings settings;
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open dataset"), settings.value("lastDir").toString(),
                                     tr("DriftLab datasets (*.h5 *.nc *.hdf5);;All files (*)"));
    if (path.isEmpty()) return;
    settings.setValue("lastDir", QFileInfo(path).absolutePath());
    openDataset(path);
}

void MainWindow::rememberRecent(const QString& path) {
    QSettings settings;
    QStringList recent = settings.value("recentFiles").toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent) recent.removeLast();
    settings.setValue("recentFiles", recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
    recentMenu_->clear();
    const QStringList recent = QSettings().value("recentFiles").toStringList();
    for (const QString& path : recent)
        recentMenu_->addAction(path, this, [this, path] { openDataset(path); });
    recentMenu_->setEnabled(!recent.isEmpty());
}

QImage MainWindow::viewImage(int width, int height) {
    if (!sideBySide_) return map_->renderImage(width, height);
    const int half = width / 2;
    return joinSideBySide(map_->renderImage(half, height),
                          compare_->renderImage(width - half, height));
}

bool MainWindow::saveViewImage(const QString& path, int width, int height) {
    const QImage image = viewImage(width, height);
    return !image.isNull() && image.save(path, "PNG");
}

void MainWindow::exportImage() {
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Save view as PNG"));
    auto* form = new QFormLayout(&dialog);
    auto* w = new QSpinBox;
    auto* h = new QSpinBox;
    for (QSpinBox* s : {w, h}) s->setRange(64, 8192);
    w->setValue((sideBySide_ ? map_->width() + compare_->width() : map_->width()) * 2);
    h->setValue(map_->height() * 2);
    form->addRow(tr("Width (px)"), w);
    form->addRow(tr("Height (px)"), h);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted) return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save view"), "driftlab-view.png",
                                                      tr("PNG images (*.png)"));
    if (path.isEmpty()) return;
    if (!saveViewImage(path, w->value(), h->value())) {
        QMessageBox::critical(this, tr("DriftLab"), tr("Could not write %1").arg(path));
    } else {
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    }
}

void MainWindow::closeEvent(QCloseEvent* e) {
    TrainingController* training = training_->controller();
    if (training->busy() && !closeAfterStop_) {
        if (askBeforeStopping_) {
            trainingDock_->show();
            QMessageBox box(QMessageBox::Question, tr("Training in progress"),
                            tr("A run is training. Stop it, save a checkpoint and close?\n\n"
                               "It can be continued later: Open Run... in the training panel, "
                               "then Continue."),
                            QMessageBox::Cancel, this);
            QPushButton* stopAndClose =
                box.addButton(tr("Stop, Save and Close"), QMessageBox::AcceptRole);
            box.setDefaultButton(QMessageBox::Cancel);
            box.exec();
            if (box.clickedButton() != stopAndClose) {
                e->ignore();
                return;
            }
        }
        if (training->busy()) {  // it may have finished while the question was open
            closeAfterStop_ = true;
            training_->stop();
            statusBar()->showMessage(tr("Stopping the training run, then closing..."));
        }
    }
    if (training->busy()) {
        // The trainer saves last.pt at the next batch boundary; the window closes when the
        // worker is idle (stateChanged) and stays responsive meanwhile.
        e->ignore();
        return;
    }
    closeAfterStop_ = false;
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    const SceneOptions o = layers_->options();
    settings.setValue("view/layer", static_cast<int>(o.layer));
    settings.setValue("view/log", o.logScale);
    settings.setValue("view/datasetRange", o.datasetRange);
    settings.setValue("view/arrows", o.arrows);
    settings.setValue("view/streamlines", o.streamlines);
    settings.setValue("view/contours", o.contours);
    settings.setValue("view/coastline", o.coastline);
    settings.setValue("view/axes", o.axes);
    e->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
    if (e->mimeData()->hasUrls() && e->mimeData()->urls().size() == 1 &&
        e->mimeData()->urls()[0].isLocalFile()) {
        e->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent* e) {
    const QString path = e->mimeData()->urls().value(0).toLocalFile();
    if (!path.isEmpty()) openDataset(path);
}

}  // namespace driftlab
