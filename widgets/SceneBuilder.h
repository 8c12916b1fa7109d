#pragma once
// Turns a dataset sample (a release on an output day) into what the map shows: the chosen
// scalar layer with its colour map, units and colour range, the current arrows, the density
// contours and the release marker. Shared by the main window and `driftlab render`, so both
// draw the same picture.
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

#include "data/DriftDataset.h"

namespace driftlab {

class MapView;

// Prediction and Difference (prediction - truth) are of day t+1 and need a model's prediction
// in the sample (Sample::prediction).
enum class Layer { Speed, Vorticity, U, V, Density, DensityNext, Mask, Prediction, Difference };
// "speed", "vorticity", "u", "v", "density", "density-next", "mask", "prediction", "difference"
QStringList layerNames();
Layer parseLayer(const QString& name);  // throws std::invalid_argument listing the names
QString layerName(Layer layer);

struct SceneOptions {
    Layer layer = Layer::Density;
    bool logScale = true;      // densities: log10 colour scale
    bool datasetRange = true;  // colour range fixed over the dataset (else per sample)
    bool arrows = true;
    bool contours = true;
    bool compare = true;  // with a prediction: truth and prediction contours of day t+1
    bool coastline = true;
    bool axes = true;
};

// One sample's fields, read from the file.
struct Sample {
    int release = 0, day = 0;
    int date = 0;                    // days since 1970-01-01 of the currents shown
    std::vector<float> u, v;         // currents on that date
    std::vector<float> density;      // density map on output day `day`
    std::vector<float> densityNext;  // day + 1 (empty on the last day)
    std::vector<float> prediction;   // a model's prediction of day + 1 (empty: none)
    bool hasPrediction() const { return !prediction.empty() && !densityNext.empty(); }
};

class SceneBuilder {
public:
    explicit SceneBuilder(std::shared_ptr<const DriftDataset> dataset);

    const DriftDataset& dataset() const { return *dataset_; }
    Sample load(int release, int day) const;
    // Configures the view for the sample (the grid must already be set on the view).
    void apply(MapView& view, const Sample& sample, const SceneOptions& options);
    // Shows a mean-density map (ny x nx) as the seed's figure does: log colour scale over two
    // decades below the maximum, coastline and axes, no arrows, contours or release marker.
    void applyMean(MapView& view, const std::vector<double>& mean, const QString& caption) const;
    // Colour range of a layer over the whole dataset, from a spread of samples (cached).
    std::pair<double, double> datasetRange(Layer layer, bool logScale);

private:
    std::vector<float> layerValues(const Sample& s, Layer layer) const;

    std::shared_ptr<const DriftDataset> dataset_;
    std::vector<double> coriolis_;  // per row
    std::vector<std::pair<double, double>> ranges_;
    std::vector<bool> haveRange_;
};

}  // namespace driftlab
