#include "MainWindow.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>

#include "DatasetOpener.h"
#include "DatasetPanel.h"
#include "DayBar.h"
#include "EvaluationPanel.h"
#include "Forecast.h"
#include "ForecastController.h"
#include "ImportActions.h"
#include "LayerPanel.h"
#include "MapSplit.h"
#include "MapView.h"
#include "MeanPresenter.h"
#include "PredictionPanel.h"
#include "RecentFiles.h"
#include "TrainingPanel.h"
#include "ViewExporter.h"
#include "WindowDialogs.h"
#include "learn/Predictor.h"
#include "ocean/CivilDate.h"

namespace driftlab {

namespace {

// The docks' layout saved with this version; a layout saved by an older explorer (the
// prediction dock below the layers) gives way to the first-start layout.
constexpr int kDockLayoutVersion = 1;

QDockWidget* addDock(QMainWindow* window, QWidget* widget, const QString& title, const char* name,
                     Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(title, window);
    dock->setObjectName(name);
    dock->setWidget(widget);
    window->addDockWidget(area, dock);
    return dock;
}


}  // namespace

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
    maps_->installEventFilter(this);  // a new size may want the other split
    // Linked views: each follows the other's pan and zoom (setViewState does not echo), while
    // both are shown: the hidden one's camera, framed for another size, must not move the map.
    connect(map_, &MapView::viewChanged, compare_, [this] {
        if (sideBySide_) compare_->setViewState(map_->viewState());
    });
    connect(compare_, &MapView::viewChanged, map_, [this] {
        if (sideBySide_) map_->setViewState(compare_->viewState());
    });

    panel_ = new DatasetPanel;
    panel_->setMinimumWidth(400);
    auto* datasetDock =
        addDock(this, panel_, tr("Dataset"), "datasetDock", Qt::LeftDockWidgetArea);
    layers_ = new LayerPanel;
    auto* layerDock = addDock(this, layers_, tr("Layers"), "layerDock", Qt::LeftDockWidgetArea);
    days_ = new DayBar;
    auto* dayDock = addDock(this, days_, tr("Day"), "dayDock", Qt::BottomDockWidgetArea);
    dayDock->setFeatures(QDockWidget::NoDockWidgetFeatures);
    dayDock->setTitleBarWidget(new QWidget);

    // Training: hidden until asked for (View > Training, Ctrl+T); it trains in the background
    // while the map stays usable.
    training_ = new TrainingPanel;
    training_->setMinimumWidth(440);
    trainingDock_ =
        addDock(this, training_, tr("Training"), "trainingDock", Qt::RightDockWidgetArea);
    trainingDock_->hide();
    askBeforeStopping_ = qEnvironmentVariableIntValue("DRIFTLAB_NO_CLOSE_QUESTION") == 0;
    connect(training_->controller(), &TrainingController::stateChanged, this, [this] {
        if (closeAfterStop_ && !training_->controller()->busy()) close();
    });

    // Predictions: the model's name and the metrics of the sample shown, a tab beside the
    // layers (stacked below them, they left the release table four rows).
    predictions_ = new PredictionController(this);
    prediction_ = new PredictionPanel;
    predictionDock_ =
        addDock(this, prediction_, tr("Prediction"), "predictionDock", Qt::LeftDockWidgetArea);
    tabifyDockWidget(layerDock, predictionDock_);
    connect(predictions_, &PredictionController::modelChanged, this, &MainWindow::onModelChanged);
    connect(predictions_, &PredictionController::loadFailed, this, [this](const QString& why) {
        QMessageBox::critical(this, tr("Cannot load model"), why);
        emit modelLoadFailed(why);
    });
    // Shows the prediction, or asks for the sample now shown if the user moved on meanwhile.
    connect(predictions_, &PredictionController::finished, this, [this] {
        if (predictor() && mode_ != ViewMode::Mean) refresh();
    });
    exporter_ = new ViewExporter(this);
    means_ = new MeanPresenter(this, map_, compare_);
    connect(means_, &MeanPresenter::ready, this, [this] {
        mode_ = ViewMode::Mean;
        units_.clear();
        means_->draw(sideBySide_);
    });
    connect(exporter_, &ViewExporter::finished, this, &MainWindow::onExported);

    // Evaluation on a split: hidden until asked for (Model > Evaluate on Split...), beside the
    // training panel; it evaluates in the background with its own progress bar.
    evaluation_ = new EvaluationPanel;
    evaluation_->setMinimumWidth(440);
    evaluationDock_ =
        addDock(this, evaluation_, tr("Evaluation"), "evaluationDock", Qt::RightDockWidgetArea);
    tabifyDockWidget(trainingDock_, evaluationDock_);
    evaluationDock_->hide();
    connect(evaluation_, &EvaluationPanel::sampleActivated, this, &MainWindow::showEvaluatedSample);
    connect(evaluation_, &EvaluationPanel::errorMapRequested, this,
            &MainWindow::showEvaluationErrorMap);

    // Forecasts (rollouts, click-to-release): their per-day metrics, shown when one starts.
    forecast_ = new ForecastPresenter(this, layerDock, {map_, compare_, days_, layers_, prediction_},
                                      exporter_, [this] { return mode_ == ViewMode::Forecast; });
    layerDock->raise();
    connect(forecast_, &ForecastPresenter::started, this, [this] {
        mode_ = ViewMode::Forecast;
        days_->setPlaying(false);
        setSideBySide(true);
        const QSignalBlocker block(days_);
        days_->setDay(0);
    });
    connect(forecast_, &ForecastPresenter::closed, this, [this] {
        if (mode_ != ViewMode::Forecast) return;
        mode_ = ViewMode::Sample;
        refresh();
    });
    connect(forecast_, &ForecastPresenter::shown, this, &MainWindow::forecastShown);

    position_ = new QLabel;
    statusBar()->addPermanentWidget(position_);
    modelLabel_ = new QLabel(tr("no model"));
    modelLabel_->setObjectName("modelLabel");
    statusBar()->addPermanentWidget(modelLabel_);

    connect(panel_, &DatasetPanel::releaseSelected, this, [this](int r) {
        release_ = r;
        mode_ = ViewMode::Sample;  // back to the dataset's samples (the forecast stays in its dock)
        refresh();
    });
    connect(days_, &DayBar::dayChanged, this, [this] { refresh(); });
    connect(layers_, &LayerPanel::optionsChanged, this, [this] { refresh(); });
    for (MapView* view : {map_, compare_}) {
        connect(view, &MapView::contextMenuRequestedAt, this,
                [this](double lon, double lat, const QPoint& at) {
                    forecast_->showMapMenu(lon, lat, release_, shownCurrentDay(), at);
                });
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
    if (!restoreState(settings.value("window/state").toByteArray(), kDockLayoutVersion)) {
        // First start: most of the left column for the release table, which one browses.
        resizeDocks({datasetDock, layerDock}, {560, 260}, Qt::Vertical);
    }
    layers_->setOptions(loadSceneOptions());
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
    recent_ = new RecentFiles(file->addMenu(tr("Open &Recent")),
                              [this](const QString& path) { openDataset(path); });
    file->addAction(tr("Open the &demo dataset"), this, &MainWindow::openDefaultDataset);
    file->addSeparator();
    file->addAction(tr("Import &Currents..."), imports_, [this] { imports_->importCurrents(); });
    file->addAction(tr("Import &Trajectories..."), imports_,
                    [this] { imports_->importTrajectories(); });
    file->addSeparator();
    QAction* save = file->addAction(tr("&Save View as PNG..."), this, &MainWindow::exportImage);
    save->setShortcut(QKeySequence::Save);
    file->addAction(tr("Export View as &VTK Image (.vti)..."), this, &MainWindow::exportVti);
    file->addAction(tr("Save &Forecast as HDF5..."), forecast_, &ForecastPresenter::exportForecast);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

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
    QAction* load = model->addAction(tr("&Load Model..."), this, [this] {
        if (const QString path = askModelPath(this); !path.isEmpty()) loadModel(path);
    });
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
        forecast_->chooseRelease(r.spec.lon, r.spec.lat, shownCurrentDay());
    });
    releaseHere->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    releaseHere->setToolTip(tr("Or right-click the ocean on the map"));
    model->addAction(tr("&Close Forecast"), forecast_, &ForecastPresenter::close);

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
    DatasetOpener::generateDemo(this, path, [this, path] { openDataset(path); });
}

bool MainWindow::openDataset(const QString& path) {
    // Model output is imported first (the dialog shows what was found in it).
    if (ImportActions::isNetCdfName(path) && QFileInfo(path).isFile()) {
        imports_->importCurrents({path});
        return false;
    }
    if (opening_) return false;
    opening_ = true;
    const DatasetOpener::Result opened = DatasetOpener::open(this, path);
    opening_ = false;
    if (!opened.dataset) {
        if (!opened.cancelled)
            QMessageBox::critical(this, tr("Cannot open dataset"), opened.error);
        return false;
    }
    const std::shared_ptr<const DriftDataset>& ds = opened.dataset;
    if (ds->releaseCount() == 0) {
        // Currents alone (import-currents): nothing to browse until releases are made.
        imports_->offerDataset(path);
        return false;
    }
    dataset_ = ds;
    predictions_->setDataset(ds);
    scene_ = std::make_unique<SceneBuilder>(ds);
    map_->setGrid(ds->grid(), ds->mask().values());
    compare_->setGrid(ds->grid(), ds->mask().values());
    mode_ = ViewMode::Sample;
    days_->setLastDay(ds->outputDays());
    panel_->setDataset(ds);
    training_->setDatasetPath(QFileInfo(path).absoluteFilePath());
    release_ = 0;
    setWindowTitle(tr("DriftLab - %1").arg(QFileInfo(path).fileName()));
    recent_->remember(QFileInfo(path).absoluteFilePath());
    {
        const QSignalBlocker block(panel_);  // release 0 is shown below
        panel_->selectRelease(0);
    }
    sourcesChanged();
    return true;
}

void MainWindow::redraw() {
    if (mode_ == ViewMode::Mean)
        means_->draw(sideBySide_);
    else
        refresh();
}

void MainWindow::sourcesChanged() {
    means_->setSources(dataset_, scene_.get());
    const auto& predictor = predictions_->predictor();
    forecast_->setSources(dataset_, predictor, scene_.get());
    evaluation_->setSources(predictor, dataset_);
    if (mode_ == ViewMode::Forecast) mode_ = ViewMode::Sample;
    redraw();
    arrangeSideBySide();  // another grid, another aspect
}

void MainWindow::refresh() {
    if (!scene_) return;
    if (mode_ == ViewMode::Forecast && forecast_->controller()->forecast()) {
        forecast_->showDay(days_->day());
        return;
    }
    mode_ = ViewMode::Sample;
    try {
        const SceneOptions o = layers_->options();
        Sample s = scene_->load(release_, days_->day());
        const bool predicted = attachPrediction(s);
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

bool MainWindow::attachPrediction(Sample& s) {
    using State = PredictionController::State;
    const State state = predictions_->state(s.release, s.day);
    if (state == State::NoModel) return false;
    if (s.densityNext.empty()) {
        prediction_->clearMetrics(
            tr("Day %1 is the last: there is no day t+1 to predict.").arg(s.day));
    } else if (state == State::Ready) {
        const SamplePrediction& p = *predictions_->prediction(s.release, s.day);
        s.prediction = p.predicted;
        s.advected = p.advected;
        prediction_->setMetrics(p);
        return true;
    } else if (state == State::Failed) {
        prediction_->clearMetrics(tr("The prediction failed: %1").arg(predictions_->error()));
    } else {
        prediction_->clearMetrics(tr("Predicting day %1...").arg(s.day + 1));
        predictions_->request(s);
    }
    return false;
}

void MainWindow::showSample(int release, int day) {
    release_ = release;
    mode_ = ViewMode::Sample;  // a sample of the dataset (the forecast stays in its dock)
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
        arrangeSideBySide();
        halveMaps();
    }
    redraw();
    // Frame both once the splitter has given them their new widths.
    QTimer::singleShot(0, this, [this] { map_->resetView(); });
}

void MainWindow::arrangeSideBySide() {
    if (!sideBySide_ || !dataset_) return;
    const Qt::Orientation split =
        betterSplit(maps_->size(), maps_->handleWidth(), maps_->orientation(),
                    [this](QSize view) { return map_->fittedMapRect(view); });
    if (split == maps_->orientation()) return;
    maps_->setOrientation(split);
    halveMaps();
}

void MainWindow::halveMaps() {
    // Two halves of the same size, so the linked views show the same area.
    const QSize half = halfOf(maps_->size(), maps_->handleWidth(), maps_->orientation());
    const int side = maps_->orientation() == Qt::Horizontal ? half.width() : half.height();
    maps_->setSizes({side, side});
}

bool MainWindow::eventFilter(QObject* watched, QEvent* e) {
    if (watched == maps_ && e->type() == QEvent::Resize && sideBySide_)
        QTimer::singleShot(0, this, [this] { arrangeSideBySide(); });
    return QMainWindow::eventFilter(watched, e);
}

void MainWindow::showMeanWithError(int split, const std::vector<double>& meanError,
                                   const QString& errorCaption) {
    means_->setError(meanError, errorCaption);
    setSideBySide(true);
    showMean(split, -1);
}

void MainWindow::chooseMeanSubset() {
    if (!dataset_) return;
    if (const auto choice = askMeanSubset(this, *dataset_)) showMean(choice->split, choice->day);
}

void MainWindow::showMean(int split, int day) {
    if (!dataset_) return;
    days_->setPlaying(false);
    means_->compute(split, day);
}

void MainWindow::loadModel(const QString& path) {
    days_->setPlaying(false);
    predictions_->load(path);
}

void MainWindow::unloadModel() {
    predictions_->unload();
}

void MainWindow::onModelChanged() {
    const Predictor* model = predictor();
    const QString name = modelDescription();
    prediction_->setModel(name);
    modelLabel_->setText(model ? tr("Model: %1").arg(name) : tr("no model"));
    modelLabel_->setToolTip(model ? QString::fromStdString(model->source()) : QString());
    unloadAction_->setEnabled(model != nullptr);
    if (model) {
        statusBar()->showMessage(tr("Loaded %1").arg(QString::fromStdString(model->source())),
                                 5000);
        predictionDock_->show();
        predictionDock_->raise();  // its metrics are what a model is loaded for
    }
    sourcesChanged();
    emit modelChanged();
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

const SamplePrediction* MainWindow::currentPrediction() const {
    return predictions_->prediction(release_, days_->day());
}

int MainWindow::shownCurrentDay() const {
    return dataset_ ? dataset_->releases()[release_].spec.day + days_->day() : 0;
}

bool MainWindow::startRollout(int release, QString* error) {
    return forecast_->startRollout(release, error);
}
bool MainWindow::releaseAt(const ReleaseSpec& spec, bool keepParticles, QString* error) {
    return forecast_->releaseAt(spec, keepParticles, error);
}
void MainWindow::chooseRelease(double lon, double lat) {
    forecast_->chooseRelease(lon, lat, shownCurrentDay());
}
void MainWindow::closeForecast() {
    forecast_->close();
}
bool MainWindow::saveForecast(const QString& path, QString* error) {
    return forecast_->saveForecast(path, error);
}

bool MainWindow::saveViewVti(const QString& path, QString* error) {
    ViewFields fields;
    fields.dataset = dataset_;
    const Forecast* f = forecast_->controller()->forecast();
    if (mode_ == ViewMode::Forecast && f && f->simulatedReady()) {
        const int day = std::clamp(days_->day(), 0, f->days);
        fields.currentDay = f->spec.day + day;
        fields.density = f->simulated[day];
        if (f->predictedReady(day)) fields.predicted = f->predicted[day];
    } else if (dataset_) {
        fields.release = release_;
        fields.day = days_->day();
        fields.currentDay = shownCurrentDay();
        if (const SamplePrediction* p = currentPrediction()) fields.predicted = p->predicted;
    }
    return exporter_->saveVti(std::move(fields), path, error);
}

void MainWindow::exportVti() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export view as VTK image"), "driftlab-view.vti", tr("VTK image data (*.vti)"));
    QString why;
    if (!path.isEmpty() && !saveViewVti(path, &why))
        QMessageBox::critical(this, tr("Export view"), why);
}

void MainWindow::onExported(bool ok, const QString& path, const QString& error) {
    if (ok)
        statusBar()->showMessage(path.endsWith(".vti") ? tr("Saved %1 (for ParaView)").arg(path)
                                                       : tr("Saved %1").arg(path),
                                 5000);
    else if (error.isEmpty())
        statusBar()->showMessage(tr("Export cancelled: nothing was written"), 5000);
    else
        QMessageBox::critical(this, tr("Export"), tr("Could not write %1:\n%2").arg(path, error));
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
    const int width = sideBySide_ ? map_->width() + compare_->width() : map_->width();
    const auto size = askImageSize(this, QSize(width * 2, map_->height() * 2));
    if (!size) return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save view"), "driftlab-view.png",
                                                      tr("PNG images (*.png)"));
    QString why;
    if (!path.isEmpty() && !exporter_->savePng(viewImage(size->width(), size->height()), path, &why))
        QMessageBox::critical(this, tr("DriftLab"), why);
}

void MainWindow::closeEvent(QCloseEvent* e) {
    if (opening_) {  // openDataset waits for its job: close once it has returned
        e->ignore();
        return;
    }
    TrainingController* training = training_->controller();
    if (training->busy() && !closeAfterStop_) {
        if (askBeforeStopping_) {
            trainingDock_->show();
            if (!askStopTrainingAndClose(this)) {
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
    settings.setValue("window/state", saveState(kDockLayoutVersion));
    saveSceneOptions(layers_->options());
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
    // After the drop has been answered: opening waits for its job.
    if (!path.isEmpty()) QTimer::singleShot(0, this, [this, path] { openDataset(path); });
}

}  // namespace driftlab
