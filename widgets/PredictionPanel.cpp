#include "PredictionPanel.h"

#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace driftlab {

namespace {
const char* const kNames[5] = {"mse", "mae", "iou50", "iou90", "massError"};

QString format(int k, const DriftMetricValues& m) {
    switch (k) {
        case 0:
            return QString::number(m.mse, 'e', 3);
        case 1:
            return QString::number(m.mae, 'e', 3);
        case 2:
            return QString::number(m.iou50, 'f', 3);
        case 3:
            return QString::number(m.iou90, 'f', 3);
        default:
            return QString::number(m.massError, 'e', 3);
    }
}
}  // namespace

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
    const QString labels[5] = {tr("MSE"), tr("MAE"), tr("IoU 50 %"), tr("IoU 90 %"),
                               tr("Mass error")};
    const QString tips[5] = {
        tr("Mean squared error of the density over ocean cells (fraction per cell)"),
        tr("Mean absolute error of the density over ocean cells (fraction per cell)"),
        tr("Intersection over union of the cells holding 50 % of the mass, predicted vs "
           "simulated"),
        tr("Intersection over union of the cells holding 90 % of the mass"),
        tr("|predicted change - simulated change| of the total mass from day t to t+1")};
    for (int k = 0; k < 5; ++k) {
        auto* name = new QLabel(labels[k]);
        name->setToolTip(tips[k]);
        grid->addWidget(name, k + 1, 0);
        for (int c = 0; c < 2; ++c) {
            values_[k][c] = new QLabel;
            values_[k][c]->setObjectName(QString(kNames[k]) + (c ? "Persistence" : ""));
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
        values_[k][0]->setText(format(k, model));
        values_[k][1]->setText(format(k, persistence));
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
        if (name == kNames[k]) return values_[k][persistence ? 1 : 0]->text();
    }
    return {};
}

}  // namespace driftlab
