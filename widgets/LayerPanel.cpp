#include "LayerPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>

namespace driftlab {

LayerPanel::LayerPanel(QWidget* parent) : QWidget(parent) {
    auto* form = new QFormLayout(this);
    layer_ = new QComboBox;
    const QStringList labels = {
        tr("Current speed"), tr("Vorticity / f"),       tr("u (eastward)"),
        tr("v (northward)"), tr("Density, day t"),      tr("Density, day t+1"),
        tr("Ocean mask"),    tr("Prediction, day t+1"), tr("Prediction - truth")};
    const QStringList names = layerNames();
    for (int k = 0; k < names.size(); ++k) layer_->addItem(labels[k], names[k]);
    form->addRow(tr("Field"), layer_);
    log_ = new QCheckBox(tr("Log scale (densities)"));
    form->addRow(log_);
    range_ = new QComboBox;
    range_->addItem(tr("Fixed over the dataset"), true);
    range_->addItem(tr("Per sample"), false);
    form->addRow(tr("Colour range"), range_);
    arrows_ = new QCheckBox(tr("Current arrows"));
    streamlines_ = new QCheckBox(tr("Streamlines"));
    streamlines_->setObjectName("streamlines");
    streamlines_->setToolTip(
        tr("Evenly spaced streamlines of the currents, with arrowheads in "
           "the direction of the flow"));
    contours_ = new QCheckBox(tr("50 % / 90 % mass contours"));
    compare_ = new QCheckBox(tr("Truth vs prediction contours (t+1)"));
    compare_->setObjectName("compare");
    compare_->setToolTip(
        tr("With a model loaded: the 50 % and 90 % mass contours of day t+1, "
           "simulated (black) and predicted (orange)"));
    coast_ = new QCheckBox(tr("Coastline"));
    axes_ = new QCheckBox(tr("Axes"));
    for (QCheckBox* c : {arrows_, streamlines_, contours_, compare_, coast_, axes_})
        form->addRow(c);
    setOptions(SceneOptions{});
    auto changed = [this] { emit optionsChanged(options()); };
    connect(layer_, &QComboBox::currentIndexChanged, this, changed);
    connect(range_, &QComboBox::currentIndexChanged, this, changed);
    for (QCheckBox* c : {log_, arrows_, streamlines_, contours_, compare_, coast_, axes_})
        connect(c, &QCheckBox::toggled, this, changed);
}

SceneOptions LayerPanel::options() const {
    SceneOptions o;
    o.layer = parseLayer(layer_->currentData().toString());
    o.logScale = log_->isChecked();
    o.datasetRange = range_->currentData().toBool();
    o.arrows = arrows_->isChecked();
    o.streamlines = streamlines_->isChecked();
    o.contours = contours_->isChecked();
    o.compare = compare_->isChecked();
    o.coastline = coast_->isChecked();
    o.axes = axes_->isChecked();
    return o;
}

void LayerPanel::setOptions(const SceneOptions& o) {
    const QSignalBlocker b0(layer_), b1(range_), b2(log_), b3(arrows_), b4(contours_), b5(coast_),
        b6(axes_), b7(compare_), b8(streamlines_);
    layer_->setCurrentIndex(layer_->findData(layerName(o.layer)));
    range_->setCurrentIndex(o.datasetRange ? 0 : 1);
    log_->setChecked(o.logScale);
    arrows_->setChecked(o.arrows);
    streamlines_->setChecked(o.streamlines);
    contours_->setChecked(o.contours);
    compare_->setChecked(o.compare);
    coast_->setChecked(o.coastline);
    axes_->setChecked(o.axes);
}

}  // namespace driftlab
