// How much of each view its map fills, at 1400 x 850 and at 1366 x 768 (a small laptop screen):
// the window side by side on release 3, day 2 (side-by-side-WxH.png) and after a release from
// that release's point, day 3 (click-to-release-WxH.png); and the window at its default size
// with the release table (main-window.png).
#include <QApplication>
#include <QSettings>
#include <QSize>
#include <algorithm>

#include "DayBar.h"
#include "DocImages.h"
#include "MainWindow.h"
#include "MapView.h"
#include "data/DriftDataset.h"
#include "jobs/DatasetSimulation.h"

namespace driftlab::docimages {

void layoutImages(const Inputs& in) {
    for (const QSize size : {QSize(1400, 850), QSize(1366, 768)}) {
        const QString tag = QString("%1x%2").arg(size.width()).arg(size.height());
        QSettings().remove("window");  // the first-start layout at each size
        MainWindow w;
        w.setAttribute(Qt::WA_DontShowOnScreen);
        w.resize(size);
        w.show();
        openDatasetAndModel(w, in);
        const DriftDataset& ds = *w.dataset();
        const int release = std::min(3, ds.releaseCount() - 1);
        w.setSideBySide(true);
        w.showSample(release, std::min(2, ds.outputDays() - 1));
        require(waitFor([&] { return w.currentPrediction() != nullptr; }, 60000),
                "no prediction of release " + QString::number(release));
        QApplication::processEvents();
        w.mapView()->renderNow();
        w.compareView()->renderNow();
        save(w.grab(), in, "side-by-side-" + tag + ".png");

        const ReleaseSpec& r = ds.releases()[static_cast<std::size_t>(release)].spec;
        ReleaseSpec spec;
        spec.lon = r.lon;
        spec.lat = r.lat;
        spec.radiusKm = r.radiusKm;
        spec.particles = datasetSimulation(ds).particles;
        QString why;
        require(w.releaseAt(spec, true, &why), "the release was refused: " + why);
        require(waitForForecast(w), "the release's forecast did not finish");
        w.dayBar()->setDay(std::min(3, ds.outputDays()));
        QApplication::processEvents();
        w.mapView()->renderNow();
        w.compareView()->renderNow();
        save(w.grab(), in, "click-to-release-" + tag + ".png");
    }
    // The first start's window, no model: the release table beside the map.
    QSettings().remove("window");
    MainWindow w;
    w.resize(1400, 850);
    w.show();
    require(w.openDataset(in.dataset), "could not open the dataset " + in.dataset);
    QApplication::processEvents();
    save(w.grab(), in, "main-window.png");
}

}  // namespace driftlab::docimages
