#include "TrainingCurves.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

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

}  // namespace

TrainingCurves::TrainingCurves(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
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


    // The validation metrics.
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

    setSmoothing(0.6);
    connect(smoothingSlider_, &QSlider::valueChanged, this, [this](int v) {
        smoothingValue_->setText(QString::number(v / 100.0, 'f', 2));
        emit viewChanged();
    });
    connect(lossLog_, &QCheckBox::toggled, lossPlot_, &PlotView::setLogY);
    connect(metricsLog_, &QCheckBox::toggled, metricsPlot_, &PlotView::setLogY);
    connect(metric_, &QComboBox::currentIndexChanged, this, &TrainingCurves::viewChanged);
}

void TrainingCurves::setLossName(const QString& name) {
    lossPlot_->setAxisLabels(tr("epoch"), tr("loss (%1)").arg(name));
}

double TrainingCurves::smoothing() const {
    return smoothingSlider_->value() / 100.0;
}

void TrainingCurves::setSmoothing(double beta) {
    smoothingSlider_->setValue(static_cast<int>(std::lround(std::clamp(beta, 0.0, 0.99) * 100)));
    smoothingValue_->setText(QString::number(smoothing(), 'f', 2));
}

TrainingCurves::Metric TrainingCurves::metric() const {
    return static_cast<Metric>(metric_->currentData().toInt());
}

void TrainingCurves::setMetric(Metric m) {
    metric_->setCurrentIndex(metric_->findData(static_cast<int>(m)));
}

void TrainingCurves::show(const TrainingHistory& h, double spe) {
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
