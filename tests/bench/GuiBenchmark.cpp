// Time to switch sample in the explorer, rendering included: loads a release/day from the file,
// rebuilds the layers and draws the frame. Run under an X display:
//   xvfb-run -a -s "-screen 0 1600x1000x24" build/dev/tests/bench/driftlab_bench_gui DATASET.h5
#include <QApplication>
#include <QElapsedTimer>
#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

#include "GuiSupport.h"
#include "LayerPanel.h"
#include "MainWindow.h"
#include "MapView.h"
#include "SceneBuilder.h"
#include "data/DriftDataset.h"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: driftlab_bench_gui DATASET.h5 [switches]\n");
        return 2;
    }
    driftlab::cli::prepareGui();
    QApplication app(argc, argv);
    driftlab::MainWindow w;
    w.resize(1400, 850);
    w.show();
    QApplication::processEvents();
    if (!w.openDataset(argv[1])) return 1;
    const int switches = argc > 2 ? std::atoi(argv[2]) : 400;
    const auto& ds = *w.dataset();
    std::mt19937 rng(1);
    auto measure = [&](const char* what, driftlab::Layer layer) {
        auto o = w.layerPanel()->options();
        o.layer = layer;
        w.layerPanel()->setOptions(o);
        w.showSample(0, 0);  // warm: dataset-wide colour ranges are computed once
        std::vector<double> ms;
        QElapsedTimer t;
        for (int k = 0; k < switches; ++k) {
            const int release = static_cast<int>(rng() % ds.releaseCount());
            const int day = static_cast<int>(rng() % (ds.outputDays() + 1));
            t.start();
            w.showSample(release, day);
            ms.push_back(t.nsecsElapsed() / 1e6);
        }
        std::sort(ms.begin(), ms.end());
        std::printf("%-22s switches %d  median %.2f ms  p95 %.2f ms  max %.2f ms\n", what, switches,
                    ms[ms.size() / 2], ms[ms.size() * 95 / 100], ms.back());
    };
    {
        QElapsedTimer t;
        t.start();
        for (int k = 0; k < 50; ++k) w.mapView()->renderNow();
        std::printf("render only (no change)  %.2f ms per frame\n", t.nsecsElapsed() / 1e6 / 50);
        t.start();
        for (int k = 0; k < 20; ++k)
            w.mapView()->renderImage(w.mapView()->width(), w.mapView()->height());
        std::printf("VTK into an FBO          %.2f ms per frame (%dx%d)\n",
                    t.nsecsElapsed() / 1e6 / 20, w.mapView()->width(), w.mapView()->height());
        driftlab::SceneBuilder scene(
            std::make_shared<const driftlab::DriftDataset>(driftlab::DriftDataset::open(argv[1])));
        t.start();
        for (int k = 0; k < 50; ++k) scene.load(k % ds.releaseCount(), k % (ds.outputDays() + 1));
        std::printf("load only                %.2f ms per sample\n", t.nsecsElapsed() / 1e6 / 50);
        const auto sample = scene.load(3, 2);
        t.start();
        for (int k = 0; k < 50; ++k) scene.apply(*w.mapView(), sample, w.layerPanel()->options());
        std::printf("apply only               %.2f ms per sample\n", t.nsecsElapsed() / 1e6 / 50);
    }
    measure("density (log, arrows)", driftlab::Layer::Density);
    measure("speed (arrows)", driftlab::Layer::Speed);
    measure("vorticity", driftlab::Layer::Vorticity);
    return 0;
}
