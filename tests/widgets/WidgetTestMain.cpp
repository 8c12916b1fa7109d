// GoogleTest main for the widget and rendering tests: a real QApplication on Qt's xcb platform
// (run under xvfb-run; scripts/test.sh does). Without a display the tests are skipped with a
// clear message rather than crashing.
#include <gtest/gtest.h>

#include <QApplication>
#include <cstdlib>
#include <iostream>

#include "MapView.h"

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    const char* display = std::getenv("DISPLAY");
    if (!display || !*display) {
        std::cerr
            << "widget tests need an X display: run them under xvfb-run (scripts/test.sh does)\n";
        return 1;
    }
    qputenv("QT_QPA_PLATFORM", "xcb");
    driftlab::MapView::configureDefaultSurfaceFormat();
    QApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication::setOrganizationName("DriftLabTests");
    QApplication::setApplicationName("driftlab-widget-tests");
    QApplication app(argc, argv);
    return RUN_ALL_TESTS();
}
