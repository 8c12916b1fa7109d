#include "ForecastPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

#include "Forecast.h"
#include "MetricFormat.h"
#include "PlotView.h"

namespace driftlab {

namespace {
const char* const kModel = "model rollout";
const char* const kPersistence = "persistence (day 0 held)";
const char* const kAdvection = "advection baseline";
}  // namespace

ForecastPanel::ForecastPanel(QWidget* parent) : QWidget(parent) {
    auto* box = new QVBoxLayout(this);
    title_ =
        new QLabel(tr("No forecast. Roll a release out (Model > Roll Out This Release) or "
                      "right-click the ocean to release particles there."));
    title_->setWordWrap(true);
    title_->setObjectName("forecastTitle");
    box->addWidget(title_);
    status_ = new QLabel;
    status_->setWordWrap(true);
    status_->setObjectName("forecastStatus");
    box->addWidget(status_);
    auto* run = new QHBoxLayout;
    progress_ = new QProgressBar;
    progress_->setRange(0, 1000);
    cancel_ = new QPushButton(tr("Cancel"));
    run->addWidget(progress_, 1);
    run->addWidget(cancel_);
    box->addLayout(run);

    auto* choose = new QHBoxLayout;
    choose->addWidget(new QLabel(tr("Metric per day")));
    metric_ = new QComboBox;
    for (Metric m : kAllMetrics) metric_->addItem(metricLabel(m), static_cast<int>(m));
    metric_->setCurrentIndex(1);  // MAE: the training loss
    choose->addWidget(metric_, 1);
    box->addLayout(choose);
    plot_ = new PlotView;
    plot_->setObjectName("forecastPlot");
    plot_->setIntegerX(true);
    plot_->setSeries(kPersistence, QColor(140, 140, 140), PlotView::Style::LinesAndPoints, 1.4);
    plot_->setSeries(kAdvection, QColor(150, 90, 170), PlotView::Style::LinesAndPoints, 1.4);
    plot_->setSeries(kModel, QColor(230, 110, 0), PlotView::Style::LinesAndPoints, 2.0);
    plot_->setEmptyText(tr("no forecast"));
    box->addWidget(plot_, 1);

    auto* buttons = new QHBoxLayout;
    particles_ = new QCheckBox(tr("Particles"));
    particles_->setToolTip(tr("Draw the simulated particles as dots (new releases)"));
    export_ = new QPushButton(tr("Save as HDF5..."));
    close_ = new QPushButton(tr("Close"));
    buttons->addWidget(particles_);
    buttons->addStretch(1);
    buttons->addWidget(export_);
    buttons->addWidget(close_);
    box->addLayout(buttons);

    connect(cancel_, &QPushButton::clicked, this, &ForecastPanel::cancelRequested);
    connect(close_, &QPushButton::clicked, this, &ForecastPanel::closeRequested);
    connect(export_, &QPushButton::clicked, this, &ForecastPanel::exportRequested);
    connect(particles_, &QCheckBox::toggled, this, &ForecastPanel::particlesToggled);
    connect(metric_, &QComboBox::currentIndexChanged, this, [this] { redraw(); });
    setForecast(nullptr, {});
    setRunning(false);
}

void ForecastPanel::setForecast(const Forecast* forecast, const std::vector<std::uint8_t>& ocean,
                                const Grid* grid) {
    forecast_ = forecast;
    if (!grid || ocean.empty())
        geometry_.reset();
    else if (!geometry_ || ocean != ocean_ || !(geometry_->grid() == *grid))
        geometry_ = std::make_shared<const CloudGeometry>(*grid, ocean);
    ocean_ = ocean;
    if (forecast) title_->setText(forecast->title);
    const bool haveParticles = forecast && !forecast->particleLon.empty();
    particles_->setEnabled(haveParticles);
    export_->setEnabled(forecast && forecast->complete());
    close_->setEnabled(forecast != nullptr);
    redraw();
}

void ForecastPanel::redraw() {
    plot_->clearPoints();
    if (!forecast_) {
        plot_->setTitle({});
        return;
    }
    const Metric m = static_cast<Metric>(metric_->currentData().toInt());
    std::vector<DriftMetricValues> model, persistence, advection;
    forecast_->dayMetrics(ocean_, geometry_, model, persistence, &advection);
    QVector<QPointF> a, b, c;
    for (std::size_t k = 0; k < advection.size(); ++k)
        c.append(QPointF(static_cast<double>(k + 1), metricValue(advection[k], m)));
    for (std::size_t k = 0; k < model.size(); ++k)
        a.append(QPointF(static_cast<double>(k + 1), metricValue(model[k], m)));
    for (std::size_t k = 0; k < persistence.size(); ++k)
        b.append(QPointF(static_cast<double>(k + 1), metricValue(persistence[k], m)));
    plot_->setPoints(kModel, a);
    plot_->setPoints(kPersistence, b);
    plot_->setPoints(kAdvection, c);
    plot_->setSeriesVisible(kModel, forecast_->hasModel());
    plot_->setTitle(tr("%1 per day against the simulation").arg(metricLabel(m)));
    plot_->setAxisLabels(tr("day"), metricLabel(m));
}

void ForecastPanel::setRunning(bool running) {
    progress_->setVisible(running);
    cancel_->setVisible(running);
    if (!running) progress_->setValue(0);
}

void ForecastPanel::setProgress(double fraction, const QString& stage) {
    progress_->setValue(static_cast<int>(1000 * fraction));
    progress_->setFormat(stage + "  %p%");
}

void ForecastPanel::setStatus(const QString& text) {
    status_->setText(text);
}

bool ForecastPanel::particlesWanted() const {
    return particles_->isChecked() && particles_->isEnabled();
}

QString ForecastPanel::titleText() const {
    return title_->text();
}

QString ForecastPanel::statusText() const {
    return status_->text();
}

}  // namespace driftlab
