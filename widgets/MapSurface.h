#pragma once
// The native child window the map is drawn into (see docs/rendering.md). It takes no input:
// mouse and keys go to the MapView widget under it. A window of its own, swapped on its own,
// spares Qt composing the whole top-level window through OpenGL on every frame, which is what
// a QOpenGLWidget costs (with a software renderer that is CPU time for every pixel).
#include <QWindow>

namespace driftlab {

class MapSurface : public QWindow {
    Q_OBJECT
public:
    explicit MapSurface(const QSurfaceFormat& format);

signals:
    // The window was exposed (draw now) or a frame was asked for with requestUpdate().
    void exposed();
    void updateRequested();

protected:
    void exposeEvent(QExposeEvent* e) override;
    bool event(QEvent* e) override;
};

}  // namespace driftlab
