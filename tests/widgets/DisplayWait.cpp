#include "widgets/DisplayWait.h"

#include <X11/Xlib.h>

#include <algorithm>
#include <chrono>
#include <thread>

namespace driftlab::test {

bool waitForDisplay(const char* display, double seconds, std::ostream& log) {
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + std::chrono::duration<double>(seconds);
    auto pause = std::chrono::milliseconds(100);
    for (int attempt = 1;; ++attempt) {
        if (Display* connection = XOpenDisplay(display)) {
            XCloseDisplay(connection);
            if (attempt > 1)
                log << "X display " << display << " accepted a connection at attempt " << attempt
                    << "\n";
            return true;
        }
        if (Clock::now() + pause > deadline) {
            log << "X display " << display << " refused " << attempt
                << " connections; giving up after " << seconds << " s\n";
            return false;
        }
        log << "X display " << display << " refused a connection (attempt " << attempt
            << "), trying again in " << pause.count() << " ms\n";
        std::this_thread::sleep_for(pause);
        pause = std::min(pause * 2, std::chrono::milliseconds(2000));
    }
}

}  // namespace driftlab::test
