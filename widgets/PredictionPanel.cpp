#include "PredictionPanel.h"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "SamplePrediction.h"

namespace driftlab {

namespace {
const char* const kColumnKeys[PredictionPanel::ColumnCount] = {"", "Persistence", "Advection"};
}

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
    grid->setVerticalSpacing(2);
    grid->addWidget(new QLabel(tr("<b>day t+1</b>")), 0, 0);
    const QString headers[ColumnCount] = {tr("model"), tr("persistence"), tr("advection")};
    const QString tips[ColumnCount] = {
        tr("The loaded model's prediction of day t+1"),
        tr("Persistence: tomorrow = today, the baseline a model must beat"),
        tr("The numerical-advection baseline: today's map moved one day by the currents")};
    for (int c = 0; c < ColumnCount; ++c) {
        auto* header = new QLabel(QStringLiteral("<b>%1</b>").arg(headers[c]));
        header->setToolTip(tips[c]);
        grid->addWidget(header, 0, c + 1, Qt::AlignRight);
    }
    for (std::size_t k = 0; k < kAllMetrics.size(); ++k) {
        const Metric metric = kAllMetrics[k];
        const int row = static_cast<int>(k) + 1;
        auto* name = new QLabel(metricLabel(metric));
        name->setToolTip(metricTooltip(metric));
        grid->addWidget(name, row, 0);
        for (int c = 0; c < ColumnCount; ++c) {
            auto* label = new QLabel;
            label->setObjectName(metricKey(metric) + QLatin1String(kColumnKeys[c]));
            label->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
            label->setTextInteractionFlags(Qt::TextSelectableByMouse);
            grid->addWidget(label, row, c + 1);
            values_[k][static_cast<std::size_t>(c)] = label;
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

void PredictionPanel::setMetrics(const SamplePrediction& p) {
    state_->setText(tr("Release %1, day %2 -> %3 (predicted in %4 ms)")
                        .arg(p.release)
                        .arg(p.day)
                        .arg(p.day + 1)
                        .arg(p.seconds * 1e3, 0, 'f', 1));
    for (std::size_t k = 0; k < kAllMetrics.size(); ++k) {
        const Metric metric = kAllMetrics[k];
        const double v[ColumnCount] = {metricValue(p.metrics, metric),
                                       metricValue(p.persistence, metric),
                                       metricValue(p.advection, metric)};
        // The best of the row: better than each of the others (none on a tie or a NaN).
        for (int c = 0; c < ColumnCount; ++c) {
            bool best = true;
            for (int o = 0; o < ColumnCount; ++o)
                if (o != c && !isBetter(metric, v[c], v[o])) best = false;
            QLabel* label = values_[k][static_cast<std::size_t>(c)];
            label->setText(formatMetric(metric, v[c]));
            QFont font = label->font();
            font.setBold(best);
            label->setFont(font);
        }
    }
}

void PredictionPanel::clearMetrics(const QString& why) {
    state_->setText(why);
    for (auto& row : values_) {
        for (QLabel* l : row) {
            l->setText(QStringLiteral("-"));
            QFont font = l->font();
            font.setBold(false);
            l->setFont(font);
        }
    }
}

QString PredictionPanel::modelText() const {
    return model_->text();
}
QString PredictionPanel::stateText() const {
    return state_->text();
}

QLabel* PredictionPanel::value(const QString& name, Column column) const {
    for (std::size_t k = 0; k < kAllMetrics.size(); ++k)
        if (name == metricKey(kAllMetrics[k])) return values_[k][static_cast<std::size_t>(column)];
    return nullptr;
}

QString PredictionPanel::metricText(const QString& name, Column column) const {
    const QLabel* label = value(name, column);
    return label ? label->text() : QString();
}

bool PredictionPanel::metricBold(const QString& name, Column column) const {
    const QLabel* label = value(name, column);
    return label && label->font().bold();
}

}  // namespace driftlab
