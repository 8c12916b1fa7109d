#include "GuiSupport.h"

#include <QApplication>
#include <cstdlib>

#include "MapView.h"

namespace driftlab::cli {

bool guiAvailable(std::string& why) {
    const char* platform = std::getenv("QT_QPA_PLATFORM");
    const std::string p = platform ? platform : "";
    if (!p.empty() && p.rfind("xcb", 0) != 0) {
        why = "QT_QPA_PLATFORM=" + p +
              " cannot host OpenGL views; DriftLab's map needs an X display (xcb)";
        return false;
    }
    const char* display = std::getenv("DISPLAY");
    if (!display || !*display) {
        why =
            "no X display (DISPLAY is not set); the window and `driftlab render` need one, e.g. "
            "xvfb-run -a -s \"-screen 0 1280x1024x24\" driftlab ...";
        return false;
    }
    return true;
}

void prepareGui() {
    if (!std::getenv("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "xcb");
    MapView::configureDefaultSurfaceFormat();
    QApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
}

}  // namespace driftlab::cli
