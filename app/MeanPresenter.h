#pragma once
// The main window's mean-density mode: the mean of a subset of the maps (from the cache, or
// computed off the GUI thread with progress and Cancel), drawn on the map, and beside it, side
// by side, a model's mean error per cell once the model was evaluated.
#include <QObject>
#include <QString>
#include <memory>
#include <vector>

class QMainWindow;

namespace driftlab {

class DriftDataset;
class MapView;
class SceneBuilder;

class MeanPresenter : public QObject {
    Q_OBJECT
public:
    MeanPresenter(QMainWindow* window, MapView* map, MapView* compare);

    // A new dataset or model: the error map goes (it was the old model's), and with a new
    // dataset the mean.
    void setSources(std::shared_ptr<const DriftDataset> dataset, SceneBuilder* scene);
    // The mean density of `split` (-1: all) on output day `day` (-1: all); ready() once known.
    void compute(int split, int day);
    // The mean absolute error per cell of a model (ny x nx), shown beside the mean.
    void setError(std::vector<double> meanError, QString caption);
    // Draws the mean (and the error map beside it when side by side).
    void draw(bool sideBySide);

signals:
    void ready();  // a mean is known: the window shows it (draw)

private:
    QMainWindow* window_;
    MapView* map_;
    MapView* compare_;
    std::shared_ptr<const DriftDataset> dataset_;
    SceneBuilder* scene_ = nullptr;
    std::vector<double> mean_, error_;
    QString caption_, errorCaption_;
};

}  // namespace driftlab
