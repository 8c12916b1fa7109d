#include "EvaluationPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <chrono>
#include <thread>

#include "EvaluationFilter.h"
#include "EvaluationTableModel.h"
#include "JobRunner.h"
#include "PlotView.h"
#include "data/AtomicFile.h"
#include "data/DriftDataset.h"
#include "learn/Predictor.h"

namespace driftlab {

namespace {
const QString kModelSeries = QStringLiteral("model");
const QString kPersistenceSeries = QStringLiteral("persistence");
const QString kAdvectionSeries = QStringLiteral("advection");
const QColor kPurple(150, 90, 170);  // the advection baseline, as in the training panel
const QColor kOrange(255, 115, 0);   // the prediction's colour on the map
const QColor kGrey(120, 120, 120);   // persistence, as in the training panel's loss plot
}  // namespace

// What the worker thread shares with the panel: its result, and whether it has ended (the
// panel's destructor waits on that, so no thread outlives the predictor it uses).
struct EvaluationPanel::Job {
    std::shared_ptr<EvaluationResult> result;
    std::atomic<bool> ended{false};
};

EvaluationPanel::EvaluationPanel(QWidget* parent) : QWidget(parent) {
    auto* box = new QVBoxLayout(this);
    sources_ = new QLabel;
    sources_->setObjectName("evaluationSources");
    sources_->setWordWrap(true);
    sources_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->addWidget(sources_);

    auto* run = new QHBoxLayout;
    run->addWidget(new QLabel(tr("Split:")));
    split_ = new QComboBox;
    split_->setObjectName("evaluationSplit");
    split_->addItem(tr("test"), static_cast<int>(Split::Test));
    split_->addItem(tr("validation"), static_cast<int>(Split::Validation));
    split_->setToolTip(
        tr("The releases to evaluate on (the file's split; the model never trained "
           "on them)"));
    run->addWidget(split_);
    evaluate_ = new QPushButton(tr("Evaluate"));
    evaluate_->setObjectName("evaluateButton");
    evaluate_->setToolTip(
        tr("Predict every pair of the split and score it against the "
           "simulation and against persistence"));
    cancel_ = new QPushButton(tr("Cancel"));
    cancel_->setObjectName("cancelEvaluationButton");
    run->addWidget(evaluate_);
    run->addWidget(cancel_);
    run->addStretch(1);
    box->addLayout(run);
    progress_ = new QProgressBar;
    progress_->setRange(0, 1000);
    progress_->setTextVisible(true);
    progress_->setFormat(QStringLiteral("%p %"));
    box->addWidget(progress_);
    state_ = new QLabel;
    state_->setObjectName("evaluationState");
    state_->setWordWrap(true);
    state_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->addWidget(state_);

    summary_ = new QTableWidget(static_cast<int>(kAllMetrics.size()), 4);
    summary_->setObjectName("evaluationSummary");
    summary_->setHorizontalHeaderLabels(
        {tr("model"), tr("persistence"), tr("advection"), tr("model better")});
    summary_->horizontalHeaderItem(SummaryAdvection)
        ->setToolTip(tr("The numerical-advection baseline: the map moved one day by the currents"));
    summary_->horizontalHeaderItem(SummaryBeats)
        ->setToolTip(tr("Samples on which the model beats persistence (tomorrow = today)"));
    summary_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    summary_->setSelectionMode(QAbstractItemView::NoSelection);
    summary_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    summary_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    for (std::size_t k = 0; k < kAllMetrics.size(); ++k) {
        auto* name = new QTableWidgetItem(metricLabel(kAllMetrics[k]));
        name->setToolTip(metricTooltip(kAllMetrics[k]));
        summary_->setVerticalHeaderItem(static_cast<int>(k), name);
        for (int c = 0; c < summary_->columnCount(); ++c) {
            auto* item = new QTableWidgetItem;
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            summary_->setItem(static_cast<int>(k), c, item);
        }
    }
    // Exactly its five rows: the room left goes to the plot and the sample table.
    summary_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    summary_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    summary_->resizeRowsToContents();
    summary_->setFixedHeight(summary_->horizontalHeader()->sizeHint().height() +
                             summary_->verticalHeader()->length() + 2 * summary_->frameWidth());
    box->addWidget(summary_);

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->setChildrenCollapsible(false);
    auto* plotBox = new QWidget;
    auto* plotLayout = new QVBoxLayout(plotBox);
    plotLayout->setContentsMargins(0, 0, 0, 0);
    auto* metricRow = new QHBoxLayout;
    metricRow->addWidget(new QLabel(tr("Per day:")));
    metric_ = new QComboBox;
    metric_->setObjectName("evaluationMetric");
    for (Metric m : kAllMetrics) metric_->addItem(metricLabel(m), static_cast<int>(m));
    metric_->setCurrentIndex(static_cast<int>(Metric::Mae));
    metricRow->addWidget(metric_);
    metricRow->addStretch(1);
    plotLayout->addLayout(metricRow);
    plot_ = new PlotView;
    plot_->setObjectName("evaluationDayPlot");
    plot_->setIntegerX(true);
    plot_->setSeries(kPersistenceSeries, kGrey, PlotView::Style::LinesAndPoints, 1.6);
    plot_->setSeries(kAdvectionSeries, kPurple, PlotView::Style::LinesAndPoints, 1.6);
    plot_->setSeries(kModelSeries, kOrange, PlotView::Style::LinesAndPoints, 2.0);
    plot_->setEmptyText(tr("Evaluate to see the metrics per day"));
    plotLayout->addWidget(plot_, 1);
    splitter->addWidget(plotBox);

    auto* samplesBox = new QWidget;
    auto* samplesLayout = new QVBoxLayout(samplesBox);
    samplesLayout->setContentsMargins(0, 0, 0, 0);
    auto* filterRow = new QHBoxLayout;
    releases_ = new QLineEdit;
    releases_->setObjectName("evaluationReleaseFilter");
    releases_->setPlaceholderText(tr("releases, e.g. 3, 5-8"));
    releases_->setClearButtonEnabled(true);
    releases_->setToolTip(tr("Show only these releases: numbers and ranges (3, 5-8); empty: all"));
    filterRow->addWidget(releases_, 1);
    day_ = new QComboBox;
    day_->setObjectName("evaluationDayFilter");
    day_->setToolTip(tr("Show only the samples of one day t (predicting t+1)"));
    filterRow->addWidget(day_);
    losses_ = new QCheckBox(tr("only where persistence wins"));
    losses_->setObjectName("evaluationLossesOnly");
    losses_->setToolTip(tr("Show only the samples whose MAE is not below persistence's"));
    filterRow->addWidget(losses_);
    samplesLayout->addLayout(filterRow);
    model_ = new EvaluationTableModel(this);
    filter_ = new EvaluationFilter(this);
    filter_->setSourceModel(model_);
    table_ = new QTableView;
    table_->setObjectName("evaluationSamples");
    table_->setModel(filter_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(EvaluationTableModel::ReleaseColumn, Qt::AscendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->hide();
    table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->setAlternatingRowColors(true);
    samplesLayout->addWidget(table_, 1);
    splitter->addWidget(samplesBox);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    box->addWidget(splitter, 1);

    auto* actions = new QHBoxLayout;
    errorMap_ = new QPushButton(tr("Show error map"));
    errorMap_->setObjectName("showErrorMapButton");
    errorMap_->setToolTip(
        tr("The mean absolute error per cell over the split's samples, beside "
           "the mean density: where the model fails"));
    export_ = new QPushButton(tr("Export CSV..."));
    export_->setObjectName("exportEvaluationButton");
    export_->setToolTip(
        tr("One row per sample: release, day, the model's metrics, "
           "persistence's (the format of driftlab evaluate -o)"));
    actions->addWidget(errorMap_);
    actions->addWidget(export_);
    actions->addStretch(1);
    box->addLayout(actions);

    connect(evaluate_, &QPushButton::clicked, this, &EvaluationPanel::evaluate);
    connect(cancel_, &QPushButton::clicked, this, &EvaluationPanel::cancel);
    connect(split_, &QComboBox::currentIndexChanged, this, [this] {
        // A result belongs to its split: another split shows nothing until evaluated.
        if (!running()) clearResult();
    });
    connect(metric_, &QComboBox::currentIndexChanged, this, &EvaluationPanel::updatePlot);
    connect(releases_, &QLineEdit::textChanged, this, &EvaluationPanel::releaseFilterEdited);
    connect(day_, &QComboBox::currentIndexChanged, this,
            [this] { filter_->setDay(day_->currentData().toInt()); });
    connect(losses_, &QCheckBox::toggled, filter_, &EvaluationFilter::setOnlyWhereModelLoses);
    // A click on a row, or the arrow keys walking through the samples (sorted worst first,
    // say), show the sample. A current row moved by filtering (the view moves it off a removed
    // row) is not the user's choice: only changes while the table has the focus count.
    table_->viewport()->installEventFilter(this);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (!table_->hasFocus() || !current.isValid()) return;
                askedDuringPress_ = true;
                activateRow(current);
            });
    // A click on the current row (to show it again), or in a window without the focus.
    connect(table_, &QTableView::clicked, this, [this](const QModelIndex& index) {
        if (!askedDuringPress_) activateRow(index);
        askedDuringPress_ = false;
    });
    connect(errorMap_, &QPushButton::clicked, this, &EvaluationPanel::errorMapRequested);
    connect(export_, &QPushButton::clicked, this, &EvaluationPanel::chooseCsvFile);
    clearResult();
}

EvaluationPanel::~EvaluationPanel() {
    if (!job_) return;
    if (runner_) runner_->cancel();
    // The evaluator looks at the stop flag between batches: a batch at most.
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!job_->ended && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

bool EvaluationPanel::eventFilter(QObject* watched, QEvent* event) {
    if (watched == table_->viewport() && event->type() == QEvent::MouseButtonPress)
        askedDuringPress_ = false;
    return QWidget::eventFilter(watched, event);
}

void EvaluationPanel::setSources(std::shared_ptr<const Predictor> predictor,
                                 std::shared_ptr<const DriftDataset> dataset) {
    if (predictor == predictor_ && dataset == dataset_) return;
    predictor_ = std::move(predictor);
    dataset_ = std::move(dataset);
    if (runner_) runner_->cancel();
    ++generation_;
    clearResult();
}

void EvaluationPanel::setSplit(Split split) {
    const int i = split_->findData(static_cast<int>(split));
    if (i >= 0) split_->setCurrentIndex(i);
}

Split EvaluationPanel::split() const {
    return static_cast<Split>(split_->currentData().toInt());
}

bool EvaluationPanel::canEvaluate() const {
    return predictor_ && dataset_ && !running();
}

bool EvaluationPanel::running() const {
    return runner_ != nullptr;
}

void EvaluationPanel::evaluate() {
    if (!canEvaluate()) return;
    clearResult();
    const quint64 generation = ++generation_;
    auto job = std::make_shared<Job>();
    job_ = job;
    auto predictor = predictor_;
    auto dataset = dataset_;
    const Split split = this->split();
    const int batch = batchSize_;
    progress_->setValue(0);
    state_->setStyleSheet({});
    state_->setText(tr("Evaluating the %1 split...").arg(splitName(split)));
    QPointer<EvaluationPanel> self(this);
    runner_ = JobRunner::start(
        this, tr("Evaluating"),
        [job, predictor, dataset, split, batch](const JobControl& control) {
            // Set when the work ends however it ends (result, cancel, exception).
            struct Ended {
                std::atomic<bool>& flag;
                ~Ended() { flag = true; }
            } ended{job->ended};
            job->result = std::make_shared<EvaluationResult>(
                evaluateSplit(*predictor, *dataset, split, batch, control));
        },
        [self, job, generation](const JobOutcome& outcome) {
            if (!self) return;
            self->runner_ = nullptr;
            if (generation == self->generation_) {
                if (outcome.ok && job->result) {
                    self->result_ = job->result;
                    self->showResult();
                } else if (outcome.cancelled) {
                    self->state_->setText(tr("Cancelled: no result."));
                } else {
                    self->state_->setStyleSheet(QStringLiteral("color: #b00000"));
                    self->state_->setText(tr("Evaluation failed: %1").arg(outcome.error));
                }
            }
            self->updateControls();
            emit self->finished();
        },
        false);
    connect(runner_, &JobRunner::progress, this, [this](double fraction, const QString& stage) {
        progress_->setValue(static_cast<int>(1000 * fraction));
        if (!stage.isEmpty() && runner_)
            state_->setText(
                tr("Evaluating the %1 split: %2").arg(splitName(this->split())).arg(stage));
    });
    updateControls();
}

void EvaluationPanel::cancel() {
    if (!runner_) return;
    runner_->cancel();
    state_->setText(tr("Cancelling..."));
    cancel_->setEnabled(false);
}

void EvaluationPanel::clearResult() {
    const bool had = result_ != nullptr;
    result_.reset();
    model_->clear();
    day_->blockSignals(true);
    day_->clear();
    day_->addItem(tr("all days"), -1);
    day_->blockSignals(false);
    filter_->setDay(-1);
    for (int k = 0; k < summary_->rowCount(); ++k)
        for (int c = 0; c < 3; ++c) summary_->item(k, c)->setText(QStringLiteral("-"));
    progress_->setValue(0);
    state_->setStyleSheet({});
    state_->setText(canEvaluate() ? tr("Choose a split and press Evaluate.") : QString());
    updatePlot();
    updateControls();
    if (had) emit resultChanged();
}

void EvaluationPanel::updateControls() {
    QStringList missing;
    if (predictor_)
        missing << tr("Model: %1").arg(QString::fromStdString(predictor_->description()));
    else
        missing << tr("No model loaded: load a model (Model > Load Model...)");
    if (dataset_)
        missing << tr("Dataset: %1")
                       .arg(QFileInfo(QString::fromStdString(dataset_->path())).fileName());
    else
        missing << tr("No dataset: open a dataset (File > Open...)");
    sources_->setText(missing.join('\n'));
    const bool busy = running();
    evaluate_->setEnabled(canEvaluate());
    cancel_->setEnabled(busy);
    cancel_->setVisible(busy);
    progress_->setVisible(busy);
    split_->setEnabled(!busy);
    errorMap_->setEnabled(result_ != nullptr);
    export_->setEnabled(result_ != nullptr);
}

void EvaluationPanel::showResult() {
    const EvaluationResult& r = *result_;
    model_->setResult(result_, dataset_);
    day_->blockSignals(true);
    for (std::size_t d = 0; d < r.modelByDay.size(); ++d)
        day_->addItem(tr("day %1 -> %2").arg(d).arg(d + 1), static_cast<int>(d));
    day_->blockSignals(false);
    const int n = static_cast<int>(r.samples.size());
    for (std::size_t k = 0; k < kAllMetrics.size(); ++k) {
        const Metric m = kAllMetrics[k];
        int beats = 0;
        for (const SampleMetrics& s : r.samples)
            if (isBetter(m, metricValue(s.model, m), metricValue(s.persistence, m))) ++beats;
        const int row = static_cast<int>(k);
        summary_->item(row, SummaryModel)->setText(formatMetric(m, r.model));
        summary_->item(row, SummaryPersistence)->setText(formatMetric(m, r.persistence));
        summary_->item(row, SummaryAdvection)->setText(formatMetric(m, r.advection));
        summary_->item(row, SummaryBeats)->setText(tr("%1 of %2").arg(beats).arg(n));
        // Bold where the model's mean is the better one.
        QFont font = summary_->item(row, SummaryModel)->font();
        font.setBold(isBetter(m, metricValue(r.model, m), metricValue(r.persistence, m)));
        summary_->item(row, SummaryModel)->setFont(font);
    }
    progress_->setValue(1000);
    state_->setStyleSheet({});
    state_->setText(tr("%1 samples of the %2 split (%3 releases x %4 days) in %5 s.")
                        .arg(n)
                        .arg(splitName(r.split))
                        .arg(r.modelByDay.empty() ? 0 : n / static_cast<int>(r.modelByDay.size()))
                        .arg(r.modelByDay.size())
                        .arg(r.seconds, 0, 'f', 1));
    updatePlot();
    emit resultChanged();
}

void EvaluationPanel::updatePlot() {
    const Metric m = plotMetric();
    plot_->setTitle(tr("%1 per day").arg(metricLabel(m)));
    plot_->setAxisLabels(
        tr("day predicted (t+1)"),
        higherIsBetter(m) ? metricLabel(m) : tr("%1 (fraction per cell)").arg(metricLabel(m)));
    QVector<QPointF> model, persistence, advection;
    if (result_) {
        for (std::size_t d = 0; d < result_->advectionByDay.size(); ++d)
            advection.push_back({double(d + 1), metricValue(result_->advectionByDay[d], m)});
        for (std::size_t d = 0; d < result_->modelByDay.size(); ++d)
            model.push_back({double(d + 1), metricValue(result_->modelByDay[d], m)});
        for (std::size_t d = 0; d < result_->persistenceByDay.size(); ++d)
            persistence.push_back({double(d + 1), metricValue(result_->persistenceByDay[d], m)});
    }
    plot_->setPoints(kModelSeries, model);
    plot_->setPoints(kPersistenceSeries, persistence);
    plot_->setPoints(kAdvectionSeries, advection);
}

void EvaluationPanel::setPlotMetric(Metric metric) {
    metric_->setCurrentIndex(metric_->findData(static_cast<int>(metric)));
}

Metric EvaluationPanel::plotMetric() const {
    return static_cast<Metric>(metric_->currentData().toInt());
}

void EvaluationPanel::setReleaseFilter(const QString& text) {
    releases_->setText(text);
}

void EvaluationPanel::setDayFilter(int day) {
    const int i = day_->findData(day);
    if (i >= 0) day_->setCurrentIndex(i);
}

void EvaluationPanel::releaseFilterEdited(const QString& text) {
    const auto releases = EvaluationFilter::parseReleases(text);
    // Text that is not a list of releases is marked and keeps the last good filter.
    releases_->setStyleSheet(releases ? QString() : QStringLiteral("color: #b00000"));
    if (releases) filter_->setReleases(*releases);
}

void EvaluationPanel::activateRow(const QModelIndex& proxyIndex) {
    const SampleMetrics* s = model_->sample(filter_->mapToSource(proxyIndex).row());
    if (s) emit sampleActivated(s->release, s->day);
}

QString EvaluationPanel::resultDescription() const {
    if (!result_) return {};
    const QString model =
        predictor_ ? QString::fromStdString(predictor_->description()) : tr("the model");
    const QString file =
        dataset_ ? QFileInfo(QString::fromStdString(dataset_->path())).fileName() : QString();
    return tr("%1 on the %2 split of %3: %4 samples")
        .arg(model)
        .arg(splitName(result_->split))
        .arg(file)
        .arg(result_->samples.size());
}

bool EvaluationPanel::exportCsv(const QString& path, QString* error) const {
    if (!result_) {
        if (error) *error = tr("Nothing to export: evaluate first.");
        return false;
    }
    try {
        writeFileAtomically(QDir::toNativeSeparators(path).toStdString(), result_->csv());
        return true;
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
}

void EvaluationPanel::chooseCsvFile() {
    if (!result_) return;
    QString name = QStringLiteral("evaluation-%1.csv").arg(splitName(result_->split));
    if (dataset_)
        name = QStringLiteral("%1-%2").arg(
            QFileInfo(QString::fromStdString(dataset_->path())).completeBaseName(), name);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export Evaluation as CSV"), QDir::home().filePath(name), tr("CSV (*.csv)"));
    if (path.isEmpty()) return;
    QString error;
    if (!exportCsv(path, &error))
        QMessageBox::warning(this, tr("Export CSV"), tr("Could not write the CSV:\n%1").arg(error));
    else
        state_->setText(tr("Wrote %1").arg(QDir::toNativeSeparators(path)));
}

QString EvaluationPanel::stateText() const {
    return state_->text();
}

QString EvaluationPanel::sourcesText() const {
    return sources_->text();
}

QString EvaluationPanel::summaryText(Metric metric, SummaryColumn column) const {
    return summary_->item(static_cast<int>(metric), column)->text();
}

}  // namespace driftlab
