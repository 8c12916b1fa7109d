#include "PredictionPanel.h"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "MetricFormat.h"

namespace driftlab {

PredictionPanel::PredictionPanel(QWidget* parent) : QWidget(parent) {
    auto* box = new QVBoxLayout(this);
    model_ = new QLabel;
    model_->setObjectName("modelName");
    model_->setWordWrap(true);
    model_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->addWidget(model_);
    state_ = new QLabel;
    state_->setObjectName("predictionState");
    state_->setWordWrap(true);
    box->addWidget(state_);
    auto* grid = new QGridLayout;
    grid->addWidget(new QLabel(tr("<b>day t+1</b>")), 0, 0);
    grid->addWidget(new QLabel(tr("<b>model</b>")), 0, 1, Qt::AlignRight);
    grid->addWidget(new QLabel(tr("<b>persistence</b>")), 0, 2, Qt::AlignRight);
    for (int k = 0; k < 5; ++k) {
        const Metric metric = kAllMetrics[static_cast<std::size_t>(k)];
        auto* name = new QLabel(metricLabel(metric));
        name->setToolTip(metricTooltip(metric));
        grid->addWidget(name, k + 1, 0);
        for (int c = 0; c < 2; ++c) {
            values_[k][c] = new QLabel;
            values_[k][c]->setObjectName(metricKey(metric) + (c ? "Persistence" : ""));
            values_[k][c]->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
            values_[k][c]->setTextInteractionFlags(Qt::TextSelectableByMouse);
            grid->addWidget(values_[k][c], k + 1, c + 1);
        }
    }
    box->addLayout(grid);
    box->addStretch(1);
    setModel({});
}

void PredictionPanel::setModel(const QString& description) {
    model_->setText(description.isEmpty() ? tr("No model loaded (Model > Load Model...)")
                                          : tr("Model: %1").arg(description));
    if (description.isEmpty()) clearMetrics({});
}

void PredictionPanel::setMetrics(int release, int day, const DriftMetricValues& model,
                                 const DriftMetricValues& persistence, double seconds) {
    state_->setText(tr("Release %1, day %2 -> %3 (predicted in %4 ms)")
                        .arg(release)
                        .arg(day)
                        .arg(day + 1)
                        .arg(seconds * 1e3, 0, 'f', 1));
    for (int k = 0; k < 5; ++k) {
        const Metric metric = kAllMetrics[static_cast<std::size_t>(k)];
        values_[k][0]->setText(formatMetric(metric, model));
        values_[k][1]->setText(formatMetric(metric, persistence));
    }
}

void PredictionPanel::clearMetrics(const QString& why) {
    state_->setText(why);
    for (auto& row : values_)
        for (QLabel* l : row) l->setText(QStringLiteral("-"));
}

QString PredictionPanel::modelText() const {
    return model_->text();
}
QString PredictionPanel::stateText() const {
    return state_->text();
}

QString PredictionPanel::metricText(const QString& name, bool persistence) const {
    for (int k = 0; k < 5; ++k) {
        if (name == metricKey(kAllMetrics[static_cast<std::size_t>(k)]))
            return values_[k][persistence ? 1 : 0]->text();
    }
    return {};
}

}  // namespace driftlab
