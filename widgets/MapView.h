#pragma once
// The map: a VTK scene rendered off screen in an OpenGL context of the view's own and painted as
// an image, like any widget (Debian's VTK Qt module is Qt 5 only, so the embedding is ours; see
// docs/rendering.md). Geographic aspect: x = lon * cos(mid latitude).
// Layers: a scalar field with a cmocean colour map and a colour bar, current arrows, density
// contours of the regions holding 50 % and 90 % of the mass, the coastline, a release marker,
// longitude / latitude axes. Pan with the left mouse button, zoom with the wheel (about the
// cursor), reset with R or a double click. VTK types stay out of this header: the scene lives
// behind a pointer, drawn by OffscreenTarget, seen through MapCamera, laid out by MapLayout, one
// class per layer (ScalarFieldLayer, ArrowLayer, StreamlineLayer, MassContourLayer, CloudMarks,
// ReleaseLayer, CoastlineLayer, AxesLayer).
#include <QImage>
#include <QRectF>
#include <QWidget>
#include <QString>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "ViewState.h"
#include "ocean/Grid.h"
#include "ocean/Streamlines.h"

namespace driftlab {

struct ScalarLayer {
    std::vector<float> values;   // ny x nx, row 0 south; NaN draws as land
    QString title;               // e.g. "Current speed"
    QString units;               // e.g. "m/s"
    QString colorMap = "speed";  // a ColorMap::builtinNames() entry
    bool logScale = false;
    double lo = 0.0, hi = 1.0;  // colour range (lo > 0 for log scale)
};

// Two rendered views in one image, left and right, with a thin grey line between them (the
// side-by-side comparison saved as PNG).
QImage joinSideBySide(const QImage& left, const QImage& right);

class MapView : public QWidget {
    Q_OBJECT
public:
    explicit MapView(QWidget* parent = nullptr);
    ~MapView() override;

    // Call before the QApplication is made: the OpenGL format VTK needs (3.2 core, no MSAA).
    static void configureDefaultSurfaceFormat();

    // A new grid: clears the layers and frames the whole domain.
    void setGrid(const Grid& grid, const std::vector<std::uint8_t>& ocean);
    const Grid& grid() const;

    void setScalar(const ScalarLayer& layer);
    void setVectors(const std::vector<float>& u, const std::vector<float>& v);  // m/s
    // Streamlines (ocean/Streamlines.h) as thin lines with an arrowhead in the direction of the
    // flow at the middle of each (and every few separations along long ones).
    void setStreamlines(const std::vector<Streamline>& lines);
    int streamlineCount() const;  // lines shown now (0 while the layer is hidden)
    void setContours(const std::vector<float>& density);  // 50 % / 90 % mass regions
    // Truth and prediction together: the 50 % (thick) and 90 % (thin) mass contours of the
    // simulated map in black and of the predicted one in orange, and each cloud's centre (a
    // cross) and spread (a circle of its rms radius) in the same colours, with a legend; with
    // `advected` (the numerical-advection baseline's map of the same day), its centre and spread
    // in blue. setContours() goes back to one map's contours.
    void setComparisonContours(const std::vector<float>& truth,
                               const std::vector<float>& predicted,
                               const std::vector<float>& advected = {});
    bool showingComparison() const;
    void setRelease(double lon, double lat, double radiusKm);
    void clearRelease();
    // Particles as dots (lon, lat in degrees); an empty list hides them.
    void setParticles(const std::vector<float>& lon, const std::vector<float>& lat);
    int particleCount() const;
    // Hides every data layer (scalar, arrows, contours, particles, release); coastline, axes and
    // caption stay. For a view that has nothing to show yet.
    void clearData();

    void setScalarVisible(bool on);
    void setVectorsVisible(bool on);
    void setStreamlinesVisible(bool on);
    void setContoursVisible(bool on);
    void setCoastlineVisible(bool on);
    void setAxesVisible(bool on);
    void setColorBarVisible(bool on);
    void setCaption(const QString& text);  // top-left title (release, date, ...)

    void resetView();
    // The camera, to link views: a view that follows another copies its state on viewChanged.
    ViewState viewState() const;
    void setViewState(const ViewState& state);  // does not emit viewChanged
    // Shows the box lonMin..lonMax x latMin..latMax (degrees) as large as the view allows.
    void frame(double lonMin, double latMin, double lonMax, double latMax);
    // The colour range of the scalar layer (lo, hi) as drawn.
    std::pair<double, double> scalarRange() const;
    // Value of the scalar layer under (lon, lat), if any.
    std::optional<double> valueAt(double lon, double lat) const;
    // Where the fitted map (the grid's extent) would lie in a view of `px` pixels with the
    // texts shown now: to choose how to share a space between views.
    QRectF fittedMapRect(QSize px);
    // Renders the current view into an image of the given size (pixels), off screen.
    QImage renderImage(int width, int height);
    // Draws the frame on screen now, if the map is on screen, and returns when it is there
    // (for benchmarks, tests and switching samples without waiting for the event loop); false
    // if there is no usable OpenGL context.
    bool renderNow();
    // How many times the decorations (coastline, axes, colour bar, legends) were drawn: they are
    // kept between frames and drawn again only when they or the view change (for tests and
    // benchmarks).
    int decorationPasses() const;

    // The vertices (lon, lat) of the drawn contour of the region holding `fraction` (0.5 or
    // 0.9) of the mass, of the prediction's map in comparison mode with `predicted` (for tests).
    std::vector<std::pair<double, double>> contourVertices(double fraction,
                                                           bool predicted = false) const;

signals:
    void hovered(double lon, double lat, bool insideGrid);
    void glUnavailable(const QString& why);
    void frameRendered();  // after each frame drawn on screen
    void viewChanged();    // the user panned, zoomed or reset the view
    // A right click on the map (context menu), at (lon, lat), inside the grid or not.
    void contextMenuRequestedAt(double lon, double lat, const QPoint& globalPos);

protected:
    // Renders a new frame when something changed, then paints it.
    void paintEvent(QPaintEvent* e) override;
    void resizeEvent(QResizeEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseReleaseEvent(QMouseEvent* e) override;
    void mouseDoubleClickEvent(QMouseEvent* e) override;
    void wheelEvent(QWheelEvent* e) override;
    void keyPressEvent(QKeyEvent* e) override;
    void contextMenuEvent(QContextMenuEvent* e) override;

private:
    struct Impl;
    std::unique_ptr<Impl> d_;
};

}  // namespace driftlab
