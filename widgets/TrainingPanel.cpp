#include "TrainingPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleValidator>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>

#include "DebiasedEma.h"
#include "PlotView.h"

namespace driftlab {

namespace {

// matplotlib's tab10: distinct and legible on white.
const QColor kBlue(31, 119, 180);
const QColor kOrange(255, 127, 14);
const QColor kGreen(44, 160, 44);
const QColor kRed(214, 39, 40);
const QColor kPurple(148, 103, 189);

// Series names, shown in the legend.
const QString kRaw("training (raw)");
const QString kSmoothed("training (smoothed)");
const QString kValidation("validation");
const QString kPersistence("persistence (validation)");
const QString kAdvection("advection baseline (validation)");

QString formatDuration(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0) return "?";
    const long s = std::lround(seconds);
    if (s < 60) return QString("%1 s").arg(s);
    if (s < 3600) return QString("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
    return QString("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QChar('0'));
}

QString formatLearningRate(double lr) {
    return QString::number(lr, 'g', 6);
}

QString stageText(const std::string& stage) {
    if (stage == "loading") return QObject::tr("loading");
    if (stage == "validating") return QObject::tr("validating");
    if (stage == "saving") return QObject::tr("saving");
    if (stage == "paused") return QObject::tr("paused");
    return QString::fromStdString(stage);
}

}  // namespace

TrainingPanel::TrainingPanel(QWidget* parent)
    : QWidget(parent), controller_(new TrainingController(this)), runsRoot_(defaultRunsRoot()) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);

    dataset_ = new QLabel;
    dataset_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(dataset_);

    // --- The form: two columns of label + field, to leave the height to the plots.
    auto* settings = new QGroupBox(tr("Settings of a new run"));
    auto* grid = new QGridLayout(settings);
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(4);
    const TrainingConfig defaults;
    epochs_ = new QSpinBox;
    epochs_->setObjectName("epochs");
    epochs_->setRange(1, 100000);
    epochs_->setToolTip(tr("Number of passes over the training split"));
    batchSize_ = new QSpinBox;
    batchSize_->setObjectName("batchSize");
    batchSize_->setRange(1, 4096);
    learningRate_ = new QLineEdit;
    learningRate_->setObjectName("learningRate");
    auto* lrValidator = new QDoubleValidator(1e-8, 9.999, 10, learningRate_);
    lrValidator->setNotation(QDoubleValidator::ScientificNotation);
    lrValidator->setLocale(QLocale::c());
    learningRate_->setValidator(lrValidator);
    learningRate_->setToolTip(
        tr("Peak learning rate (AdamW, after a linear warm-up, then a cosine decay); 2e-3 is "
           "accepted"));
    width_ = new QSpinBox;
    width_->setObjectName("width");
    width_->setRange(1, 256);
    width_->setToolTip(
        tr("Base width of the UNet (channels of the first level; the seed's "
           "UNet uses 64). The cost grows with its square."));
    loss_ = new QComboBox;
    loss_->setObjectName("loss");
    loss_->addItem(tr("MAE"), static_cast<int>(LossKind::Mae));
    loss_->addItem(tr("MSE"), static_cast<int>(LossKind::Mse));
    recipe_ = new QComboBox;
    recipe_->setObjectName("recipe");
    recipe_->addItem(tr("Hybrid: correct the advection"), QStringLiteral("hybrid"));
    recipe_->addItem(tr("Research: 5 channels, on persistence"), QStringLiteral("research"));
    recipe_->addItem(tr("Seed: 3 channels, on persistence"), QStringLiteral("seed"));
    recipe_->setToolTip(tr(
        "Hybrid (the default): the network sees the currents of day t and t+1, the density and "
        "its numerical advection, and learns the correction to the advection. Research: "
        "UncertainDrift's inputs (currents of day t and t+1, density), predicting the change "
        "from day t. Seed: the seed's u, v, density, predicting the change. Research and seed "
        "start as persistence and keep their MAE: on data the size of the demo they stay "
        "there; with the MSE loss they learn (docs/training.md)."));
    threads_ = new QSpinBox;
    threads_->setObjectName("threads");
    threads_->setRange(0, 1024);
    threads_->setSpecialValueText(tr("all cores"));
    threads_->setToolTip(tr("Torch threads for the model's arithmetic"));
    device_ = new QComboBox;
    device_->setObjectName("device");
    device_->addItem(tr("Auto"), static_cast<int>(DeviceChoice::Auto));
    device_->addItem(tr("CPU"), static_cast<int>(DeviceChoice::Cpu));
    device_->addItem(tr("CUDA GPU"), static_cast<int>(DeviceChoice::Cuda));
    device_->setToolTip(
        tr("Where the model trains. Auto: a CUDA GPU when this build's LibTorch and the machine "
           "have one (the log says which), else the CPU. Debian's LibTorch has no CUDA "
           "(docs/scaling.md)."));
    mixedPrecision_ = new QCheckBox(tr("&Mixed precision"));
    mixedPrecision_->setObjectName("mixedPrecision");
    mixedPrecision_->setToolTip(
        tr("bfloat16 autocast of the forward pass on a CUDA GPU: faster, less memory; ignored "
           "on the CPU"));
    connect(device_, &QComboBox::currentIndexChanged, this, [this] {
        const bool cpu = device_->currentData().toInt() == static_cast<int>(DeviceChoice::Cpu);
        mixedPrecision_->setEnabled(!cpu && device_->isEnabled());
        if (cpu) mixedPrecision_->setChecked(false);
    });
    seed_ = new QSpinBox;
    seed_->setObjectName("seed");
    seed_->setRange(0, std::numeric_limits<int>::max());
    seed_->setToolTip(tr("Initial weights and shuffling: the same seed gives the same run"));
    runFolder_ = new QLineEdit;
    runFolder_->setObjectName("runFolder");
    runFolder_->setClearButtonEnabled(true);
    runFolder_->setToolTip(
        tr("Where the new run writes config.json, history.csv and its checkpoints. Empty: a new "
           "folder named after the dataset and the time."));
    chooseFolder_ = new QToolButton;
    chooseFolder_->setText("...");
    chooseFolder_->setToolTip(tr("Choose the run folder"));

    auto addPair = [grid](int row, int column, const QString& label, QWidget* field) {
        auto* l = new QLabel(label);
        l->setBuddy(field);
        grid->addWidget(l, row, column * 2);
        grid->addWidget(field, row, column * 2 + 1);
    };
    addPair(0, 0, tr("&Epochs"), epochs_);
    addPair(0, 1, tr("&Batch size"), batchSize_);
    addPair(1, 0, tr("Learning &rate"), learningRate_);
    addPair(1, 1, tr("UNet &width"), width_);
    addPair(2, 0, tr("&Loss"), loss_);
    addPair(2, 1, tr("&Threads"), threads_);
    addPair(3, 0, tr("See&d"), seed_);
    addPair(3, 1, tr("Re&cipe"), recipe_);
    addPair(4, 0, tr("De&vice"), device_);
    grid->addWidget(mixedPrecision_, 4, 2, 1, 2);
    // Choosing a recipe also chooses its loss (the user may change the loss after).
    connect(recipe_, &QComboBox::currentIndexChanged, this, [this] {
        const QString name = recipe_->currentData().toString();
        if (name == QStringLiteral("custom")) return;
        const TrainingRecipe r = recipeFromName(name.toStdString());
        loss_->setCurrentIndex(loss_->findData(static_cast<int>(r.loss)));
    });
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(runFolder_, 1);
    folderRow->addWidget(chooseFolder_);
    auto* folderLabel = new QLabel(tr("Run &folder"));
    folderLabel->setBuddy(runFolder_);
    grid->addWidget(folderLabel, 5, 0);
    grid->addLayout(folderRow, 5, 1, 1, 3);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    layout->addWidget(settings);
    form_ = {epochs_,  batchSize_, learningRate_,   width_, loss_,      recipe_,
             threads_, device_,    mixedPrecision_, seed_,  runFolder_, chooseFolder_};

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

    // --- Loss plot.
    auto* lossBar = new QHBoxLayout;
    auto* smoothingLabel = new QLabel(tr("Smoothing"));
    smoothingSlider_ = new QSlider(Qt::Horizontal);
    smoothingSlider_->setObjectName("smoothing");
    smoothingSlider_->setRange(0, 99);
    smoothingSlider_->setValue(60);
    smoothingSlider_->setToolTip(tr("Exponential moving average of the training loss (0: raw)"));
    smoothingValue_ = new QLabel;
    smoothingValue_->setMinimumWidth(smoothingValue_->fontMetrics().horizontalAdvance("0.00 "));
    lossLog_ = new QCheckBox(tr("Log scale"));
    lossLog_->setObjectName("lossLog");
    lossLog_->setChecked(true);
    lossBar->addWidget(smoothingLabel);
    lossBar->addWidget(smoothingSlider_, 1);
    lossBar->addWidget(smoothingValue_);
    lossBar->addWidget(lossLog_);
    layout->addLayout(lossBar);
    lossPlot_ = new PlotView;
    lossPlot_->setObjectName("lossPlot");
    lossPlot_->setTitle(tr("Loss"));
    lossPlot_->setAxisLabels(tr("epoch"), tr("loss"));
    lossPlot_->setSeries(kRaw, QColor(kBlue.red(), kBlue.green(), kBlue.blue(), 70),
                         PlotView::Style::Lines, 1.0);
    lossPlot_->setSeries(kSmoothed, kBlue, PlotView::Style::Lines, 2.0);
    lossPlot_->setSeries(kValidation, kOrange, PlotView::Style::LinesAndPoints, 2.0);
    // The baseline a drift model must beat: tomorrow = today, on the same validation pairs.
    lossPlot_->setSeries(kPersistence, QColor(120, 120, 120), PlotView::Style::Lines, 1.2);
    // The numerical-advection baseline: the second line a drift model must get below.
    lossPlot_->setSeries(kAdvection, QColor(150, 90, 170), PlotView::Style::Lines, 1.2);
    lossPlot_->setLogY(true);
    lossPlot_->setEmptyText(tr("The training loss appears here"));
    layout->addWidget(lossPlot_, 1);

    // --- Validation metrics plot.
    auto* metricsBar = new QHBoxLayout;
    metric_ = new QComboBox;
    metric_->setObjectName("metric");
    metric_->addItem(tr("MAE of the density"), static_cast<int>(Metric::Mae));
    metric_->addItem(tr("MSE of the density"), static_cast<int>(Metric::Mse));
    metric_->addItem(tr("IoU of the 50 % and 90 % mass areas"), static_cast<int>(Metric::Iou));
    metric_->addItem(tr("Mass error per step"), static_cast<int>(Metric::MassError));
    metric_->addItem(tr("Centre of mass, km off (beside the baselines)"),
                     static_cast<int>(Metric::CentreKm));
    metric_->addItem(tr("Spread ratio (beside the advection baseline)"),
                     static_cast<int>(Metric::SpreadRatio));
    metricsLog_ = new QCheckBox(tr("Log scale"));
    metricsLog_->setObjectName("metricsLog");
    metricsBar->addWidget(new QLabel(tr("Validation")));
    metricsBar->addWidget(metric_, 1);
    metricsBar->addWidget(metricsLog_);
    layout->addLayout(metricsBar);
    metricsPlot_ = new PlotView;
    metricsPlot_->setObjectName("metricsPlot");
    metricsPlot_->setIntegerX(true);
    metricsPlot_->setEmptyText(tr("Validation metrics appear after each epoch"));
    layout->addWidget(metricsPlot_, 1);

    setConfig(defaults);
    setSmoothing(0.6);
    setMetric(Metric::Mae);
    setDatasetPath({});

    connect(train_, &QPushButton::clicked, this, &TrainingPanel::train);
    connect(pause_, &QPushButton::clicked, this, &TrainingPanel::togglePause);
    connect(stop_, &QPushButton::clicked, this, &TrainingPanel::stop);
    connect(continue_, &QPushButton::clicked, this, &TrainingPanel::continueRun);
    connect(more_, &QPushButton::clicked, this, &TrainingPanel::trainMore);
    connect(open_, &QPushButton::clicked, this, &TrainingPanel::chooseAndOpenRun);
    connect(chooseFolder_, &QToolButton::clicked, this, &TrainingPanel::chooseRunFolder);
    connect(smoothingSlider_, &QSlider::valueChanged, this, [this](int v) {
        smoothingValue_->setText(QString::number(v / 100.0, 'f', 2));
        updatePlots();
    });
    connect(lossLog_, &QCheckBox::toggled, lossPlot_, &PlotView::setLogY);
    connect(metricsLog_, &QCheckBox::toggled, metricsPlot_, &PlotView::setLogY);
    connect(metric_, &QComboBox::currentIndexChanged, this, [this] { updatePlots(); });
    connect(learningRate_, &QLineEdit::textChanged, this, [this] { updateButtons(); });

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
                const TrainingHistory& h = controller_->history();
                switch (outcome) {
                    case TrainingOutcome::Finished: {
                        QString text = tr("Finished %1 epochs.").arg(controller_->run().epochsDone);
                        const auto best = h.bestEpoch();
                        for (const EpochRecord& e : h.epochs) {
                            if (best && e.epoch == *best)
                                text += tr(" Best validation loss %1 at epoch %2.")
                                            .arg(e.valLoss, 0, 'g', 4)
                                            .arg(*best);
                        }
                        showStatus(text);
                        break;
                    }
                    case TrainingOutcome::Stopped:
                        // The engine says where it stopped and which checkpoint to continue from.
                        showStatus(message.isEmpty() ? tr("Stopped; last.pt holds the position.")
                                                     : tr("Stopped: %1.").arg(message));
                        break;
                    case TrainingOutcome::Diverged:
                        showStatus(tr("Diverged: %1").arg(message), true);
                        break;
                }
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
    runFolder_->setPlaceholderText(
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
    const QString typed = runFolder_->text().trimmed();
    return typed.isEmpty() ? automaticRunFolder() : QDir::cleanPath(typed);
}

void TrainingPanel::setRunFolder(const QString& path) {
    runFolder_->setText(path);
}

TrainingConfig TrainingPanel::config() const {
    TrainingConfig c = base_;
    c.dataset = datasetPath_.toStdString();
    c.epochs = epochs_->value();
    c.batchSize = batchSize_->value();
    bool ok = false;
    const double lr = QLocale::c().toDouble(learningRate_->text().trimmed(), &ok);
    if (ok) c.learningRate = lr;
    c.width = width_->value();
    c.loss = static_cast<LossKind>(loss_->currentData().toInt());
    // A custom run (from the command line) keeps its own inputs and anchor.
    if (recipe_->currentData().toString() != QStringLiteral("custom")) {
        const TrainingRecipe r = recipeFromName(recipe_->currentData().toString().toStdString());
        c.inputs = r.inputs;
        c.anchor = r.anchor;
    }
    c.threads = threads_->value();
    c.device = static_cast<DeviceChoice>(device_->currentData().toInt());
    c.mixedPrecision = mixedPrecision_->isChecked() && c.device != DeviceChoice::Cpu;
    c.seed = static_cast<std::uint64_t>(seed_->value());
    return c;
}

void TrainingPanel::setConfig(const TrainingConfig& c) {
    base_ = c;
    epochs_->setValue(c.epochs);
    batchSize_->setValue(c.batchSize);
    learningRate_->setText(formatLearningRate(c.learningRate));
    width_->setValue(c.width);
    const QString recipe = QString::fromStdString(c.recipeName());
    if (recipe_->findData(recipe) < 0) recipe_->addItem(tr("Custom (its own inputs)"), recipe);
    {
        const QSignalBlocker keepLoss(recipe_);  // the run's own loss, not the recipe's
        recipe_->setCurrentIndex(recipe_->findData(recipe));
    }
    loss_->setCurrentIndex(loss_->findData(static_cast<int>(c.loss)));
    threads_->setValue(c.threads);
    device_->setCurrentIndex(device_->findData(static_cast<int>(c.device)));
    mixedPrecision_->setChecked(c.mixedPrecision);
    seed_->setValue(static_cast<int>(
        std::min<std::uint64_t>(c.seed, static_cast<std::uint64_t>(seed_->maximum()))));
}

double TrainingPanel::smoothing() const {
    return smoothingSlider_->value() / 100.0;
}

void TrainingPanel::setSmoothing(double beta) {
    smoothingSlider_->setValue(static_cast<int>(std::lround(std::clamp(beta, 0.0, 0.99) * 100)));
    smoothingValue_->setText(QString::number(smoothing(), 'f', 2));
}

TrainingPanel::Metric TrainingPanel::metric() const {
    return static_cast<Metric>(metric_->currentData().toInt());
}

void TrainingPanel::setMetric(Metric m) {
    metric_->setCurrentIndex(metric_->findData(static_cast<int>(m)));
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
    QString start = runFolder_->text().trimmed();
    if (start.isEmpty()) start = runsRoot_;
    while (!start.isEmpty() && !QFileInfo(start).isDir() && QDir(start).cdUp()) {
        start = QFileInfo(start).absolutePath();
    }
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Run folder"), start);
    if (dir.isEmpty()) return;
    // An empty folder becomes the run; in a folder with files, the run gets its own sub-folder.
    const bool empty = QDir(dir).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
    runFolder_->setText(empty ? dir
                              : QDir(dir).filePath(QFileInfo(automaticRunFolder()).fileName()));
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
        runFolder_->clear();
        requestedFolder_.clear();
    }
    updateRunLabel();
    // The form shows the open run's settings: Train starts a new run like it.
    if (run.config && !controller_->busy()) setConfig(*run.config);
    if (run.config) {
        lossPlot_->setAxisLabels(
            tr("epoch"), tr("loss (%1)").arg(QString(lossName(run.config->loss)).toUpper()));
    }
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
    for (QWidget* w : form_) w->setEnabled(!busy);
    train_->setEnabled(!busy && !datasetPath_.isEmpty() && learningRate_->hasAcceptableInput());
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
    const auto state = controller_->state();
    if (p && p->batchesPerEpoch > 0) knownStepsPerEpoch_ = p->batchesPerEpoch;
    if (controller_->busy() && p && p->epochs > 0) {
        const double perEpoch = std::max(1, p->batchesPerEpoch);
        const double done = (p->epoch - 1) * perEpoch + p->batch;
        progress_->setValue(
            static_cast<int>(std::clamp(1000 * done / (p->epochs * perEpoch), 0.0, 1000.0)));
        QString text = tr("Epoch %1 / %2, batch %3 / %4")
                           .arg(p->epoch)
                           .arg(p->epochs)
                           .arg(p->batch)
                           .arg(p->batchesPerEpoch);
        if (p->samplesPerSecond > 0)
            text += tr(", %1 samples/s")
                        .arg(p->samplesPerSecond, 0, 'f', p->samplesPerSecond < 10 ? 1 : 0);
        if (p->etaSeconds > 0) text += tr(", ETA %1").arg(formatDuration(p->etaSeconds));
        if (controller_->paused()) {
            text += tr(" (paused)");
        } else if (state == TrainingController::State::Stopping) {
            text += tr(" (stopping)");
        } else if (!p->stage.empty() && p->stage != "training") {
            text += " (" + stageText(p->stage) + ")";
        }
        progressLabel_->setText(text);
        progress_->setFormat("%p %");
    } else if (controller_->busy()) {
        progress_->setValue(0);
        progress_->setFormat("");
        progressLabel_->setText(state == TrainingController::State::Stopping
                                    ? tr("Stopping...")
                                    : tr("Loading the dataset and building the model..."));
    } else if (run.config && run.config->epochs > 0) {
        progress_->setValue(std::clamp(1000 * run.epochsDone / run.config->epochs, 0, 1000));
        progress_->setFormat(tr("%1 / %2 epochs").arg(run.epochsDone).arg(run.config->epochs));
        progressLabel_->setText(tr("Idle"));
    } else {
        progress_->setValue(0);
        progress_->setFormat("");
        progressLabel_->setText(tr("Idle"));
    }
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
    const TrainingHistory& h = controller_->history();
    const double spe = stepsPerEpoch();
    QVector<QPointF> raw, smooth, validation, persistence, advection;
    raw.reserve(static_cast<qsizetype>(h.batches.size()));
    smooth.reserve(static_cast<qsizetype>(h.batches.size()));
    DebiasedEma ema(smoothing());
    for (const BatchRecord& b : h.batches) {
        const double x = spe > 0 ? b.step / spe : b.epoch;
        raw.push_back({x, b.loss});
        smooth.push_back({x, ema.add(b.loss)});
    }
    for (const EpochRecord& e : h.epochs) {
        validation.push_back({double(e.epoch), e.valLoss});
        if (e.persistenceValLoss > 0)
            persistence.push_back({double(e.epoch), e.persistenceValLoss});
        if (e.advectionValLoss > 0) advection.push_back({double(e.epoch), e.advectionValLoss});
    }
    lossPlot_->setPoints(kRaw, raw);
    lossPlot_->setPoints(kSmoothed, smooth);
    lossPlot_->setSeriesVisible(kSmoothed, smoothing() > 0);
    lossPlot_->setPoints(kValidation, validation);
    lossPlot_->setPoints(kPersistence, persistence);
    lossPlot_->setPoints(kAdvection, advection);

    const std::optional<int> best = h.bestEpoch();
    const QString bestLabel = best ? tr("best: epoch %1").arg(*best) : QString();
    lossPlot_->setMarker(best ? std::optional<double>(*best) : std::nullopt, bestLabel);
    metricsPlot_->setMarker(best ? std::optional<double>(*best) : std::nullopt, bestLabel);

    // The metrics plot shows one quantity (the IoUs together: both are fractions).
    struct Shown {
        QString name;
        QColor colour;
        double EpochRecord::*field;
    };
    std::vector<Shown> shown;
    QString yLabel;
    switch (metric()) {
        case Metric::Mae:
            shown = {{tr("MAE"), kGreen, &EpochRecord::valMae}};
            yLabel = tr("MAE (fraction per cell)");
            break;
        case Metric::Mse:
            shown = {{tr("MSE"), kRed, &EpochRecord::valMse}};
            yLabel = tr("MSE (fraction per cell)\u00b2");
            break;
        case Metric::Iou:
            shown = {{tr("IoU 50 %"), kRed, &EpochRecord::iou50},
                     {tr("IoU 90 %"), kOrange, &EpochRecord::iou90}};
            yLabel = tr("IoU");
            break;
        case Metric::MassError:
            shown = {{tr("mass error"), kPurple, &EpochRecord::massError}};
            yLabel = tr("|mass change error| per step");
            break;
        case Metric::CentreKm:  // the model's, and the anchors it must beat
            shown = {{tr("centre (model)"), kGreen, &EpochRecord::centreKm},
                     {tr("centre (advection)"), kOrange, &EpochRecord::advectionCentreKm},
                     {tr("centre (persistence)"), kPurple, &EpochRecord::persistenceCentreKm}};
            yLabel = tr("centre of mass separation (km)");
            break;
        case Metric::SpreadRatio:
            shown = {{tr("spread ratio (model)"), kGreen, &EpochRecord::spreadRatio},
                     {tr("spread ratio (advection)"), kOrange, &EpochRecord::advectionSpreadRatio}};
            yLabel = tr("predicted / true spread (1 is right)");
            break;
    }
    metricsPlot_->removeAllSeries();
    metricsPlot_->setTitle(tr("Validation metrics"));
    metricsPlot_->setAxisLabels(tr("epoch"), yLabel);
    for (const Shown& s : shown) {
        QVector<QPointF> pts;
        for (const EpochRecord& e : h.epochs) pts.push_back({double(e.epoch), e.*(s.field)});
        metricsPlot_->setSeries(s.name, s.colour, PlotView::Style::LinesAndPoints, 2.0);
        metricsPlot_->setPoints(s.name, pts);
    }
}

}  // namespace driftlab
