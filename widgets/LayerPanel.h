#pragma once
// Which layers the map shows and how: the scalar field, log or linear colour scale, colour range
// fixed over the dataset or per sample, arrows, contours, coastline, axes.
#include <QWidget>

#include "SceneBuilder.h"

class QCheckBox;
class QComboBox;

namespace driftlab {

class LayerPanel : public QWidget {
    Q_OBJECT
public:
    explicit LayerPanel(QWidget* parent = nullptr);
    SceneOptions options() const;
    void setOptions(const SceneOptions& o);

signals:
    void optionsChanged(const driftlab::SceneOptions& options);

private:
    QComboBox *layer_, *range_;
    QCheckBox *log_, *arrows_, *streamlines_, *contours_, *compare_, *coast_, *axes_;
};

}  // namespace driftlab
