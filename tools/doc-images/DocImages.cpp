// The helpers every group of pictures shares.
#include "DocImages.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QSignalSpy>
#include <QTest>
#include <iostream>

#include "Forecast.h"
#include "ForecastController.h"
#include "MainWindow.h"

namespace driftlab::docimages {

void require(bool ok, const QString& what) {
    if (!ok) throw Failure(what.toStdString());
}

void save(const QImage& image, const Inputs& in, const QString& name) {
    if (!in.only.isEmpty() && !in.only.contains(name)) return;
    const QString path = in.out.filePath(name);
    require(!image.isNull() && image.save(path), "could not write " + path);
    std::cout << "wrote " << path.toStdString() << " (" << image.width() << " x "
              << image.height() << ")" << std::endl;
}

void save(const QPixmap& pixmap, const Inputs& in, const QString& name) {
    save(pixmap.toImage(), in, name);
}

void saveView(MainWindow& w, const Inputs& in, const QString& name, int width, int height) {
    save(w.viewImage(width, height), in, name);
}

bool waitFor(const std::function<bool()>& done, int ms) {
    return QTest::qWaitFor(done, ms);
}

void openDatasetAndModel(MainWindow& w, const Inputs& in) {
    require(w.openDataset(in.dataset), "could not open the dataset " + in.dataset);
    QSignalSpy loaded(&w, &MainWindow::modelChanged);
    w.loadModel(in.model);
    require(loaded.wait(120000), "no model loaded from " + in.model);
}

bool waitForForecast(MainWindow& w) {
    return waitFor(
        [&] {
            const Forecast* f = w.forecastController()->forecast();
            return f && f->complete() && !w.forecastController()->running();
        },
        120000);
}

}  // namespace driftlab::docimages
