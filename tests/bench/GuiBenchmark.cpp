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
    // datasetRange false: the colour range follows each sample, so the colour bar (one of the
    // kept decorations) changes with every switch.
    auto measure = [&](const char* what, driftlab::Layer layer, bool datasetRange = true) {
        auto o = w.layerPanel()->options();
        o.layer = layer;
        o.datasetRange = datasetRange;
        w.layerPanel()->setOptions(o);
        w.showSample(0, 0);  // warm: dataset-wide colour ranges are computed once
        std::vector<double> ms;
        const int decorationPasses = w.mapView()->decorationPasses();
        QElapsedTimer t;
        for (int k = 0; k < switches; ++k) {
            const int release = static_cast<int>(rng() % ds.releaseCount());
            const int day = static_cast<int>(rng() % (ds.outputDays() + 1));
            t.start();
            w.showSample(release, day);
            ms.push_back(t.nsecsElapsed() / 1e6);
        }
        std::sort(ms.begin(), ms.end());
        std::printf(
            "%-22s switches %d  median %.2f ms  p95 %.2f ms  max %.2f ms  (decorations "
            "drawn %d times)\n",
            what, switches, ms[ms.size() / 2], ms[ms.size() * 95 / 100], ms.back(),
            w.mapView()->decorationPasses() - decorationPasses);
    };
    {
        QElapsedTimer t;
        t.start();
        for (int k = 0; k < 50; ++k) w.mapView()->renderNow();
        std::printf("render only (no change)  %.2f ms per frame\n", t.nsecsElapsed() / 1e6 / 50);
        // Panning: the view moves every frame, so the decorations are drawn again each time.
        const driftlab::ViewState home = w.mapView()->viewState();
        t.start();
        for (int k = 0; k < 50; ++k) {
            driftlab::ViewState v = home;
            v.centreX += 0.002 * (k + 1) * home.halfHeight;
            w.mapView()->setViewState(v);
            w.mapView()->renderNow();
        }
        std::printf("pan (view moves)         %.2f ms per frame\n", t.nsecsElapsed() / 1e6 / 50);
        w.mapView()->setViewState(home);
        t.start();
        for (int k = 0; k < 20; ++k)
            w.mapView()->renderImage(w.mapView()->width(), w.mapView()->height());
        std::printf("frame, not painted       %.2f ms per frame (%dx%d)\n",
                    t.nsecsElapsed() / 1e6 / 20, w.mapView()->width(), w.mapView()->height());
        // What each layer costs: the same frame with one layer hidden at a time (20 frames each;
        // a decoration's change draws the kept decorations again on the first).
        auto* map = w.mapView();
        auto frameMs = [&] {
            QElapsedTimer f;
            f.start();
            for (int k = 0; k < 20; ++k) map->renderImage(map->width(), map->height());
            return f.nsecsElapsed() / 1e6 / 20;
        };
        const double all = frameMs();
        const std::pair<const char*, void (driftlab::MapView::*)(bool)> layers[] = {
            {"scalar field", &driftlab::MapView::setScalarVisible},
            {"colour bar", &driftlab::MapView::setColorBarVisible},
            {"arrows", &driftlab::MapView::setVectorsVisible},
            {"contours", &driftlab::MapView::setContoursVisible},
            {"coastline", &driftlab::MapView::setCoastlineVisible},
            {"axes", &driftlab::MapView::setAxesVisible}};
        for (const auto& [name, set] : layers) {
            (map->*set)(false);
            std::printf("  without %-14s %.2f ms per frame (all: %.2f)\n", name, frameMs(), all);
            (map->*set)(true);
        }
        for (const auto& [name, set] : layers) (map->*set)(false);
        std::printf("  no layer at all        %.2f ms per frame\n", frameMs());
        for (const auto& [name, set] : layers) (map->*set)(true);
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
    measure("density, sample range", driftlab::Layer::Density, false);
    return 0;
}
