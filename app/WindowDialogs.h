#pragma once
// The main window's small questions, each a modal dialog that returns the answer (nothing when
// cancelled), and the view settings it keeps between sessions.
#include <QSize>
#include <QString>
#include <optional>

#include "SceneBuilder.h"

class QWidget;

namespace driftlab {

class DriftDataset;

struct MeanChoice {
    int split = -1;  // -1: all splits, else a Split value
    int day = -1;    // -1: all output days
};
// View > Mean Density of a Subset...
std::optional<MeanChoice> askMeanSubset(QWidget* parent, const DriftDataset& dataset);
// Model > Load Model...: a checkpoint or weights file, or a run folder (its best.pt).
QString askModelPath(QWidget* parent);
// File > Save View as PNG...: the image's size, starting from `proposed`.
std::optional<QSize> askImageSize(QWidget* parent, QSize proposed);

// Closing while a run trains: true when the user chose to stop it (saving a checkpoint) and close.
bool askStopTrainingAndClose(QWidget* parent);

// The layer options of the last session (QSettings "view/..."), and saving them.
SceneOptions loadSceneOptions();
void saveSceneOptions(const SceneOptions& options);

}  // namespace driftlab
