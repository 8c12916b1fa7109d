#include "MapSurface.h"

#include <QEvent>

namespace driftlab {

MapSurface::MapSurface(const QSurfaceFormat& format) {
    setSurfaceType(QSurface::OpenGLSurface);
    setFormat(format);
    // Transparent for input: the X server hands clicks, motion and wheel to the parent window,
    // where Qt delivers them to MapView; keyboard focus stays with the widgets.
    setFlags(flags() | Qt::WindowTransparentForInput);
}

void MapSurface::exposeEvent(QExposeEvent*) {
    if (isExposed()) emit exposed();
}

bool MapSurface::event(QEvent* e) {
    if (e->type() == QEvent::UpdateRequest) {
        emit updateRequested();
        return true;
    }
    return QWindow::event(e);
}

}  // namespace driftlab
