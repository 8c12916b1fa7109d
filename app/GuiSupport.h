#pragma once
// What every command that needs a window or OpenGL does first: check there is an X display
// Qt can host OpenGL on, and set the surface format VTK needs, before the QApplication exists.
#include <string>

namespace driftlab::cli {

// False (with the reason) when no GUI can start: no DISPLAY, or a Qt platform such as
// "offscreen" that cannot host OpenGL widgets (Qt would crash there).
bool guiAvailable(std::string& why);
// Surface format and Qt attributes; call before constructing the QApplication.
void prepareGui();

}  // namespace driftlab::cli
