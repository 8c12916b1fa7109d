// Predictions on the map (docs/training.md): the inference time per sample, then the window
// (prediction-window.png), the truth and prediction contours over the current speed around the
// release (prediction-overlay.png) and the difference layer (prediction-difference.png).
#include <QApplication>
#include <QDockWidget>
#include <algorithm>
#include <iostream>
#include <vector>

#include "DocImages.h"
#include "LayerPanel.h"
#include "MainWindow.h"
#include "MapView.h"
#include "SceneBuilder.h"
#include "data/DriftDataset.h"

namespace driftlab::docimages {

namespace {

bool waitForPrediction(MainWindow& w) {
    return waitFor([&] { return w.currentPrediction() != nullptr; }, 60000);
}

}  // namespace

void predictionImages(const Inputs& in) {
    MainWindow w;
    w.setAttribute(Qt::WA_DontShowOnScreen);
    w.resize(1400, 850);
    w.show();
    w.trainingDock()->hide();
    openDatasetAndModel(w, in);
    const DriftDataset& ds = *w.dataset();
    // Inference time per sample: the median over the output days of a few releases.
    std::vector<double> times;
    for (int r = 0; r < std::min(4, ds.releaseCount()); ++r) {
        for (int d = 0; d < ds.outputDays(); ++d) {
            w.showSample(r, d);
            require(waitForPrediction(w), "no prediction of release " + QString::number(r));
            times.push_back(w.currentPrediction()->seconds);
        }
    }
    require(!times.empty(), "the dataset has no sample to predict");
    std::sort(times.begin(), times.end());
    std::cout << "inference per sample (" << ds.grid().ny << " x " << ds.grid().nx << ", "
              << w.modelDescription().toStdString() << "): median "
              << times[times.size() / 2] * 1e3 << " ms, min " << times.front() * 1e3
              << " ms, max " << times.back() * 1e3 << " ms over " << times.size() << std::endl;

    const int release = std::clamp(in.release, 0, ds.releaseCount() - 1);
    const int day = std::clamp(in.day, 0, ds.outputDays() - 1);
    SceneOptions o = w.layerPanel()->options();
    o.layer = Layer::Speed;
    o.arrows = o.contours = o.compare = true;
    w.layerPanel()->setOptions(o);
    w.showSample(release, day);
    require(waitForPrediction(w), "no prediction of release " + QString::number(release));
    // Around the release, the map's extent once the window is laid out.
    QApplication::processEvents();
    const ReleaseSpec& spec = ds.releases()[static_cast<std::size_t>(release)].spec;
    w.mapView()->frame(spec.lon - 2.6, spec.lat - 1.3, spec.lon + 2.6, spec.lat + 1.3);
    w.mapView()->renderNow();
    QApplication::processEvents();
    save(w.grab(), in, "prediction-window.png");
    saveView(w, in, "prediction-overlay.png", 1200, 700);
    o.layer = Layer::Difference;
    w.layerPanel()->setOptions(o);
    w.showSample(release, day);
    saveView(w, in, "prediction-difference.png", 1200, 700);
}

}  // namespace driftlab::docimages
