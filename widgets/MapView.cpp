#include "MapView.h"

#include <vtkActor.h>
#include <vtkActor2D.h>
#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkContourFilter.h>
#include <vtkCoordinate.h>
#include <vtkFloatArray.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGlyph3D.h>
#include <vtkGlyphSource2D.h>
#include <vtkImageData.h>
#include <vtkImageMapToColors.h>
#include <vtkLookupTable.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkPropCollection.h>
#include <vtkProperty.h>
#include <vtkProperty2D.h>
#include <vtkRegularPolygonSource.h>
#include <vtkRenderer.h>
#include <vtkScalarBarActor.h>
#include <vtkSmartPointer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>
#include <vtkUnsignedCharArray.h>

#include <QContextMenuEvent>
#include <QFile>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QPaintEvent>
#include <QPainter>
#include <QRegularExpression>
#include <QResizeEvent>
#include <QSurfaceFormat>
#include <QTextStream>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <numeric>

#include "ColorMap.h"
#include "GlyphCacheRepair.h"
#include "MapCompositor.h"
#include "VtkLookupTable.h"
#include "stats/CloudGeometry.h"

namespace driftlab {

template <class T>
using Ptr = vtkSmartPointer<T>;

namespace {

// The GSHHG shoreline shipped as a resource: polylines of (lon, lat).
const std::vector<std::vector<std::pair<double, double>>>& builtinCoastline() {
    static const auto lines = [] {
        std::vector<std::vector<std::pair<double, double>>> out;
        QFile file(":/driftlab/coast/nwmed_coastline.txt");
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) return out;
        QTextStream in(&file);
        while (!in.atEnd()) {
            const QString line = in.readLine().trimmed();
            if (line.startsWith('#') || line.isEmpty()) continue;
            if (line.startsWith('>')) {
                out.emplace_back();
                continue;
            }
            const QStringList parts = line.split(QRegularExpression("\\s+"), Qt::SkipEmptyParts);
            if (parts.size() < 2) continue;
            if (out.empty()) out.emplace_back();
            out.back().emplace_back(parts[0].toDouble(), parts[1].toDouble());
        }
        return out;
    }();
    return lines;
}

// A colour-bar title for a narrow view (half a window, side by side): each line broken at its
// middle space, so the title stays within the view's right margin.
QString wrapTitle(const QString& title) {
    QStringList out;
    for (const QString& line : title.split('\n')) {
        const int middle = line.size() / 2;
        int best = -1;
        for (int k = 0; k < line.size(); ++k)
            if (line[k] == ' ' && (best < 0 || std::abs(k - middle) < std::abs(best - middle)))
                best = k;
        if (line.size() <= 12 || best < 0) {
            out << line;
        } else {
            out << line.left(best) << line.mid(best + 1);
        }
    }
    return out.join('\n');
}

QString degreeLabel(double v, bool isLon) {
    const QChar hemi = isLon ? (v >= 0 ? 'E' : 'W') : (v >= 0 ? 'N' : 'S');
    const double a = std::abs(v);
    const bool whole = std::abs(a - std::round(a)) < 1e-9;
    return (whole ? QString::number(static_cast<int>(std::round(a))) : QString::number(a, 'f', 1)) +
           QChar(0x00B0) + hemi;
}

}  // namespace

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

struct MapView::Impl {
    MapView* self = nullptr;
    Grid grid;
    std::vector<std::uint8_t> ocean;
    double kx = 1.0;  // display x = lon * kx
    bool initialized = false, inPaint = false;

    // Our own OpenGL context on an offscreen surface: VTK draws into its own framebuffer, the
    // frame is read back, composed with the scalar field into `screenImage` (MapCompositor) and
    // painted like any widget's pixels (see docs/rendering.md). Declared before `window`, whose
    // resources live in it.
    std::unique_ptr<QOpenGLContext> context;
    std::unique_ptr<QOffscreenSurface> offscreen;
    bool contextTried = false;
    QImage screenImage;  // the last frame drawn for the screen, top row first
    Ptr<vtkUnsignedCharArray> readback = Ptr<vtkUnsignedCharArray>::New();
    MapCompositor compositor;
    bool frameWanted = true;  // something changed since `screenImage` was drawn
    // The camera shows the whole domain (resetView) and the user has not moved it since: a
    // resize frames the domain again (the window's first layout resizes the map many times).
    bool fitted = true;
    // Creates the context and sets VTK up in it, once; false (and glUnavailable) if unusable.
    bool ensureContext();
    void failGl(const QString& why);
    // Renders the scene at w x h pixels into `out` (RGB32, top row first): the decorations
    // only when they or the view changed, the data layers, then the composition.
    bool renderInto(int w, int h, QImage& out);
    // The scalar field's colours and cells for the compositor (no field: null colours).
    FieldRaster fieldRaster();
    // Asks for a new frame on screen (coalesced by QWidget::update()).
    void requestFrame();

    Ptr<vtkGenericOpenGLRenderWindow> window;
    // Two renderers on one camera (and the colour bar's, below), drawn in separate passes over
    // a transparent background: `renderer` for what changes with the sample (arrows,
    // streamlines, contours, release, particles, caption) and `decorations` for what changes
    // only with the view or the layer settings (coastline, axes, colour bar, legends). The
    // decorations' pixels are kept and drawn again only when their key changes: a sample
    // switch costs one VTK pass, not the decorations' 4-6 ms on a software renderer.
    Ptr<vtkRenderer> renderer;
    Ptr<vtkRenderer> decorations;
    // The colour bar, on a layer of its own over either: kept with the decorations while it
    // stays the same, drawn with the data while it changes from frame to frame (a colour range
    // per sample), so that neither case draws the decorations for every sample.
    Ptr<vtkRenderer> colourBarLayer;
    bool colourBarWithData = false;
    bool rangeChangedLastFrame = false;
    vtkMTimeType lutDrawn = 0;  // the lookup table's modification time in the last frame
    vtkMTimeType colourBarTime() const;
    // What the decorations' pixels depend on: the frame's size, the camera, the newest
    // modification time of the props, their mappers' inputs and text, and the colour bar when
    // it is kept with them.
    struct DecorationKey {
        int w = 0, h = 0;
        double centreX = 0, centreY = 0, scale = 0;
        vtkMTimeType time = 0;
        bool colourBar = true;
        bool operator==(const DecorationKey&) const = default;
    };
    DecorationKey decorationKey(int w, int h) const;
    DecorationKey decorationsDrawn;
    int decorationPasses = 0;

    // Scalar field: one colour per grid cell (the LUT applied on the CPU), scaled up to the
    // view by MapCompositor, nearest-neighbour, under everything VTK draws.
    Ptr<vtkImageData> cells;
    Ptr<vtkImageMapToColors> colours;
    Ptr<vtkScalarBarActor> colorBar;
    std::vector<float> scalarValues;
    double scalarLo = 0, scalarHi = 1;
    // The lookup table drawn and what it was made from.
    struct LutKey {
        QString colorMap;
        double lo = 0, hi = 0;
        bool logScale = false;
        bool operator==(const LutKey&) const = default;
    };
    Ptr<vtkLookupTable> lut;
    LutKey lutKey;
    QString colorBarTitle;
    // The colour bar's title for a view `pixels` wide (wrapped below 900 px).
    void applyColorBarTitle(int pixels) {
        const QString t = pixels < 900 ? wrapTitle(colorBarTitle) : colorBarTitle;
        colorBar->SetTitle(t.toUtf8().constData());
    }
    bool haveScalar = false, scalarVisible = true, colorBarVisible = true;

    // Arrows.
    Ptr<vtkPolyData> arrowPoints;
    Ptr<vtkGlyph3D> glyphs;
    Ptr<vtkActor> arrowActor;
    Ptr<vtkTextActor> arrowLegend;
    bool haveVectors = false, vectorsVisible = true;

    // Streamlines.
    Ptr<vtkPolyData> streamlines;
    Ptr<vtkActor> streamlineActor;
    Ptr<vtkTextActor> streamlineLegend;
    int streamlineCount = 0;
    bool haveStreamlines = false, streamlinesVisible = false;

    // Contours.
    Ptr<vtkImageData> centres;
    Ptr<vtkContourFilter> contour50, contour90;
    Ptr<vtkActor> contourActor50, contourActor90;
    Ptr<vtkTextActor> contourLegend;
    bool haveContours = false, contoursVisible = true;  // lines to draw
    // A map was given (with or without mass): the legend stays while browsing, so it does not
    // come and go (and the decorations need not be drawn again) with every empty sample.
    bool contoursSet = false;
    // The prediction's contours (comparison mode); the ones above are then the truth's.
    Ptr<vtkImageData> predCentres;
    Ptr<vtkContourFilter> predContour50, predContour90;
    Ptr<vtkActor> predActor50, predActor90;
    bool havePredContours = false, comparison = false;
    // Comparison mode: each cloud's centre (a cross) and spread (a circle of its rms radius),
    // the truth's [0] and the prediction's [1] (stats/CloudGeometry).
    Ptr<vtkPolyData> cloudLines[2];
    Ptr<vtkActor> cloudActors[2];
    bool haveClouds = false;
    void setCloud(int k, const Cloud& c);

    Ptr<vtkActor> coastActor;
    bool coastVisible = true;
    Ptr<vtkActor> frameActor;
    std::vector<Ptr<vtkTextActor>> axisLabels;
    bool axesVisible = true;
    Ptr<vtkActor> releaseActor;
    Ptr<vtkRegularPolygonSource> releaseCircle;
    Ptr<vtkTextActor> caption;
    Ptr<vtkPolyData> particles;
    Ptr<vtkActor> particleActor;
    int particleCount = 0;

    QPoint lastMouse;
    bool dragging = false;

    void build();
    void rebuildGridLayers();
    void applyVisibility();
    void worldAt(QPointF p, double& x, double& y) const;
    Ptr<vtkActor> lineActor(vtkPolyData* data, double r, double g, double b, double width) const;
    // A contour line of `centres` at one level, hidden until set.
    Ptr<vtkActor> contourActor(vtkImageData* input, Ptr<vtkContourFilter>& filter, double r,
                               double g, double b, double width);
    // Loads a density map into `image` and sets the 50 % / 90 % levels; false if it has no mass.
    bool setDensityLevels(vtkImageData* image, vtkContourFilter* f50, vtkContourFilter* f90,
                          const std::vector<float>& density) const;
    void setContourStyle(bool comparisonMode);
    // A one-line legend along the bottom edge, at x (normalised), hidden until its layer shows.
    Ptr<vtkTextActor> legend(const char* text, double x, double r, double g, double b,
                             double y = 0.01);
    Ptr<vtkTextActor> worldLabel(const QString& text, double x, double y, int justify,
                                 int vjustify) const;
};

MapView::MapView(QWidget* parent) : QWidget(parent), d_(std::make_unique<Impl>()) {
    d_->self = this;
    d_->build();
    // paintEvent covers every pixel with the frame: no background to fill first.
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(320, 240);
}

MapView::~MapView() {
    // VTK's GL resources go first, while the context and its surface are there; then VTK stops
    // calling back into d_.
    if (d_->context && d_->offscreen && d_->context->makeCurrent(d_->offscreen.get())) {
        if (d_->initialized) d_->window->Finalize();
        d_->context->doneCurrent();
    }
    d_->initialized = false;
    d_->window->RemoveAllObservers();
}

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

void MapView::Impl::build() {
    // Once per process, before any text is laid out: VTK's glyph cache works again.
    static const bool glyphCacheRepaired [[maybe_unused]] = repairVtkGlyphCache();
    window = Ptr<vtkGenericOpenGLRenderWindow>::New();
    renderer = Ptr<vtkRenderer>::New();
    decorations = Ptr<vtkRenderer>::New();
    colourBarLayer = Ptr<vtkRenderer>::New();
    for (vtkRenderer* r : {renderer.Get(), decorations.Get(), colourBarLayer.Get()}) {
        // Transparent black: the passes read back premultiplied RGBA for the compositor.
        r->SetBackground(0.0, 0.0, 0.0);
        r->SetBackgroundAlpha(0.0);
        window->AddRenderer(r);
    }
    window->SetNumberOfLayers(2);
    colourBarLayer->SetLayer(1);  // drawn over the pass's other renderer, which clears
    window->SetAlphaBitPlanes(1);
    window->SetMultiSamples(0);
    auto* cam = renderer->GetActiveCamera();
    cam->ParallelProjectionOn();
    decorations->SetActiveCamera(cam);

    // The embedding contract of vtkGenericOpenGLRenderWindow (see docs/rendering.md).
    auto onMakeCurrent = Ptr<vtkCallbackCommand>::New();
    onMakeCurrent->SetClientData(this);
    onMakeCurrent->SetCallback([](vtkObject*, unsigned long, void* client, void*) {
        auto* m = static_cast<Impl*>(client);
        // Only when not current already: VTK asks in the middle of a frame too.
        if (m->context && QOpenGLContext::currentContext() != m->context.get())
            m->context->makeCurrent(m->offscreen.get());
    });
    window->AddObserver(vtkCommand::WindowMakeCurrentEvent, onMakeCurrent);
    auto onIsCurrent = Ptr<vtkCallbackCommand>::New();
    onIsCurrent->SetClientData(this);
    onIsCurrent->SetCallback([](vtkObject*, unsigned long, void* client, void* call) {
        auto* m = static_cast<Impl*>(client);
        *static_cast<bool*>(call) =
            m->context && QOpenGLContext::currentContext() == m->context.get();
    });
    window->AddObserver(vtkCommand::WindowIsCurrentEvent, onIsCurrent);
    auto onFrame = Ptr<vtkCallbackCommand>::New();
    onFrame->SetClientData(this);
    onFrame->SetCallback([](vtkObject*, unsigned long, void* client, void*) {
        auto* m = static_cast<Impl*>(client);
        if (!m->inPaint) m->requestFrame();
    });
    window->AddObserver(vtkCommand::WindowFrameEvent, onFrame);

    cells = Ptr<vtkImageData>::New();
    colours = Ptr<vtkImageMapToColors>::New();
    colours->SetInputData(cells);
    colours->SetOutputFormatToRGB();

    colorBar = Ptr<vtkScalarBarActor>::New();
    colorBar->SetOrientationToVertical();
    colorBar->SetNumberOfLabels(5);
    colorBar->SetLabelFormat("%-#6.3g");
    colorBar->SetBarRatio(0.25);
    colorBar->SetTitleRatio(0.5);
    colorBar->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    colorBar->GetPositionCoordinate()->SetValue(0.855, 0.10);
    colorBar->SetWidth(0.11);
    colorBar->SetHeight(0.74);
    colorBar->SetVerticalTitleSeparation(12);
    colorBar->UnconstrainedFontSizeOn();
    for (vtkTextProperty* t :
         {colorBar->GetTitleTextProperty(), colorBar->GetLabelTextProperty()}) {
        t->SetColor(0.1, 0.1, 0.1);
        t->SetFontSize(13);
        t->ShadowOff();
        t->ItalicOff();
        t->BoldOff();
    }
    colorBar->VisibilityOff();
    colourBarLayer->AddActor2D(colorBar);

    arrowPoints = Ptr<vtkPolyData>::New();
    auto arrow = Ptr<vtkGlyphSource2D>::New();
    arrow->SetGlyphTypeToArrow();
    arrow->FilledOff();
    arrow->SetCenter(0.5, 0.0, 0.0);  // the arrow starts at its point
    glyphs = Ptr<vtkGlyph3D>::New();
    glyphs->SetInputData(arrowPoints);
    glyphs->SetSourceConnection(arrow->GetOutputPort());
    glyphs->SetVectorModeToUseVector();
    glyphs->SetScaleModeToScaleByVector();
    glyphs->OrientOn();
    auto glyphMapper = Ptr<vtkPolyDataMapper>::New();
    glyphMapper->SetInputConnection(glyphs->GetOutputPort());
    glyphMapper->ScalarVisibilityOff();
    arrowActor = Ptr<vtkActor>::New();
    arrowActor->SetMapper(glyphMapper);
    arrowActor->GetProperty()->SetColor(0.15, 0.15, 0.2);
    arrowActor->GetProperty()->SetLineWidth(1.2);
    arrowActor->SetPosition(0, 0, 0.02);
    arrowActor->VisibilityOff();
    renderer->AddActor(arrowActor);
    arrowLegend = legend("", 0.01, 0.15, 0.15, 0.2);

    // Streamlines: dark blue, thin, under the arrows and contours.
    streamlines = Ptr<vtkPolyData>::New();
    // Opaque, like every layer VTK draws here: its translucent pass does not leave
    // premultiplied colours over the transparent background the compositor needs.
    streamlineActor = lineActor(streamlines, 0.05, 0.2, 0.4, 1.3);
    streamlineActor->SetPosition(0, 0, 0.015);
    streamlineActor->VisibilityOff();
    renderer->AddActor(streamlineActor);
    streamlineLegend =
        legend("streamlines (arrowheads: the flow's direction)", 0.01, 0.05, 0.2, 0.4, 0.04);

    centres = Ptr<vtkImageData>::New();
    contourActor50 = contourActor(centres, contour50, 0.75, 0.05, 0.35, 2.5);
    contourActor90 = contourActor(centres, contour90, 0.95, 0.5, 0.05, 1.8);
    predCentres = Ptr<vtkImageData>::New();
    predActor50 = contourActor(predCentres, predContour50, 1.0, 0.45, 0.0, 2.2);
    predActor90 = contourActor(predCentres, predContour90, 1.0, 0.45, 0.0, 1.2);
    // Over the truth's (drawn thicker), so both show where they coincide.
    predActor50->SetPosition(0, 0, 0.035);
    predActor90->SetPosition(0, 0, 0.035);
    contourLegend =
        legend("contours: 50 % (crimson) and 90 % (orange) of the mass", 0.35, 0.4, 0.1, 0.2);
    for (int k = 0; k < 2; ++k) {
        cloudLines[k] = Ptr<vtkPolyData>::New();
        cloudActors[k] = k == 0 ? lineActor(cloudLines[k], 0.0, 0.0, 0.0, 1.6)
                                : lineActor(cloudLines[k], 1.0, 0.45, 0.0, 1.6);
        cloudActors[k]->SetPosition(0, 0, 0.036);
        cloudActors[k]->VisibilityOff();
        renderer->AddActor(cloudActors[k]);
    }

    releaseCircle = Ptr<vtkRegularPolygonSource>::New();
    releaseCircle->SetNumberOfSides(72);
    releaseCircle->GeneratePolygonOff();
    releaseCircle->GeneratePolylineOn();
    auto releaseMapper = Ptr<vtkPolyDataMapper>::New();
    releaseMapper->SetInputConnection(releaseCircle->GetOutputPort());
    releaseActor = Ptr<vtkActor>::New();
    releaseActor->SetMapper(releaseMapper);
    releaseActor->GetProperty()->SetColor(0.0, 0.35, 0.75);
    releaseActor->GetProperty()->SetLineWidth(2.0);
    releaseActor->SetPosition(0, 0, 0.04);
    releaseActor->VisibilityOff();
    renderer->AddActor(releaseActor);

    // Particles: one vertex each, small dark dots over the density (drawn on demand).
    particles = Ptr<vtkPolyData>::New();
    auto particleMapper = Ptr<vtkPolyDataMapper>::New();
    particleMapper->SetInputData(particles);
    particleMapper->ScalarVisibilityOff();
    particleActor = Ptr<vtkActor>::New();
    particleActor->SetMapper(particleMapper);
    // Green: apart from the density's purples, the truth's black and the model's orange.
    particleActor->GetProperty()->SetColor(0.0, 0.75, 0.25);
    particleActor->GetProperty()->SetPointSize(2.5);
    particleActor->SetPosition(0, 0, 0.045);
    particleActor->VisibilityOff();
    renderer->AddActor(particleActor);

    caption = Ptr<vtkTextActor>::New();
    caption->GetTextProperty()->SetFontSize(15);
    caption->GetTextProperty()->SetColor(0.1, 0.1, 0.1);
    caption->GetTextProperty()->SetVerticalJustificationToTop();
    caption->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    caption->GetPositionCoordinate()->SetValue(0.01, 0.985);
    renderer->AddActor2D(caption);
}

Ptr<vtkTextActor> MapView::Impl::legend(const char* text, double x, double r, double g, double b,
                                        double y) {
    auto actor = Ptr<vtkTextActor>::New();
    actor->SetInput(text);
    actor->GetTextProperty()->SetFontSize(12);
    actor->GetTextProperty()->SetColor(r, g, b);
    actor->GetPositionCoordinate()->SetCoordinateSystemToNormalizedViewport();
    actor->GetPositionCoordinate()->SetValue(x, y);
    actor->VisibilityOff();
    decorations->AddActor2D(actor);
    return actor;
}

Ptr<vtkActor> MapView::Impl::contourActor(vtkImageData* input, Ptr<vtkContourFilter>& filter,
                                          double r, double g, double b, double width) {
    filter = Ptr<vtkContourFilter>::New();
    filter->SetInputData(input);
    auto mapper = Ptr<vtkPolyDataMapper>::New();
    mapper->SetInputConnection(filter->GetOutputPort());
    mapper->ScalarVisibilityOff();
    auto actor = Ptr<vtkActor>::New();
    actor->SetMapper(mapper);
    actor->GetProperty()->SetColor(r, g, b);
    actor->GetProperty()->SetLineWidth(width);
    actor->SetPosition(0, 0, 0.03);
    actor->VisibilityOff();
    renderer->AddActor(actor);
    return actor;
}

Ptr<vtkActor> MapView::Impl::lineActor(vtkPolyData* data, double r, double g, double b,
                                       double width) const {
    auto mapper = Ptr<vtkPolyDataMapper>::New();
    mapper->SetInputData(data);
    mapper->ScalarVisibilityOff();
    auto actor = Ptr<vtkActor>::New();
    actor->SetMapper(mapper);
    actor->GetProperty()->SetColor(r, g, b);
    actor->GetProperty()->SetLineWidth(width);
    return actor;
}

Ptr<vtkTextActor> MapView::Impl::worldLabel(const QString& text, double x, double y, int justify,
                                            int vjustify) const {
    auto label = Ptr<vtkTextActor>::New();
    label->SetInput(text.toUtf8().constData());
    label->GetTextProperty()->SetFontSize(13);
    label->GetTextProperty()->SetColor(0.15, 0.15, 0.15);
    label->GetTextProperty()->SetJustification(justify);
    label->GetTextProperty()->SetVerticalJustification(vjustify);
    label->GetPositionCoordinate()->SetCoordinateSystemToWorld();
    label->GetPositionCoordinate()->SetValue(x, y, 0.0);
    return label;
}

void MapView::Impl::rebuildGridLayers() {
    const Grid& g = grid;
    cells->SetDimensions(g.nx, g.ny, 1);
    cells->SetOrigin(g.lon(0) * kx, g.lat(0), 0.0);
    cells->SetSpacing(g.dLon * kx, g.dLat, 1.0);
    for (vtkImageData* image : {centres.Get(), predCentres.Get()}) {
        image->SetDimensions(g.nx, g.ny, 1);
        image->SetOrigin(g.lon(0) * kx, g.lat(0), 0.0);
        image->SetSpacing(g.dLon * kx, g.dLat, 1.0);
    }

    // Coastline: the GSHHG polylines inside the grid (a contour of the mask elsewhere).
    if (coastActor) decorations->RemoveActor(coastActor);
    auto coastPoints = Ptr<vtkPoints>::New();
    auto coastLines = Ptr<vtkCellArray>::New();
    const double eps = 1e-9;
    for (const auto& line : builtinCoastline()) {
        std::vector<vtkIdType> ids;
        auto flush = [&] {
            if (ids.size() >= 2)
                coastLines->InsertNextCell(static_cast<vtkIdType>(ids.size()), ids.data());
            ids.clear();
        };
        for (const auto& [lon, lat] : line) {
            if (lon < g.lonMin - eps || lon > g.lonMax() + eps || lat < g.latMin - eps ||
                lat > g.latMax() + eps) {
                flush();
                continue;
            }
            ids.push_back(coastPoints->InsertNextPoint(lon * kx, lat, 0.05));
        }
        flush();
    }
    // Outside the built-in region (imported currents): the edges between ocean and land cells.
    if (coastLines->GetNumberOfCells() == 0 && ocean.size() == g.cellCount()) {
        auto edge = [&](double ax, double ay, double bx, double by) {
            const vtkIdType ids[2] = {coastPoints->InsertNextPoint(ax * kx, ay, 0.05),
                                      coastPoints->InsertNextPoint(bx * kx, by, 0.05)};
            coastLines->InsertNextCell(2, ids);
        };
        const auto wet = [&](int i, int j) {
            return ocean[static_cast<std::size_t>(j) * g.nx + i] != 0;
        };
        for (int j = 0; j < g.ny; ++j)
            for (int i = 0; i < g.nx; ++i) {
                const double x = g.lonMin + (i + 1) * g.dLon, y = g.latMin + (j + 1) * g.dLat;
                if (i + 1 < g.nx && wet(i, j) != wet(i + 1, j)) edge(x, y - g.dLat, x, y);
                if (j + 1 < g.ny && wet(i, j) != wet(i, j + 1)) edge(x - g.dLon, y, x, y);
            }
    }
    auto coast = Ptr<vtkPolyData>::New();
    coast->SetPoints(coastPoints);
    coast->SetLines(coastLines);
    coastActor = lineActor(coast, 0.05, 0.05, 0.05, 1.2);
    decorations->AddActor(coastActor);

    // Frame, ticks and labels.
    if (frameActor) decorations->RemoveActor(frameActor);
    for (auto& l : axisLabels) decorations->RemoveActor2D(l);
    axisLabels.clear();
    auto pts = Ptr<vtkPoints>::New();
    auto lines = Ptr<vtkCellArray>::New();
    const double x0 = g.lonMin * kx, x1 = g.lonMax() * kx, y0 = g.latMin, y1 = g.latMax();
    auto segment = [&](double ax, double ay, double bx, double by) {
        const vtkIdType ids[2] = {pts->InsertNextPoint(ax, ay, 0.06),
                                  pts->InsertNextPoint(bx, by, 0.06)};
        lines->InsertNextCell(2, ids);
    };
    segment(x0, y0, x1, y0);
    segment(x1, y0, x1, y1);
    segment(x1, y1, x0, y1);
    segment(x0, y1, x0, y0);
    const double span = std::max(g.lonMax() - g.lonMin, g.latMax() - g.latMin);
    const double step = span > 12 ? 2.0 : span > 5 ? 1.0 : span > 2 ? 0.5 : 0.25;
    const double tick = 0.012 * span;
    for (double lon = std::ceil(g.lonMin / step) * step; lon <= g.lonMax() + eps; lon += step) {
        segment(lon * kx, y0, lon * kx, y0 - tick);
        axisLabels.push_back(worldLabel(degreeLabel(lon, true), lon * kx, y0 - 1.6 * tick,
                                        VTK_TEXT_CENTERED, VTK_TEXT_TOP));
    }
    for (double lat = std::ceil(g.latMin / step) * step; lat <= g.latMax() + eps; lat += step) {
        segment(x0, lat, x0 - tick, lat);
        axisLabels.push_back(worldLabel(degreeLabel(lat, false), x0 - 1.6 * tick, lat,
                                        VTK_TEXT_RIGHT, VTK_TEXT_CENTERED));
    }
    auto frame = Ptr<vtkPolyData>::New();
    frame->SetPoints(pts);
    frame->SetLines(lines);
    frameActor = lineActor(frame, 0.2, 0.2, 0.2, 1.0);
    decorations->AddActor(frameActor);
    for (auto& l : axisLabels) decorations->AddActor2D(l);
}

void MapView::Impl::applyVisibility() {
    colorBar->SetVisibility(haveScalar && scalarVisible && colorBarVisible);
    arrowActor->SetVisibility(haveVectors && vectorsVisible);
    arrowLegend->SetVisibility(haveVectors && vectorsVisible);
    streamlineActor->SetVisibility(haveStreamlines && streamlinesVisible);
    streamlineLegend->SetVisibility(haveStreamlines && streamlinesVisible);
    contourActor50->SetVisibility(haveContours && contoursVisible);
    contourActor90->SetVisibility(haveContours && contoursVisible);
    contourLegend->SetVisibility(contoursSet && contoursVisible);
    predActor50->SetVisibility(comparison && havePredContours && contoursVisible);
    predActor90->SetVisibility(comparison && havePredContours && contoursVisible);
    for (auto& a : cloudActors) a->SetVisibility(comparison && haveClouds && contoursVisible);
    if (coastActor) coastActor->SetVisibility(coastVisible);
    if (frameActor) frameActor->SetVisibility(axesVisible);
    for (auto& l : axisLabels) l->SetVisibility(axesVisible);
}

void MapView::setGrid(const Grid& grid, const std::vector<std::uint8_t>& ocean) {
    d_->grid = grid;
    d_->ocean = ocean;
    d_->kx = std::cos(0.5 * (grid.latMin + grid.latMax()) * kDegToRad);
    d_->haveScalar = d_->haveVectors = d_->haveContours = d_->havePredContours = false;
    d_->contoursSet = false;
    d_->haveStreamlines = false;
    d_->releaseActor->VisibilityOff();
    d_->particleCount = 0;
    d_->particleActor->VisibilityOff();
    d_->rebuildGridLayers();
    d_->applyVisibility();
    resetView();
}

const Grid& MapView::grid() const {
    return d_->grid;
}

void MapView::setScalar(const ScalarLayer& layer) {
    const Grid& g = d_->grid;
    if (layer.values.size() != g.cellCount()) return;
    d_->scalarValues = layer.values;
    auto values = Ptr<vtkFloatArray>::New();
    values->SetName("values");
    values->SetNumberOfValues(static_cast<vtkIdType>(g.cellCount()));
    for (std::size_t c = 0; c < g.cellCount(); ++c) {
        values->SetValue(static_cast<vtkIdType>(c),
                         d_->ocean.empty() || d_->ocean[c] ? layer.values[c] : NAN);
    }
    d_->cells->GetPointData()->SetScalars(values);
    double lo = layer.lo, hi = layer.hi;
    if (layer.logScale) lo = std::max(lo, hi * 1e-6);
    if (!(hi > lo)) hi = lo + (lo == 0 ? 1.0 : std::abs(lo) * 1e-3);
    d_->scalarLo = lo;
    d_->scalarHi = hi;
    // The same colours as the sample before (a range fixed over the dataset): keep the table,
    // or the colour bar lays out and rasterises its labels again for nothing.
    const Impl::LutKey key{layer.colorMap, lo, hi, layer.logScale};
    if (!d_->lut || !(key == d_->lutKey)) {
        auto lut = makeLookupTable(ColorMap::builtin(layer.colorMap), lo, hi, layer.logScale);
        lut->SetNanColor(0.80, 0.78, 0.74, 1.0);  // land
        lut->SetUseBelowRangeColor(true);
        const auto first = ColorMap::builtin(layer.colorMap).table().front();
        lut->SetBelowRangeColor(first[0], first[1], first[2], 1.0);
        d_->colours->SetLookupTable(lut);
        d_->colorBar->SetLookupTable(lut);
        d_->lut = lut;
        d_->lutKey = key;
    }
    d_->cells->Modified();
    const QString title =
        layer.units.isEmpty() ? layer.title : layer.title + "\n(" + layer.units + ")";
    d_->colorBarTitle = title;
    d_->applyColorBarTitle(width());
    d_->haveScalar = true;
    d_->applyVisibility();
    d_->requestFrame();
}

void MapView::setVectors(const std::vector<float>& u, const std::vector<float>& v) {
    const Grid& g = d_->grid;
    if (u.size() != g.cellCount() || v.size() != g.cellCount()) return;
    const int stride = std::max(1, g.nx / 32);
    auto pts = Ptr<vtkPoints>::New();
    auto vec = Ptr<vtkFloatArray>::New();
    vec->SetNumberOfComponents(3);
    vec->SetName("velocity");
    for (int j = stride / 2; j < g.ny; j += stride) {
        for (int i = stride / 2; i < g.nx; i += stride) {
            const std::size_t c = static_cast<std::size_t>(j) * g.nx + i;
            if (!d_->ocean.empty() && !d_->ocean[c]) continue;
            pts->InsertNextPoint(g.lon(i) * d_->kx, g.lat(j), 0.0);
            const float w[3] = {u[c], v[c], 0.0f};
            vec->InsertNextTuple(w);
        }
    }
    d_->arrowPoints->SetPoints(pts);
    d_->arrowPoints->GetPointData()->SetVectors(vec);
    d_->arrowPoints->Modified();
    // A 0.5 m/s current draws as long as the spacing between arrows.
    constexpr double kReference = 0.5;
    d_->glyphs->SetScaleFactor(stride * g.dLat / kReference);
    d_->arrowLegend->SetInput(
        QString("arrows: %1 m/s = %2 cells").arg(kReference).arg(stride).toUtf8().constData());
    d_->haveVectors = true;
    d_->applyVisibility();
    d_->requestFrame();
}

void MapView::setStreamlines(const std::vector<Streamline>& lines) {
    const Grid& g = d_->grid;
    const double kx = d_->kx;
    auto pts = Ptr<vtkPoints>::New();
    auto cells = Ptr<vtkCellArray>::New();
    // Arrowheads one cell long, at the middle of each line and every 12 cells along long ones.
    const double head = g.dLat, headEvery = 12.0 * g.dLat;
    for (const Streamline& line : lines) {
        const auto n = static_cast<vtkIdType>(line.lon.size());
        if (n < 2) continue;
        const vtkIdType first = pts->GetNumberOfPoints();
        for (vtkIdType k = 0; k < n; ++k)
            pts->InsertNextPoint(line.lon[static_cast<std::size_t>(k)] * kx,
                                 line.lat[static_cast<std::size_t>(k)], 0.0);
        cells->InsertNextCell(n);
        for (vtkIdType k = 0; k < n; ++k) cells->InsertCellPoint(first + k);
        if (n < 3) continue;
        const int heads = std::max(1, static_cast<int>(line.length / headEvery));
        for (int h = 0; h < heads; ++h) {
            const auto k = static_cast<std::size_t>(
                std::clamp<vtkIdType>((2 * h + 1) * n / (2 * heads), 1, n - 2));
            const double px = line.lon[k] * kx, py = line.lat[k];
            double tx = (line.lon[k + 1] - line.lon[k - 1]) * kx,
                   ty = line.lat[k + 1] - line.lat[k - 1];
            const double t = std::hypot(tx, ty);
            if (t <= 0) continue;
            tx /= t;
            ty /= t;
            const double tipX = px + 0.5 * head * tx, tipY = py + 0.5 * head * ty;
            const vtkIdType w1 = pts->InsertNextPoint(tipX - head * tx - 0.5 * head * ty,
                                                      tipY - head * ty + 0.5 * head * tx, 0.0);
            const vtkIdType tip = pts->InsertNextPoint(tipX, tipY, 0.0);
            const vtkIdType w2 = pts->InsertNextPoint(tipX - head * tx + 0.5 * head * ty,
                                                      tipY - head * ty - 0.5 * head * tx, 0.0);
            const vtkIdType chevron[3] = {w1, tip, w2};
            cells->InsertNextCell(3, chevron);
        }
    }
    d_->streamlines->SetPoints(pts);
    d_->streamlines->SetLines(cells);
    d_->streamlines->Modified();
    d_->streamlineCount = static_cast<int>(lines.size());
    d_->haveStreamlines = true;
    d_->applyVisibility();
    d_->requestFrame();
}

int MapView::streamlineCount() const {
    return d_->haveStreamlines && d_->streamlinesVisible ? d_->streamlineCount : 0;
}

double MapView::massThreshold(const std::vector<float>& density, double fraction) {
    std::vector<float> v;
    v.reserve(density.size());
    double total = 0;
    for (float x : density) {
        if (x > 0 && std::isfinite(x)) {
            v.push_back(x);
            total += x;
        }
    }
    if (v.empty() || total <= 0) return 0.0;
    std::sort(v.begin(), v.end(), std::greater<float>());
    double acc = 0;
    for (float x : v) {
        acc += x;
        if (acc >= fraction * total) return x;
    }
    return v.back();
}

bool MapView::Impl::setDensityLevels(vtkImageData* image, vtkContourFilter* f50,
                                     vtkContourFilter* f90,
                                     const std::vector<float>& density) const {
    auto values = Ptr<vtkFloatArray>::New();
    values->SetName("density");
    values->SetNumberOfValues(static_cast<vtkIdType>(grid.cellCount()));
    for (std::size_t c = 0; c < grid.cellCount(); ++c)
        values->SetValue(static_cast<vtkIdType>(c), density[c]);
    image->GetPointData()->SetScalars(values);
    image->Modified();
    const double t50 = massThreshold(density, 0.5), t90 = massThreshold(density, 0.9);
    f50->SetValue(0, t50);
    f90->SetValue(0, t90);
    return t50 > 0;
}

void MapView::Impl::setContourStyle(bool comparisonMode) {
    comparison = comparisonMode;
    if (comparisonMode) {
        contourActor50->GetProperty()->SetColor(0.0, 0.0, 0.0);
        contourActor50->GetProperty()->SetLineWidth(4.0);
        contourActor90->GetProperty()->SetColor(0.0, 0.0, 0.0);
        contourActor90->GetProperty()->SetLineWidth(2.4);
        // Short enough for a side-by-side half view.
        contourLegend->SetInput("truth black, model orange: 50 % / 90 % contours, centre + spread");
        contourLegend->GetTextProperty()->SetColor(0.1, 0.1, 0.1);
    } else {
        contourActor50->GetProperty()->SetColor(0.75, 0.05, 0.35);
        contourActor50->GetProperty()->SetLineWidth(2.5);
        contourActor90->GetProperty()->SetColor(0.95, 0.5, 0.05);
        contourActor90->GetProperty()->SetLineWidth(1.8);
        contourLegend->SetInput("contours: 50 % (crimson) and 90 % (orange) of the mass");
        contourLegend->GetTextProperty()->SetColor(0.4, 0.1, 0.2);
    }
}

void MapView::setContours(const std::vector<float>& density) {
    if (density.size() != d_->grid.cellCount()) return;
    d_->setContourStyle(false);
    d_->haveContours = d_->setDensityLevels(d_->centres, d_->contour50, d_->contour90, density);
    d_->contoursSet = true;
    d_->applyVisibility();
    d_->requestFrame();
}

void MapView::Impl::setCloud(int k, const Cloud& c) {
    auto pts = Ptr<vtkPoints>::New();
    auto lines = Ptr<vtkCellArray>::New();
    const double r = c.spreadKm / (kEarthRadiusM / 1e3 * kDegToRad);  // degrees of latitude
    const double x0 = c.lon * kx, y0 = c.lat;
    constexpr int kSides = 72;
    for (int s = 0; s < kSides; ++s) {
        const double a = 2 * kPi * s / kSides;
        pts->InsertNextPoint(x0 + r * std::cos(a), y0 + r * std::sin(a), 0.0);
    }
    lines->InsertNextCell(kSides + 1);
    for (int s = 0; s <= kSides; ++s) lines->InsertCellPoint(s % kSides);
    // The centre: a cross a fifth of the radius wide (at least a tenth of a cell).
    const double h = std::max(0.2 * r, 0.1 * grid.dLat);
    const vtkIdType a = pts->InsertNextPoint(x0 - h, y0, 0.0), b = pts->InsertNextPoint(x0 + h, y0, 0.0);
    const vtkIdType p = pts->InsertNextPoint(x0, y0 - h, 0.0), q = pts->InsertNextPoint(x0, y0 + h, 0.0);
    const vtkIdType ab[2] = {a, b}, pq[2] = {p, q};
    lines->InsertNextCell(2, ab);
    lines->InsertNextCell(2, pq);
    cloudLines[k]->SetPoints(pts);
    cloudLines[k]->SetLines(lines);
    cloudLines[k]->Modified();
}

void MapView::setComparisonContours(const std::vector<float>& truth,
                                    const std::vector<float>& predicted) {
    const std::size_t n = d_->grid.cellCount();
    if (truth.size() != n || predicted.size() != n) return;
    if (d_->ocean.size() == n) {
        const CloudGeometry geometry(d_->grid, d_->ocean, 1);
        const Cloud t = geometry.cloud(truth.data()), p = geometry.cloud(predicted.data());
        d_->haveClouds = !t.empty() && !p.empty();
        if (d_->haveClouds) {
            d_->setCloud(0, t);
            d_->setCloud(1, p);
        }
    } else {
        d_->haveClouds = false;
    }
    d_->setContourStyle(true);
    d_->haveContours = d_->setDensityLevels(d_->centres, d_->contour50, d_->contour90, truth);
    d_->contoursSet = true;
    d_->havePredContours =
        d_->setDensityLevels(d_->predCentres, d_->predContour50, d_->predContour90, predicted);
    d_->applyVisibility();
    d_->requestFrame();
}

bool MapView::showingComparison() const {
    return d_->comparison;
}

void MapView::setRelease(double lon, double lat, double radiusKm) {
    d_->releaseCircle->SetCenter(lon * d_->kx, lat, 0.0);
    // Radius in degrees of latitude (display y); display x is scaled to match.
    d_->releaseCircle->SetRadius(std::max(radiusKm, 1.0) / (kEarthRadiusM / 1e3 * kDegToRad));
    d_->releaseActor->VisibilityOn();
    d_->requestFrame();
}

void MapView::clearRelease() {
    d_->releaseActor->VisibilityOff();
    d_->requestFrame();
}

void MapView::setParticles(const std::vector<float>& lon, const std::vector<float>& lat) {
    const std::size_t n = std::min(lon.size(), lat.size());
    auto pts = Ptr<vtkPoints>::New();
    pts->SetNumberOfPoints(static_cast<vtkIdType>(n));
    auto verts = Ptr<vtkCellArray>::New();
    for (std::size_t k = 0; k < n; ++k) {
        pts->SetPoint(static_cast<vtkIdType>(k), lon[k] * d_->kx, lat[k], 0.0);
        const vtkIdType id = static_cast<vtkIdType>(k);
        verts->InsertNextCell(1, &id);
    }
    d_->particles->SetPoints(pts);
    d_->particles->SetVerts(verts);
    d_->particles->Modified();
    d_->particleCount = static_cast<int>(n);
    d_->particleActor->SetVisibility(n > 0);
    d_->requestFrame();
}

int MapView::particleCount() const {
    return d_->particleCount;
}

void MapView::clearData() {
    d_->haveScalar = d_->haveVectors = d_->haveContours = d_->havePredContours = false;
    d_->haveClouds = false;
    d_->contoursSet = false;
    d_->haveStreamlines = false;
    d_->releaseActor->VisibilityOff();
    setParticles({}, {});
    d_->applyVisibility();
    d_->requestFrame();
}

void MapView::setLayerFlag(bool Impl::*flag, bool on) {
    d_.get()->*flag = on;
    d_->applyVisibility();
    d_->requestFrame();
}

void MapView::setScalarVisible(bool on) {
    setLayerFlag(&Impl::scalarVisible, on);
}
void MapView::setVectorsVisible(bool on) {
    setLayerFlag(&Impl::vectorsVisible, on);
}
void MapView::setStreamlinesVisible(bool on) {
    setLayerFlag(&Impl::streamlinesVisible, on);
}
void MapView::setContoursVisible(bool on) {
    setLayerFlag(&Impl::contoursVisible, on);
}
void MapView::setCoastlineVisible(bool on) {
    setLayerFlag(&Impl::coastVisible, on);
}
void MapView::setAxesVisible(bool on) {
    setLayerFlag(&Impl::axesVisible, on);
}
void MapView::setColorBarVisible(bool on) {
    setLayerFlag(&Impl::colorBarVisible, on);
}
void MapView::setCaption(const QString& text) {
    d_->caption->SetInput(text.toUtf8().constData());
    d_->requestFrame();
}

void MapView::resetView() {
    const Grid& g = d_->grid;
    auto* cam = d_->renderer->GetActiveCamera();
    const double cx = 0.5 * (g.lonMin + g.lonMax()) * d_->kx, cy = 0.5 * (g.latMin + g.latMax());
    const double w = (g.lonMax() - g.lonMin) * d_->kx, h = g.latMax() - g.latMin;
    const double aspect = height() > 0 ? static_cast<double>(width()) / height() : 1.5;
    // Room for the axis labels on the left and below, and the colour bar on the right.
    const double needW = w * 1.45, needH = h * 1.25;
    cam->SetFocalPoint(cx + 0.08 * w, cy - 0.02 * h, 0.0);
    cam->SetPosition(cx + 0.08 * w, cy - 0.02 * h, 10.0);
    cam->SetViewUp(0, 1, 0);
    cam->SetParallelScale(0.5 * std::max(needH, needW / std::max(aspect, 1e-3)));
    cam->SetClippingRange(1.0, 20.0);
    d_->fitted = true;
    d_->requestFrame();
    emit viewChanged();
}

ViewState MapView::viewState() const {
    auto* cam = d_->renderer->GetActiveCamera();
    double f[3];
    cam->GetFocalPoint(f);
    return {f[0], f[1], cam->GetParallelScale()};
}

void MapView::setViewState(const ViewState& state) {
    auto* cam = d_->renderer->GetActiveCamera();
    cam->SetFocalPoint(state.centreX, state.centreY, 0.0);
    cam->SetPosition(state.centreX, state.centreY, 10.0);
    cam->SetViewUp(0, 1, 0);
    cam->SetParallelScale(state.halfHeight);
    cam->SetClippingRange(1.0, 20.0);
    d_->fitted = false;
    d_->requestFrame();
}

void MapView::frame(double lonMin, double latMin, double lonMax, double latMax) {
    auto* cam = d_->renderer->GetActiveCamera();
    const double cx = 0.5 * (lonMin + lonMax) * d_->kx, cy = 0.5 * (latMin + latMax);
    const double w = std::abs(lonMax - lonMin) * d_->kx, h = std::abs(latMax - latMin);
    const double aspect = height() > 0 ? static_cast<double>(width()) / height() : 1.5;
    cam->SetFocalPoint(cx, cy, 0.0);
    cam->SetPosition(cx, cy, 10.0);
    cam->SetViewUp(0, 1, 0);
    cam->SetParallelScale(std::max(0.5 * std::max(h, w / std::max(aspect, 1e-3)), 0.01));
    cam->SetClippingRange(1.0, 20.0);
    d_->fitted = false;
    d_->requestFrame();
    emit viewChanged();
}

std::pair<double, double> MapView::scalarRange() const {
    return {d_->scalarLo, d_->scalarHi};
}

std::optional<double> MapView::valueAt(double lon, double lat) const {
    const Grid& g = d_->grid;
    if (!d_->haveScalar || !g.contains(lon, lat)) return std::nullopt;
    const int i = std::min(static_cast<int>((lon - g.lonMin) / g.dLon), g.nx - 1);
    const int j = std::min(static_cast<int>((lat - g.latMin) / g.dLat), g.ny - 1);
    const std::size_t c = static_cast<std::size_t>(j) * g.nx + i;
    if (!d_->ocean.empty() && !d_->ocean[c]) return std::nullopt;
    return d_->scalarValues[c];
}

void MapView::Impl::failGl(const QString& why) {
    emit self->glUnavailable(why);
}

bool MapView::Impl::ensureContext() {
    if (initialized) return true;
    if (contextTried) return false;
    contextTried = true;
    context = std::make_unique<QOpenGLContext>();
    context->setFormat(QSurfaceFormat::defaultFormat());
    if (!context->create() || !context->isValid()) {
        failGl("no OpenGL context");
        return false;
    }
    const QSurfaceFormat f = context->format();
    if (f.majorVersion() < 3 || (f.majorVersion() == 3 && f.minorVersion() < 2)) {
        failGl(QString("OpenGL 3.2 is needed, this display offers %1.%2")
                   .arg(f.majorVersion())
                   .arg(f.minorVersion()));
        return false;
    }
    offscreen = std::make_unique<QOffscreenSurface>();
    offscreen->setFormat(f);
    offscreen->create();
    if (!offscreen->isValid() || !context->makeCurrent(offscreen.get())) {
        failGl("cannot make the OpenGL context current");
        return false;
    }
    // The embedding contract of vtkGenericOpenGLRenderWindow (see docs/rendering.md). No
    // buffer swap: the frame stays in VTK's render framebuffer, where renderInto reads it, and
    // VTK's two blits (to its display framebuffer, then to ours) are skipped.
    window->SetOwnContext(false);
    window->SetFrameBlitModeToNoBlit();
    window->SwapBuffersOff();
    window->SetReadyForRendering(true);
    window->SetSize(std::max(1, self->width()), std::max(1, self->height()));
    window->OpenGLInitContext();
    initialized = true;
    return true;
}

MapView::Impl::DecorationKey MapView::Impl::decorationKey(int w, int h) const {
    auto* cam = renderer->GetActiveCamera();
    double f[3];
    cam->GetFocalPoint(f);
    DecorationKey key{w, h, f[0], f[1], cam->GetParallelScale(), 0};
    vtkPropCollection* props = decorations->GetViewProps();
    key.time = props->GetMTime();  // a prop added or removed
    vtkCollectionSimpleIterator it;
    props->InitTraversal(it);
    while (vtkProp* prop = props->GetNextProp(it)) {
        key.time = std::max(key.time, prop->GetRedrawMTime());  // with a 3-D actor's data
        if (auto* text = vtkTextActor::SafeDownCast(prop))
            key.time = std::max(key.time, text->GetTextProperty()->GetMTime());
    }
    key.colourBar = !colourBarWithData;
    if (key.colourBar) key.time = std::max(key.time, colourBarTime());
    return key;
}

vtkMTimeType MapView::Impl::colourBarTime() const {
    vtkMTimeType t = std::max(colorBar->GetMTime(), colourBarLayer->GetViewProps()->GetMTime());
    for (vtkTextProperty* text :
         {colorBar->GetTitleTextProperty(), colorBar->GetLabelTextProperty()})
        t = std::max(t, text->GetMTime());
    if (lut) t = std::max(t, lut->GetMTime());
    return t;
}

FieldRaster MapView::Impl::fieldRaster() {
    FieldRaster field;
    if (!haveScalar || !scalarVisible) return field;
    colours->Update();
    auto* rgb =
        vtkUnsignedCharArray::SafeDownCast(colours->GetOutput()->GetPointData()->GetScalars());
    if (!rgb || rgb->GetNumberOfComponents() != 3 ||
        rgb->GetNumberOfTuples() != static_cast<vtkIdType>(grid.cellCount()))
        return field;
    field.rgb = rgb->GetPointer(0);
    field.nx = grid.nx;
    field.ny = grid.ny;
    field.dx = grid.dLon * kx;
    field.dy = grid.dLat;
    // Whole cells around the cell centres, the edge cells included.
    field.x0 = grid.lon(0) * kx - 0.5 * field.dx;
    field.y0 = grid.lat(0) - 0.5 * field.dy;
    return field;
}

bool MapView::Impl::renderInto(int w, int h, QImage& out) {
    if (w <= 0 || h <= 0 || !ensureContext()) return false;
    if (QOpenGLContext::currentContext() != context.get() && !context->makeCurrent(offscreen.get()))
        return false;
    window->SetSize(w, h);
    // Reads OpenGL rows [y0, y0 + rows) back as RGBA (a plain copy for the driver).
    auto readRows = [&](int y0, int rows, vtkUnsignedCharArray* pixels) {
        return window->GetRGBACharPixelData(0, y0, w - 1, y0 + rows - 1, 0, pixels) &&
               pixels->GetNumberOfValues() == 4 * static_cast<vtkIdType>(w) * rows;
    };
    // One VTK pass, over transparent black: only `only` draws, and the colour bar if it goes
    // with `only`.
    auto pass = [&](vtkRenderer* only) {
        renderer->SetDraw(only == renderer.Get());
        decorations->SetDraw(only == decorations.Get());
        colourBarLayer->SetDraw(colourBarWithData == (only == renderer.Get()));
        window->Render();
    };
    // A colour range (lookup table) that changed for the second frame in a row puts the colour
    // bar with the data, until a frame keeps the range.
    const vtkMTimeType lutTime = lut ? lut->GetMTime() : 0;
    const bool rangeChanged = lutTime != lutDrawn;
    colourBarWithData = rangeChanged && rangeChangedLastFrame;
    rangeChangedLastFrame = rangeChanged;
    lutDrawn = lutTime;
    inPaint = true;
    if (!(decorationKey(w, h) == decorationsDrawn)) {
        pass(decorations);
        auto pixels = Ptr<vtkUnsignedCharArray>::New();
        if (!readRows(0, h, pixels)) {
            inPaint = false;
            decorationsDrawn = {};
            return false;
        }
        compositor.setDecorations(pixels->GetPointer(0), w, h);
        // Taken after the pass: drawing updates the text actors' textures, which counts as a
        // modification of the actors (and would otherwise draw them all again next frame).
        decorationsDrawn = decorationKey(w, h);
        ++decorationPasses;
    }
    pass(renderer);
    inPaint = false;
    auto* cam = renderer->GetActiveCamera();
    double f[3];
    cam->GetFocalPoint(f);
    compositor.beginFrame(fieldRaster(), {f[0], f[1], 2.0 * cam->GetParallelScale() / h}, w, h,
                          out);
    // In bands of rows that stay in the CPU's cache between the read and the composition.
    constexpr int kBand = 48;
    for (int y0 = 0; y0 < h; y0 += kBand) {
        const int rows = std::min(kBand, h - y0);
        if (!readRows(y0, rows, readback)) return false;
        compositor.composeRows(y0, rows, readback->GetPointer(0), out);
    }
    return true;
}

void MapView::Impl::requestFrame() {
    frameWanted = true;
    self->update();
}

void MapView::resizeEvent(QResizeEvent* e) {
    d_->applyColorBarTitle(width());
    d_->frameWanted = true;
    if (d_->fitted && d_->grid.nx > 0) resetView();
    QWidget::resizeEvent(e);
}

void MapView::paintEvent(QPaintEvent*) {
    const qreal dpr = devicePixelRatio();
    const QSize pixels(static_cast<int>(width() * dpr), static_cast<int>(height() * dpr));
    if (d_->frameWanted || d_->screenImage.size() != pixels) {
        if (!d_->renderInto(pixels.width(), pixels.height(), d_->screenImage)) return;
        d_->screenImage.setDevicePixelRatio(dpr);
        d_->frameWanted = false;
    }
    QPainter painter(this);
    painter.drawImage(0, 0, d_->screenImage);

    emit frameRendered();
}

bool MapView::renderNow() {
    if (!d_->ensureContext()) return false;
    d_->frameWanted = true;
    repaint();  // paints and puts the pixels on screen before it returns

    return true;
}

int MapView::decorationPasses() const {
    return d_->decorationPasses;
}

QImage MapView::renderImage(int w, int h) {
    if (w <= 0 || h <= 0 || !d_->ensureContext()) return {};
    d_->applyColorBarTitle(w);
    auto* cam = d_->renderer->GetActiveCamera();
    const double scale = cam->GetParallelScale();
    // Keep what the widget shows: fit its visible width when the image is wider or narrower.
    const double widgetAspect = height() > 0 ? static_cast<double>(width()) / height() : 1.0;
    const double imageAspect = static_cast<double>(w) / h;
    if (imageAspect < widgetAspect) cam->SetParallelScale(scale * widgetAspect / imageAspect);
    QImage image;
    const bool ok = d_->renderInto(w, h, image);
    cam->SetParallelScale(scale);
    d_->applyColorBarTitle(width());
    if (!ok) return {};
    return image;
}

void MapView::Impl::worldAt(QPointF p, double& x, double& y) const {
    auto* cam = renderer->GetActiveCamera();
    double f[3];
    cam->GetFocalPoint(f);
    const double perPixel = 2.0 * cam->GetParallelScale() / std::max(1, self->height());
    x = f[0] + (p.x() - 0.5 * self->width()) * perPixel;
    y = f[1] - (p.y() - 0.5 * self->height()) * perPixel;
}

void MapView::mousePressEvent(QMouseEvent* e) {
    if (e->button() == Qt::LeftButton) {
        d_->dragging = true;
        d_->lastMouse = e->position().toPoint();
    }
    QWidget::mousePressEvent(e);
}

void MapView::mouseMoveEvent(QMouseEvent* e) {
    double x, y;
    d_->worldAt(e->position(), x, y);
    const double lon = x / d_->kx, lat = y;
    emit hovered(lon, lat, d_->grid.contains(lon, lat));
    if (d_->dragging) {
        double x0, y0;
        d_->worldAt(d_->lastMouse, x0, y0);
        auto* cam = d_->renderer->GetActiveCamera();
        double f[3], p[3];
        cam->GetFocalPoint(f);
        cam->GetPosition(p);
        cam->SetFocalPoint(f[0] - (x - x0), f[1] - (y - y0), f[2]);
        cam->SetPosition(p[0] - (x - x0), p[1] - (y - y0), p[2]);
        d_->lastMouse = e->position().toPoint();
        d_->fitted = false;
        d_->requestFrame();
        emit viewChanged();
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
    double bx, by;
    d_->worldAt(e->position(), bx, by);
    auto* cam = d_->renderer->GetActiveCamera();
    cam->SetParallelScale(std::clamp(cam->GetParallelScale() * std::pow(0.85, steps), 0.01, 100.0));
    double ax, ay;
    d_->worldAt(e->position(), ax, ay);
    double f[3], p[3];
    cam->GetFocalPoint(f);
    cam->GetPosition(p);
    // Zoom about the cursor: the point under it stays put.
    cam->SetFocalPoint(f[0] + bx - ax, f[1] + by - ay, f[2]);
    cam->SetPosition(p[0] + bx - ax, p[1] + by - ay, p[2]);
    d_->fitted = false;
    d_->requestFrame();
    emit viewChanged();
    e->accept();
}

void MapView::keyPressEvent(QKeyEvent* e) {
    if (e->key() == Qt::Key_R && e->modifiers() == Qt::NoModifier) {
        resetView();
        return;
    }
    if (e->key() == Qt::Key_Plus || e->key() == Qt::Key_Minus) {
        auto* cam = d_->renderer->GetActiveCamera();
        cam->SetParallelScale(cam->GetParallelScale() * (e->key() == Qt::Key_Plus ? 0.8 : 1.25));
        d_->fitted = false;
        d_->requestFrame();
        emit viewChanged();
        return;
    }
    QWidget::keyPressEvent(e);
}

void MapView::contextMenuEvent(QContextMenuEvent* e) {
    double x, y;
    d_->worldAt(e->pos(), x, y);
    emit contextMenuRequestedAt(x / d_->kx, y, e->globalPos());
    e->accept();
}

}  // namespace driftlab
