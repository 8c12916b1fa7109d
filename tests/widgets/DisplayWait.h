#pragma once
// The widget tests' first X connection, made before Qt's: Qt aborts the process when it cannot
// connect, with no reason given. A display that refuses a connection for a moment (a busy or
// shared X server in CI) is tried again for up to `seconds`, and each refusal is logged with
// the server's reason (Xlib prints it: "Maximum number of clients reached", "Authorization
// required", ...) so a CI log says what happened instead of "Subprocess aborted".
#include <ostream>

namespace driftlab::test {

// True once `display` accepted a connection (closed again at once).
bool waitForDisplay(const char* display, double seconds, std::ostream& log);

}  // namespace driftlab::test
