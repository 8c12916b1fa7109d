// Forecasts in the explorer (docs/predictions.md, docs/performance.md): the click-to-release
// latency, from the click's start until day 1 is drawn (simulation and the model's first day
// included; the first click also reads the currents), over 12 clicks at ocean points spread over
// the domain (a fixed sequence); then a release with its particles on day 3
// (click-to-release.png) and a rollout on day 5 (rollout.png).
#include <QApplication>
#include <QCheckBox>
#include <QDockWidget>
#include <algorithm>
#include <cstdint>
#include <iostream>
#include <vector>

#include "DayBar.h"
#include "DocImages.h"
#include "ForecastPanel.h"
#include "MainWindow.h"
#include "MapView.h"
#include "data/DriftDataset.h"
#include "jobs/CustomRelease.h"
#include "jobs/DatasetSimulation.h"

namespace driftlab::docimages {

namespace {

void renderBoth(MainWindow& w) {
    QApplication::processEvents();
    w.mapView()->renderNow();
    w.compareView()->renderNow();
}

}  // namespace

void forecastImages(const Inputs& in) {
    MainWindow w;
    w.setAttribute(Qt::WA_DontShowOnScreen);
    w.resize(1600, 900);
    w.show();
    w.trainingDock()->hide();
    openDatasetAndModel(w, in);
    const DriftDataset& ds = *w.dataset();
    const DatasetSimulation sim = datasetSimulation(ds);
    // Clicks at ocean points spread over the domain (a fixed order), at the dataset's defaults.
    const Grid& g = ds.grid();
    std::vector<double> latencies;
    std::uint64_t state = 12345;
    auto next = [&state] {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(state >> 11) / 9007199254740992.0;
    };
    int tries = 0;
    while (latencies.size() < 12) {
        require(++tries < 100000, "no ocean point to release from");
        ReleaseSpec spec;
        spec.lon = g.lonMin + next() * (g.lonMax() - g.lonMin);
        spec.lat = g.latMin + next() * (g.latMax() - g.latMin);
        if (!releasePointProblem(ds, spec.lon, spec.lat).empty()) continue;
        spec.day = static_cast<int>(next() * latestReleaseDay(ds));
        spec.radiusKm = sim.radiusKm;
        spec.particles = sim.particles;
        QString why;
        require(w.releaseAt(spec, true, &why), "the release was refused: " + why);
        require(waitFor([&] { return w.forecastDayOneMs() >= 0; }, 120000), "day 1 never came");
        latencies.push_back(static_cast<double>(w.forecastDayOneMs()));
        require(waitForForecast(w), "the release's forecast did not finish");
    }
    std::vector<double> warm(latencies.begin() + 1, latencies.end());
    std::sort(warm.begin(), warm.end());
    std::cout << "click-to-release, start to day 1 drawn (" << g.ny << " x " << g.nx << ", "
              << sim.particles << " particles, " << w.modelDescription().toStdString()
              << "): first click " << latencies.front() << " ms (reads the currents), then median "
              << warm[warm.size() / 2] << " ms, max " << warm.back() << " ms over " << warm.size()
              << std::endl;

    // The last release with its particles on day 3, and a rollout on day 5.
    auto* particles = w.forecastPanel()->findChild<QCheckBox*>();
    require(particles != nullptr, "the Forecast panel has no particles box");
    particles->setChecked(true);
    w.dayBar()->setDay(std::min(3, ds.outputDays()));
    renderBoth(w);
    save(w.grab(), in, "click-to-release.png");
    QString why;
    require(w.startRollout(std::min(7, ds.releaseCount() - 1), &why),
            "the rollout was refused: " + why);
    require(waitForForecast(w), "the rollout did not finish");
    w.dayBar()->setDay(std::min(5, ds.outputDays()));
    renderBoth(w);
    save(w.grab(), in, "rollout.png");
}

}  // namespace driftlab::docimages
