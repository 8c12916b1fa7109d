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
#include "ocean/Streamlines.h"

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
    bool streamlines = false;  // evenly spaced streamlines of the currents
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
    std::vector<float> advected;     // the advection baseline's map of day + 1 (empty: none)
    bool hasPrediction() const { return !prediction.empty() && !densityNext.empty(); }
};

// Two density maps of the same day side by side: the simulated one (left) and the model's
// (right), with one colour range, both maps' 50 % / 90 % contours on each view, the same
// currents and release marker. Used for a sample (truth of day t+1 | prediction of day t+1)
// and for rollouts and click-to-release forecasts (day d of each).
struct ComparisonScene {
    std::vector<float> u, v;       // currents shown as arrows (empty: none)
    std::vector<float> truth;      // left, ny x nx
    std::vector<float> predicted;  // right; empty: the right view shows only its caption
    std::vector<float> advected;   // the advection baseline's map (empty: none): its centre and
                                   // spread are drawn beside the truth's and the model's
    QString leftCaption, rightCaption;
    bool haveRelease = false;
    double releaseLon = 0, releaseLat = 0, releaseRadiusKm = 0;
    // Simulated particles (degrees), drawn on the left when given.
    std::vector<float> particleLon, particleLat;
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
    // The side-by-side pair. The colour range is the dataset's density range (datasetRange
    // option) or the larger of the two maps' peaks.
    void applyComparison(MapView& left, MapView& right, const ComparisonScene& scene,
                         const SceneOptions& options);
    // A sample's comparison: truth of day t+1 | the model's prediction of it.
    ComparisonScene comparisonOf(const Sample& sample) const;
    // The mean density (left, as applyMean) beside a map of the mean absolute error per cell of
    // a model (right, its own sequential colour scale).
    void applyMeanWithError(MapView& left, MapView& right, const std::vector<double>& mean,
                            const QString& meanCaption, const std::vector<double>& meanError,
                            const QString& errorCaption) const;
    // Colour range of a layer over the whole dataset, from a spread of samples (cached).
    std::pair<double, double> datasetRange(Layer layer, bool logScale);

private:
    std::vector<float> layerValues(const Sample& s, Layer layer) const;
    // Evenly spaced streamlines of currents on the dataset's grid, off its land.
    std::vector<Streamline> streamlinesOf(const std::vector<float>& u,
                                          const std::vector<float>& v) const;

    std::shared_ptr<const DriftDataset> dataset_;
    std::vector<double> coriolis_;  // per row
    std::vector<std::pair<double, double>> ranges_;
    std::vector<bool> haveRange_;
};

}  // namespace driftlab
