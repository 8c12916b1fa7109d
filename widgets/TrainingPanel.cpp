#include "TrainingPanel.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "PlotView.h"
#include "TrainingForm.h"
#include "TrainingProgressText.h"

namespace driftlab {

TrainingPanel::TrainingPanel(QWidget* parent)
    : QWidget(parent), controller_(new TrainingController(this)), runsRoot_(defaultRunsRoot()) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);

    dataset_ = new QLabel;
    dataset_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(dataset_);

    form_ = new TrainingForm;
    layout->addWidget(form_);

    // --- Buttons.
    train_ = new QPushButton(tr("Train"));
    train_->setObjectName("train");
    train_->setToolTip(tr("Start a new run with these settings on the open dataset"));
    pause_ = new QPushButton(tr("Pause"));
    pause_->setObjectName("pause");
    stop_ = new QPushButton(tr("Stop"));
    stop_->setObjectName("stop");
    stop_->setToolTip(tr("Save a checkpoint (last.pt) and stop; Continue goes on from it"));
    continue_ = new QPushButton(tr("Continue"));
    continue_->setObjectName("continue");
    continue_->setToolTip(tr("Train the open run on to its target epoch count"));
    more_ = new QPushButton(tr("Train more:"));
    more_->setObjectName("more");
    moreEpochs_ = new QSpinBox;
    moreEpochs_->setObjectName("moreEpochs");
    moreEpochs_->setRange(1, 100000);
    moreEpochs_->setValue(5);
    moreEpochs_->setSuffix(tr(" epochs"));
    more_->setToolTip(tr("Raise the open run's target by this many epochs and train on"));
    open_ = new QPushButton(tr("Open Run..."));
    open_->setObjectName("openRun");
    open_->setToolTip(tr("Show a previous run's curves; Continue or Train more goes on with it"));
    auto* row1 = new QHBoxLayout;
    row1->addWidget(train_);
    row1->addWidget(pause_);
    row1->addWidget(stop_);
    row1->addWidget(open_);
    auto* row2 = new QHBoxLayout;
    row2->addWidget(continue_);
    row2->addWidget(more_);
    row2->addWidget(moreEpochs_);
    row2->addStretch(1);
    layout->addLayout(row1);
    layout->addLayout(row2);

    // --- Progress.
    progress_ = new QProgressBar;
    progress_->setRange(0, 1000);
    progress_->setTextVisible(true);
    progress_->setFormat("");
    progressLabel_ = new QLabel;
    progressLabel_->setObjectName("progressLabel");
    progressLabel_->setWordWrap(true);
    runLabel_ = new QLabel;
    runLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    runLabel_->setWordWrap(true);
    status_ = new QLabel;
    status_->setObjectName("status");
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(progress_);
    layout->addWidget(progressLabel_);
    layout->addWidget(runLabel_);
    layout->addWidget(status_);

    curves_ = new TrainingCurves;
    layout->addWidget(curves_, 1);

    setMetric(Metric::Mae);
    setDatasetPath({});

    connect(train_, &QPushButton::clicked, this, &TrainingPanel::train);
    connect(pause_, &QPushButton::clicked, this, &TrainingPanel::togglePause);
    connect(stop_, &QPushButton::clicked, this, &TrainingPanel::stop);
    connect(continue_, &QPushButton::clicked, this, &TrainingPanel::continueRun);
    connect(more_, &QPushButton::clicked, this, &TrainingPanel::trainMore);
    connect(open_, &QPushButton::clicked, this, &TrainingPanel::chooseAndOpenRun);
    connect(form_, &TrainingForm::chooseRunFolderClicked, this, &TrainingPanel::chooseRunFolder);
    connect(curves_, &TrainingCurves::viewChanged, this, [this] { updatePlots(); });
    connect(form_, &TrainingForm::learningRateEdited, this, [this] { updateButtons(); });

    connect(controller_, &TrainingController::stateChanged, this, [this] {
        updateButtons();
        updateProgress();
    });
    connect(controller_, &TrainingController::runChanged, this, &TrainingPanel::showRun);
    connect(controller_, &TrainingController::updated, this, [this] {
        updateRunLabel();
        updateProgress();
        updatePlots();
    });
    connect(controller_, &TrainingController::message, this,
            [this](const QString& text) { showStatus(text); });
    connect(controller_, &TrainingController::failed, this,
            [this](const QString& error) { showStatus(tr("Error: %1").arg(error), true); });
    connect(controller_, &TrainingController::finished, this,
            [this](TrainingOutcome outcome, const QString& message) {
                bool error = false;
                const QString text = TrainingProgressText::outcome(
                    outcome, message, controller_->run().epochsDone, controller_->history(), &error);
                showStatus(text, error);
            });
    updateButtons();
    updateProgress();
}

TrainingPanel::~TrainingPanel() = default;

QString TrainingPanel::defaultRunsRoot() {
    return QDir::home().filePath("DriftLab/runs");
}

void TrainingPanel::setRunsRoot(const QString& path) {
    runsRoot_ = path;
    setDatasetPath(datasetPath_);  // refreshes the placeholder
}

void TrainingPanel::setDatasetPath(const QString& path) {
    datasetPath_ = path;
    if (path.isEmpty()) {
        dataset_->setText(tr("No dataset open: open one to train on it."));
    } else {
        dataset_->setText(tr("Dataset: <b>%1</b>").arg(QFileInfo(path).fileName().toHtmlEscaped()));
        dataset_->setToolTip(path);
    }
    form_->setRunFolderPlaceholder(
        tr("automatic: %1").arg(QDir::toNativeSeparators(automaticRunFolder())));
    updateButtons();
}

QString TrainingPanel::automaticRunFolder() const {
    const QString stem =
        datasetPath_.isEmpty() ? "run" : QFileInfo(datasetPath_).completeBaseName();
    return QDir(runsRoot_).filePath(stem + "-" +
                                    QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss"));
}

QString TrainingPanel::runFolder() const {
    const QString typed = form_->runFolderText();
    return typed.isEmpty() ? automaticRunFolder() : QDir::cleanPath(typed);
}

void TrainingPanel::setRunFolder(const QString& path) {
    form_->setRunFolderText(path);
}

TrainingConfig TrainingPanel::config() const {
    TrainingConfig c = form_->config();
    c.dataset = datasetPath_.toStdString();
    return c;
}

void TrainingPanel::setConfig(const TrainingConfig& c) {
    form_->setConfig(c);
}

double TrainingPanel::smoothing() const {
    return curves_->smoothing();
}

void TrainingPanel::setSmoothing(double beta) {
    curves_->setSmoothing(beta);
}

TrainingPanel::Metric TrainingPanel::metric() const {
    return curves_->metric();
}

void TrainingPanel::setMetric(Metric m) {
    curves_->setMetric(m);
    updatePlots();
}

QString TrainingPanel::progressText() const {
    return progressLabel_->text();
}
QString TrainingPanel::statusText() const {
    return status_->text();
}

void TrainingPanel::showStatus(const QString& text, bool error) {
    status_->setStyleSheet(error ? "color: #b71c1c;" : "");
    status_->setText(text);
}

void TrainingPanel::train() {
    if (controller_->busy()) return;
    const TrainingConfig c = config();
    try {
        c.validate();
    } catch (const std::exception& e) {
        showStatus(tr("Cannot train: %1").arg(QString::fromStdString(e.what())), true);
        return;
    }
    const QString folder = runFolder();
    QDir().mkpath(QFileInfo(folder).absolutePath());
    showStatus(tr("New run in %1").arg(QDir::toNativeSeparators(folder)));
    knownStepsPerEpoch_ = 0;
    requestedFolder_ = folder;
    controller_->startNew(c, folder);
}

void TrainingPanel::continueRun() {
    showStatus({});
    controller_->continueRun();
}

void TrainingPanel::trainMore() {
    showStatus({});
    controller_->trainMore(moreEpochs_->value());
}

void TrainingPanel::togglePause() {
    if (controller_->paused()) {
        controller_->resume();
    } else {
        controller_->pause();
    }
}

void TrainingPanel::stop() {
    controller_->stop();
    showStatus(tr("Stopping after this batch, then saving a checkpoint..."));
}

void TrainingPanel::chooseRunFolder() {
    QString start = form_->runFolderText();
    if (start.isEmpty()) start = runsRoot_;
    while (!start.isEmpty() && !QFileInfo(start).isDir() && QDir(start).cdUp()) {
        start = QFileInfo(start).absolutePath();
    }
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Run folder"), start);
    if (dir.isEmpty()) return;
    // An empty folder becomes the run; in a folder with files, the run gets its own sub-folder.
    const bool empty = QDir(dir).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    form_->setRunFolderText(
        empty ? dir : QDir(dir).filePath(QFileInfo(automaticRunFolder()).fileName()));
}

void TrainingPanel::chooseAndOpenRun() {
    QString start = controller_->run().runDir;
    start = start.isEmpty() ? runsRoot_ : QFileInfo(start).absolutePath();
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open a run folder"), start);
    if (!dir.isEmpty()) openRun(dir);
}

bool TrainingPanel::openRun(const QString& path) {
    knownStepsPerEpoch_ = 0;  // estimated from the run's records
    try {
        controller_->openRun(path);
    } catch (const std::exception& e) {
        showStatus(tr("Cannot open the run: %1").arg(QString::fromStdString(e.what())), true);
        return false;
    }
    const TrainingController::RunInfo& run = controller_->run();
    showStatus(tr("Opened %1: %2 of %3 epochs trained.")
                   .arg(QFileInfo(run.runDir).fileName())
                   .arg(run.epochsDone)
                   .arg(run.config ? run.config->epochs : 0));
    return true;
}

void TrainingPanel::showRun() {
    const TrainingController::RunInfo& run = controller_->run();
    // The next new run gets a new automatic folder, not the one just used.
    if (!requestedFolder_.isEmpty() &&
        QDir::cleanPath(run.runDir) == QDir(requestedFolder_).absolutePath()) {
        form_->setRunFolderText({});
        requestedFolder_.clear();
    }
    updateRunLabel();
    // The form shows the open run's settings: Train starts a new run like it.
    if (run.config && !controller_->busy()) setConfig(*run.config);
    if (run.config) curves_->setLossName(QString(lossName(run.config->loss)).toUpper());
    updateButtons();
    updateProgress();
    updatePlots();
}

void TrainingPanel::updateRunLabel() {
    const TrainingController::RunInfo& run = controller_->run();
    if (run.runDir.isEmpty()) {
        runLabel_->clear();
    } else {
        QString text = tr("Run: <b>%1</b>").arg(QFileInfo(run.runDir).fileName().toHtmlEscaped());
        if (run.config) text += tr(", %1 of %2 epochs").arg(run.epochsDone).arg(run.config->epochs);
        if (run.parameterCount > 0)
            text += tr(", %1 k parameters").arg(run.parameterCount / 1000.0, 0, 'f', 1);
        if (run.trainPairs > 0)
            text += tr(", %1 training / %2 validation pairs")
                        .arg(run.trainPairs)
                        .arg(run.validationPairs);
        runLabel_->setText(text);
        runLabel_->setToolTip(QDir::toNativeSeparators(run.runDir));
    }
}

void TrainingPanel::updateButtons() {
    const auto state = controller_->state();
    const bool busy = controller_->busy();
    const auto& run = controller_->run();
    const bool runOpen = !run.runDir.isEmpty() && run.config.has_value();
    form_->setEditable(!busy);
    train_->setEnabled(!busy && !datasetPath_.isEmpty() && form_->learningRateValid());
    open_->setEnabled(!busy);
    continue_->setEnabled(!busy && runOpen && run.epochsDone < run.config->epochs);
    more_->setEnabled(!busy && runOpen);
    moreEpochs_->setEnabled(!busy && runOpen);
    const bool running = busy && state != TrainingController::State::Stopping;
    pause_->setEnabled(running);
    stop_->setEnabled(running);
    pause_->setText(controller_->paused() ? tr("Resume") : tr("Pause"));
}

void TrainingPanel::updateProgress() {
    const auto& run = controller_->run();
    const auto& p = controller_->progress();
    if (p && p->batchesPerEpoch > 0) knownStepsPerEpoch_ = p->batchesPerEpoch;
    TrainingProgressText::State state;
    state.busy = controller_->busy();
    state.paused = controller_->paused();
    state.stopping = controller_->state() == TrainingController::State::Stopping;
    state.progress = p;
    state.epochsDone = run.epochsDone;
    state.targetEpochs = run.config ? run.config->epochs : 0;
    const TrainingProgressText::Line line = TrainingProgressText::progress(state);
    progress_->setValue(line.value);
    progress_->setFormat(line.format);
    progressLabel_->setText(line.text);
    updateButtons();
}

double TrainingPanel::stepsPerEpoch() const {
    // The trainer reports it while running; otherwise estimate it from the records.
    if (knownStepsPerEpoch_ > 0) return knownStepsPerEpoch_;
    const TrainingHistory& h = controller_->history();
    if (!h.epochs.empty() && !h.batches.empty()) {
        const int lastComplete = h.epochs.back().epoch;
        long maxStep = 0;
        for (const BatchRecord& b : h.batches)
            if (b.epoch <= lastComplete) maxStep = std::max(maxStep, b.step);
        if (maxStep > 0) return static_cast<double>(maxStep) / lastComplete;
    }
    const auto& run = controller_->run();
    if (run.trainPairs > 0 && run.config)
        return std::ceil(static_cast<double>(run.trainPairs) / run.config->batchSize);
    if (!h.batches.empty() && h.batches.back().epoch > 0)
        return static_cast<double>(h.batches.back().step) / h.batches.back().epoch;
    return 0;
}

void TrainingPanel::updatePlots() {
    curves_->show(controller_->history(), stepsPerEpoch());
}

}  // namespace driftlab
