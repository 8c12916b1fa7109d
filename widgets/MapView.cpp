#include "MapView.h"

#include <vtkCoordinate.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QResizeEvent>
#include <QSurfaceFormat>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "ArrowLayer.h"
#include "AxesLayer.h"
#include "CloudMarks.h"
#include "CoastlineLayer.h"
#include "GlyphCacheRepair.h"
#include "MapCamera.h"
#include "MapLayout.h"
#include "MassContourLayer.h"
#include "OffscreenTarget.h"
#include "ReleaseLayer.h"
#include "ScalarFieldLayer.h"
#include "StreamlineLayer.h"

namespace driftlab {

QImage joinSideBySide(const QImage& left, const QImage& right) {
    if (left.isNull() || right.isNull()) return {};
    QImage both(left.width() + right.width(), std::max(left.height(), right.height()),
                QImage::Format_RGB32);
    both.fill(Qt::white);
    QPainter painter(&both);
    painter.drawImage(0, 0, left);
    painter.drawImage(left.width(), 0, right);
    painter.setPen(QColor(120, 120, 120));
    painter.drawLine(left.width(), 0, left.width(), both.height() - 1);
    return both;
}

namespace {
// Once per process, before any text is laid out: VTK's glyph cache works again.
bool repairGlyphCacheOnce() {
    static const bool repaired = repairVtkGlyphCache();
    return repaired;
}
}  // namespace

struct MapView::Impl {
    explicit Impl(MapView* view);

    MapView* self;
    bool glyphCache = repairGlyphCacheOnce();
    Grid grid;
    std::vector<std::uint8_t> ocean;
    double kx = 1.0;  // display x = lon * kx

    // First, so that it goes last: the layers' actors live in its renderers.
    OffscreenTarget target;
    MapCamera camera;
    ScalarFieldLayer field;
    ArrowLayer arrows;
    StreamlineLayer streamlines;
    MassContourLayer contours;
    CloudMarks clouds;
    ReleaseLayer release;
    CoastlineLayer coast;
    AxesLayer axes;
    Ptr<vtkTextActor> caption = Ptr<vtkTextActor>::New();

    QImage screenImage;       // the last frame drawn for the screen, top row first
    bool frameWanted = true;  // something changed since `screenImage` was drawn
    // The camera shows the whole domain (resetView) and the user has not moved it since: a
    // resize frames the domain again (the window's first layout resizes the map many times).
    bool fitted = true;
    QRectF fittedMap;  // where the layout put the map when the camera was last fitted
    QPoint lastMouse;
    bool dragging = false;

    void applyVisibility();
    // Where things go in a view of `px` pixels, for the texts shown now (MapLayout).
    MapLayout layout(QSize px);
    // Puts the colour bar, caption and legends where `l` says, in a view of `px` pixels, the
    // map's layers on its map and the axes around what the camera shows there (after the camera
    // is set).
    void place(const MapLayout& l, QSize px);
    // Frames the whole grid on the layout's map.
    void fitGrid(const MapLayout& l, QSize px);
    // Widths of texts, measured once each.
    std::map<std::pair<int, std::string>, double> widths;
    double widthOf(vtkTextProperty* property, const std::string& text);
    // Asks for a new frame on screen (coalesced by QWidget::update()).
    void requestFrame();
    // Sets a layer's switch and shows the change.
    template <class Set>
    void toggle(Set set) {
        set();
        applyVisibility();
        requestFrame();
    }
    // After the camera moved: a new frame, and the view no longer fitted.
    void moved();
};

MapView::Impl::Impl(MapView* view)
    : self(view),
      target([this] { requestFrame(); }, [this](const QString& why) { emit self->glUnavailable(why); }),
      camera(target.camera()),
      field(target.colourBar()),
      arrows(target.data(), target.decorations()),
      streamlines(target.data(), target.decorations()),
      contours(target.data(), target.decorations()),
      clouds(target.data()),
      release(target.data()),
      coast(target.mapDecorations()),
      axes(target.decorations()) {
    caption->GetTextProperty()->SetFontSize(15);
    caption->GetTextProperty()->SetColor(0.1, 0.1, 0.1);
    caption->GetTextProperty()->SetVerticalJustificationToTop();
    caption->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    target.dataText()->AddActor2D(caption);
}

double MapView::Impl::widthOf(vtkTextProperty* property, const std::string& text) {
    const auto key = std::make_pair(property->GetFontSize(), text);
    const auto at = widths.find(key);
    if (at != widths.end()) return at->second;
    if (widths.size() > 256) widths.clear();  // captions change with every sample
    return widths[key] = textWidth(property, text);
}

MapLayout MapView::Impl::layout(QSize px) {
    MapLayoutInput in;
    in.view = px;
    if (grid.nx > 0 && grid.ny > 0) {
        in.mapW = (grid.lonMax() - grid.lonMin) * kx;
        in.mapH = grid.latMax() - grid.latMin;
        in.labelOffset = AxesLayer::labelOffset(grid);
    }
    const std::string text = caption->GetInput() ? caption->GetInput() : "";
    in.captionLines = text.empty() ? 0 : 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    in.captionWidth = widthOf(caption->GetTextProperty(), text);
    in.colourBarTitleWidth =
        widthOf(field.titleProperty(), field.title(px.width(), false).toStdString());
    // In the order they flow in (MapLayout): the short ones first.
    for (vtkTextActor* legend : {arrows.legend(), streamlines.legend(), contours.legend()})
        in.legendWidths.push_back(
            widthOf(legend->GetTextProperty(), legend->GetInput() ? legend->GetInput() : ""));
    return layOutMap(in);
}

void MapView::Impl::place(const MapLayout& l, QSize px) {
    const int w = px.width(), h = px.height();
    field.placeColourBar(l.colourBar, px, l.colourBarBelow, l.colourBarTitle);
    placeText(caption, l.caption.x(), l.caption.y(), w, h);
    vtkTextActor* legends[3] = {arrows.legend(), streamlines.legend(), contours.legend()};
    std::vector<double> shown;
    for (vtkTextActor* legend : legends)
        shown.push_back(legend->GetVisibility()
                            ? widthOf(legend->GetTextProperty(),
                                      legend->GetInput() ? legend->GetInput() : "")
                            : 0.0);
    const std::vector<QPointF> at = flowLegends(l, shown);
    // Anchored at their text's bottom left: a row's top plus the font's height.
    for (int k = 0; k < 3; ++k) placeText(legends[k], at[k].x(), at[k].y() + 13, w, h);
    // The field and the data stay on the map, clear of the axes and the colour bar, however
    // far the view is zoomed.
    target.setMap(QRectF(l.map.x() / std::max(1, w), l.map.y() / std::max(1, h),
                         l.map.width() / std::max(1, w), l.map.height() / std::max(1, h)));
    if (grid.nx > 0 && grid.ny > 0 && l.map.width() > 0) {
        const QPointF a = camera.worldAt(l.map.bottomLeft(), px);
        const QPointF b = camera.worldAt(l.map.topRight(), px);
        // World units per pixel now over those of the fitted map (its grid fills l.map).
        const double perPixel = 2.0 * camera.state().halfHeight / std::max(1, h);
        const double fittedPerPixel = (grid.lonMax() - grid.lonMin) * kx / l.map.width();
        axes.show(QRectF(a, b).normalized(), perPixel / fittedPerPixel);
    }
}

void MapView::Impl::fitGrid(const MapLayout& l, QSize px) {
    camera.fit(grid.lonMin * kx, grid.latMin, grid.lonMax() * kx, grid.latMax(), px,
               l.margins(px));
    fittedMap = l.map;
}

void MapView::Impl::applyVisibility() {
    field.applyVisibility();
    arrows.applyVisibility();
    streamlines.applyVisibility();
    contours.applyVisibility();
    clouds.applyVisibility(contours.comparison() && contours.visible());
    coast.applyVisibility();
    axes.applyVisibility();
}

void MapView::Impl::requestFrame() {
    frameWanted = true;
    self->update();
}

void MapView::Impl::moved() {
    fitted = false;
    requestFrame();
    emit self->viewChanged();
}

MapView::MapView(QWidget* parent) : QWidget(parent), d_(std::make_unique<Impl>(this)) {
    // paintEvent covers every pixel with the frame: no background to fill first.
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(320, 240);
}

MapView::~MapView() = default;

void MapView::configureDefaultSurfaceFormat() {
    QSurfaceFormat f;
    f.setRenderableType(QSurfaceFormat::OpenGL);
    f.setVersion(3, 2);
    f.setProfile(QSurfaceFormat::CoreProfile);
    f.setRedBufferSize(8);
    f.setGreenBufferSize(8);
    f.setBlueBufferSize(8);
    f.setAlphaBufferSize(8);
    f.setDepthBufferSize(24);
    f.setStencilBufferSize(0);
    f.setSamples(0);
    f.setSwapBehavior(QSurfaceFormat::DoubleBuffer);
    QSurfaceFormat::setDefaultFormat(f);
}

// --- Data ---------------------------------------------------------------------------------

void MapView::setGrid(const Grid& grid, const std::vector<std::uint8_t>& ocean) {
    d_->grid = grid;
    d_->ocean = ocean;
    d_->kx = std::cos(0.5 * (grid.latMin + grid.latMax()) * kDegToRad);
    d_->field.setGrid(grid, ocean, d_->kx);
    d_->arrows.clear();
    d_->streamlines.clear();
    d_->contours.setGrid(grid, ocean, d_->kx);
    d_->clouds.clear();
    d_->release.clearRelease();
    d_->release.setParticles({}, {}, d_->kx);
    d_->coast.setGrid(grid, ocean, d_->kx);
    d_->axes.setGrid(grid, d_->kx);
    d_->applyVisibility();
    resetView();
}

const Grid& MapView::grid() const {
    return d_->grid;
}

void MapView::setScalar(const ScalarLayer& layer) {
    if (!d_->field.set(layer)) return;
    d_->applyVisibility();
    d_->requestFrame();
}

void MapView::setVectors(const std::vector<float>& u, const std::vector<float>& v) {
    if (!d_->arrows.set(d_->grid, d_->ocean, d_->kx, u, v)) return;
    d_->applyVisibility();
    d_->requestFrame();
}

void MapView::setStreamlines(const std::vector<Streamline>& lines) {
    d_->streamlines.set(d_->grid, d_->kx, lines);
    d_->applyVisibility();
    d_->requestFrame();
}

int MapView::streamlineCount() const {
    return d_->streamlines.shownCount();
}

void MapView::setContours(const std::vector<float>& density) {
    if (!d_->contours.set(density)) return;
    d_->applyVisibility();
    d_->requestFrame();
}

void MapView::setComparisonContours(const std::vector<float>& truth,
                                    const std::vector<float>& predicted,
                                    const std::vector<float>& advected) {
    d_->clouds.set(d_->grid, d_->ocean, d_->kx, truth, predicted, advected);
    if (!d_->contours.setComparison(truth, predicted, d_->clouds.showsAdvection())) return;
    d_->applyVisibility();
    d_->requestFrame();
}

bool MapView::showingComparison() const {
    return d_->contours.comparison();
}

std::vector<std::pair<double, double>> MapView::contourVertices(double fraction,
                                                                bool predicted) const {
    return d_->contours.vertices(fraction, predicted);
}

void MapView::setRelease(double lon, double lat, double radiusKm) {
    d_->release.setRelease(lon, lat, radiusKm, d_->kx);
    d_->requestFrame();
}

void MapView::clearRelease() {
    d_->release.clearRelease();
    d_->requestFrame();
}

void MapView::setParticles(const std::vector<float>& lon, const std::vector<float>& lat) {
    d_->release.setParticles(lon, lat, d_->kx);
    d_->requestFrame();
}

int MapView::particleCount() const {
    return d_->release.particleCount();
}

void MapView::clearData() {
    d_->field.clear();
    d_->arrows.clear();
    d_->streamlines.clear();
    d_->contours.clear();
    d_->clouds.clear();
    d_->release.clearRelease();
    d_->release.setParticles({}, {}, d_->kx);
    d_->applyVisibility();
    d_->requestFrame();
}

// --- Layer switches -----------------------------------------------------------------------

void MapView::setScalarVisible(bool on) {
    d_->toggle([&] { d_->field.setVisible(on); });
}
void MapView::setVectorsVisible(bool on) {
    d_->toggle([&] { d_->arrows.setVisible(on); });
}
void MapView::setStreamlinesVisible(bool on) {
    d_->toggle([&] { d_->streamlines.setVisible(on); });
}
void MapView::setContoursVisible(bool on) {
    d_->toggle([&] { d_->contours.setVisible(on); });
}
void MapView::setCoastlineVisible(bool on) {
    d_->toggle([&] { d_->coast.setVisible(on); });
}
void MapView::setAxesVisible(bool on) {
    d_->toggle([&] { d_->axes.setVisible(on); });
}
void MapView::setColorBarVisible(bool on) {
    d_->toggle([&] { d_->field.setColourBarVisible(on); });
}
void MapView::setCaption(const QString& text) {
    d_->caption->SetInput(text.toUtf8().constData());
    d_->requestFrame();
}

// --- Camera -------------------------------------------------------------------------------

void MapView::resetView() {
    d_->fitGrid(d_->layout(size()), size());
    d_->fitted = true;
    d_->requestFrame();
    emit viewChanged();
}

ViewState MapView::viewState() const {
    return d_->camera.state();
}

void MapView::setViewState(const ViewState& state) {
    d_->camera.look(state);
    d_->fitted = false;
    d_->requestFrame();
}

void MapView::frame(double lonMin, double latMin, double lonMax, double latMax) {
    // On the map's place in the layout, clear of the colour bar and the labels.
    const double kx = d_->kx;
    d_->camera.fit(lonMin * kx, latMin, lonMax * kx, latMax, size(),
                   d_->layout(size()).margins(size()));
    d_->moved();
}

std::pair<double, double> MapView::scalarRange() const {
    return d_->field.range();
}

std::optional<double> MapView::valueAt(double lon, double lat) const {
    return d_->field.valueAt(lon, lat);
}

// --- Drawing ------------------------------------------------------------------------------

void MapView::resizeEvent(QResizeEvent* e) {
    d_->frameWanted = true;
    if (d_->fitted && d_->grid.nx > 0) resetView();
    QWidget::resizeEvent(e);
}

void MapView::paintEvent(QPaintEvent*) {
    const qreal dpr = devicePixelRatio();
    const QSize pixels(static_cast<int>(width() * dpr), static_cast<int>(height() * dpr));
    if (d_->frameWanted || d_->screenImage.size() != pixels) {
        // A new caption or legend can move the map: a fitted view follows it.
        const MapLayout l = d_->layout(size());
        const bool refit = d_->fitted && d_->grid.nx > 0 && l.map != d_->fittedMap;
        if (refit) d_->fitGrid(l, size());
        d_->place(l, size());
        if (refit) emit viewChanged();
        if (!d_->target.render(pixels.width(), pixels.height(), d_->field.raster(),
                               d_->screenImage))
            return;
        d_->screenImage.setDevicePixelRatio(dpr);
        d_->frameWanted = false;
    }
    QPainter painter(this);
    painter.drawImage(0, 0, d_->screenImage);
    emit frameRendered();
}

bool MapView::renderNow() {
    if (!d_->target.ensureContext(width(), height())) return false;
    d_->frameWanted = true;
    repaint();  // paints and puts the pixels on screen before it returns
    return true;
}

int MapView::decorationPasses() const {
    return d_->target.decorationPasses();
}

QRectF MapView::fittedMapRect(QSize px) {
    return d_->layout(px).map;
}

QImage MapView::renderImage(int w, int h) {
    if (w <= 0 || h <= 0 || !d_->target.ensureContext(width(), height())) return {};
    // What the widget shows on its layout's map goes on the image's layout's map.
    const QSize shownSize = size(), image(w, h);
    const MapLayout shownLayout = d_->layout(shownSize), l = d_->layout(image);
    const QPointF a = d_->camera.worldAt(shownLayout.map.bottomLeft(), shownSize);
    const QPointF b = d_->camera.worldAt(shownLayout.map.topRight(), shownSize);
    const ViewState shown = d_->camera.state();
    d_->camera.fit(a.x(), a.y(), b.x(), b.y(), image, l.margins(image));
    d_->place(l, image);
    QImage out;
    const bool ok = d_->target.render(w, h, d_->field.raster(), out);
    d_->camera.look(shown);
    d_->place(shownLayout, shownSize);
    if (!ok) return {};
    return out;
}

// --- Mouse and keys -----------------------------------------------------------------------

void MapView::mousePressEvent(QMouseEvent* e) {
    if (e->button() == Qt::LeftButton) {
        d_->dragging = true;
        d_->lastMouse = e->position().toPoint();
    }
    QWidget::mousePressEvent(e);
}

void MapView::mouseMoveEvent(QMouseEvent* e) {
    const QPointF at = d_->camera.worldAt(e->position(), size());
    const double lon = at.x() / d_->kx, lat = at.y();
    emit hovered(lon, lat, d_->grid.contains(lon, lat));
    if (d_->dragging) {
        const QPointF from = d_->camera.worldAt(d_->lastMouse, size());
        d_->camera.pan(from.x() - at.x(), from.y() - at.y());
        d_->lastMouse = e->position().toPoint();
        d_->moved();
    }
}

void MapView::mouseReleaseEvent(QMouseEvent* e) {
    if (e->button() == Qt::LeftButton) d_->dragging = false;
    QWidget::mouseReleaseEvent(e);
}

void MapView::mouseDoubleClickEvent(QMouseEvent*) {
    resetView();
}

void MapView::wheelEvent(QWheelEvent* e) {
    const double steps = e->angleDelta().y() / 120.0;
    if (steps == 0) return;
    // About the cursor: the point under it stays put.
    d_->camera.zoomAbout(std::pow(0.85, steps), e->position(), size());
    d_->moved();
    e->accept();
}

void MapView::keyPressEvent(QKeyEvent* e) {
    if (e->key() == Qt::Key_R && e->modifiers() == Qt::NoModifier) {
        resetView();
        return;
    }
    if (e->key() == Qt::Key_Plus || e->key() == Qt::Key_Minus) {
        ViewState s = d_->camera.state();
        s.halfHeight *= e->key() == Qt::Key_Plus ? 0.8 : 1.25;
        d_->camera.look(s);
        d_->moved();
        return;
    }
    QWidget::keyPressEvent(e);
}

void MapView::contextMenuEvent(QContextMenuEvent* e) {
    const QPointF at = d_->camera.worldAt(e->pos(), size());
    emit contextMenuRequestedAt(at.x() / d_->kx, at.y(), e->globalPos());
    e->accept();
}

}  // namespace driftlab
