#pragma once
// The widget tests' defence against an X server that refuses a connection for a moment. Qt
// aborts the process when it cannot connect, with no reason given ("could not connect to
// display", "Subprocess aborted" in ctest): CI lost tests that way while the same commit passed
// whole runs before and after (docs/testing.md, "The display"). So:
//  - waitForDisplay connects once with Xlib first and, while the display refuses, logs the
//    server's reason (Xlib prints it: "Maximum number of clients reached", "Authorization
//    required", ...) and tries again with a growing pause;
//  - runConnectedChild runs the tests in a child process and starts it again when it dies
//    before its QApplication is connected: only that failure is retried, never a test's.
#include <functional>
#include <ostream>

namespace driftlab::test {

// True once `display` accepted a connection (closed again at once), within `seconds`.
bool waitForDisplay(const char* display, double seconds, std::ostream& log);

// Forks; the child runs `tests(connected)` and exits with its result, and must call
// `connected()` once its display connection is made. A child that ends before that is started
// again (at most `attempts` in all, the failure logged); otherwise the child's end is this
// process's: its exit code is returned, a signal that ended it is raised again here. The child
// is killed when this process dies (a test killing this process by its pid still kills it).
int runConnectedChild(int attempts, std::ostream& log,
                      const std::function<int(const std::function<void()>& connected)>& tests);

}  // namespace driftlab::test
