#include "OffscreenRender.h"

#include <QApplication>
#include <QImage>
#include <iostream>

#include "Commands.h"
#include "GuiSupport.h"
#include "MapView.h"
#include "SceneBuilder.h"

namespace driftlab::cli {

namespace {

// One or two off-screen views (two: side by side, each half the width) drawn by `setup`.
int renderViews(const std::shared_ptr<const DriftDataset>& dataset, int width, int height,
                const std::string& out, int viewCount,
                const std::function<void(SceneBuilder&, MapView&, MapView*)>& setup,
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
        const int widths[2] = {viewCount == 2 ? width / 2 : width, width - width / 2};
        MapView views[2];
        for (int k = 0; k < viewCount; ++k) {
            views[k].setAttribute(Qt::WA_DontShowOnScreen);
            views[k].resize(widths[k], height);
            views[k].show();
        }
        QApplication::processEvents();
        for (int k = 0; k < viewCount; ++k)
            views[k].setGrid(dataset->grid(), dataset->mask().values());
        setup(scene, views[0], viewCount == 2 ? &views[1] : nullptr);
        QImage image;
        for (int k = 0; k < viewCount; ++k) {
            if (!views[k].renderNow()) {
                std::cerr << command << ": no usable OpenGL context on this display\n";
                return kFailure;
            }
            const QImage part = views[k].renderImage(widths[k], height);
            image = k == 0 ? part : joinSideBySide(image, part);
        }
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

}  // namespace

int renderPng(const std::shared_ptr<const DriftDataset>& dataset, int width, int height,
              const std::string& out, const std::function<void(SceneBuilder&, MapView&)>& setup,
              const std::string& command) {
    return renderViews(
        dataset, width, height, out, 1,
        [&](SceneBuilder& scene, MapView& view, MapView*) { setup(scene, view); }, command);
}

int renderPairPng(const std::shared_ptr<const DriftDataset>& dataset, int width, int height,
                  const std::string& out,
                  const std::function<void(SceneBuilder&, MapView&, MapView&)>& setup,
                  const std::string& command) {
    return renderViews(
        dataset, width, height, out, 2,
        [&](SceneBuilder& scene, MapView& left, MapView* right) { setup(scene, left, *right); },
        command);
}

}  // namespace driftlab::cli
