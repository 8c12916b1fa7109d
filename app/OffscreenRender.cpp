#include "OffscreenRender.h"

#include <QApplication>
#include <QImage>
#include <iostream>

#include "Commands.h"
#include "GuiSupport.h"
#include "MapView.h"
#include "SceneBuilder.h"

namespace driftlab::cli {

int renderPng(const std::shared_ptr<const DriftDataset>& dataset, int width, int height,
              const std::string& out, const std::function<void(SceneBuilder&, MapView&)>& setup,
              const std::string& command) {
    std::string why;
    if (!guiAvailable(why)) {
        std::cerr << command << ": " << why << "\n";
        return kFailure;
    }
    prepareGui();
    int argc = 1;
    char name[] = "driftlab";
    char* argv[] = {name, nullptr};
    QApplication app(argc, argv);
    try {
        SceneBuilder scene(dataset);
        MapView view;
        view.setAttribute(Qt::WA_DontShowOnScreen);
        view.resize(width, height);
        view.show();
        QApplication::processEvents();
        view.setGrid(dataset->grid(), dataset->mask().values());
        setup(scene, view);
        if (!view.renderNow()) {
            std::cerr << command << ": no usable OpenGL context on this display\n";
            return kFailure;
        }
        const QImage image = view.renderImage(width, height);
        if (image.isNull() || !image.save(QString::fromStdString(out), "PNG")) {
            std::cerr << command << ": cannot write " << out << "\n";
            return kFailure;
        }
        std::cerr << command << ": wrote " << out << " (" << width << " x " << height << ")\n";
        return kOk;
    } catch (const std::exception& e) {
        std::cerr << command << ": " << e.what() << "\n";
        return kFailure;
    }
}

}  // namespace driftlab::cli
