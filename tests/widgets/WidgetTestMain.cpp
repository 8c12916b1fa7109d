// GoogleTest main for the widget and rendering tests: a real QApplication on Qt's xcb platform
// (run under xvfb-run; scripts/test.sh does). Without a display the tests are skipped with a
// clear message rather than crashing. Every test starts from empty settings, cache and data
// folders of its own (support/TestIsolation.h), so its result never depends on what ran before.
#include <gtest/gtest.h>

#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <cstdlib>
#include <functional>
#include <iostream>

#include "MapView.h"
#include "support/TestIsolation.h"
#include "widgets/DisplayWait.h"

int main(int argc, char** argv) {
    ::testing::InitGoogleTest(&argc, argv);
    // Listing the tests (ctest's discovery) needs no display.
    if (GTEST_FLAG_GET(list_tests)) return RUN_ALL_TESTS();
    const char* display = std::getenv("DISPLAY");
    if (!display || !*display) {
        std::cerr
            << "widget tests need an X display: run them under xvfb-run (scripts/test.sh does)\n";
        return 1;
    }
    // Qt aborts without a reason when the server refuses it: connect once first, wait out a
    // display that is busy for a moment, and run the tests in a child that is started again if
    // it dies before it is connected (DisplayWait.h).
    if (!driftlab::test::waitForDisplay(display, 30.0, std::cerr)) return 1;
    return driftlab::test::runConnectedChild(
        4, std::cerr, [&](const std::function<void()>& connected) {
            qputenv("QT_QPA_PLATFORM", "xcb");
            driftlab::MapView::configureDefaultSurfaceFormat();
            QApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
            QApplication::setOrganizationName("DriftLabTests");
            QApplication::setApplicationName("driftlab-widget-tests");
            // Paths under the per-test HOME (~/.qttest/...), never the user's own folders.
            QStandardPaths::setTestModeEnabled(true);
            QApplication app(argc, argv);
            connected();
            driftlab::test::IsolatedHomeListener::install([](const std::filesystem::path& config) {
                // QSettings reads its folders once per process: point it at this test's own.
                const QString dir = QString::fromStdString(config.string());
                QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir);
                QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir);
                QSettings().clear();
            });
            return RUN_ALL_TESTS();
        });
}
