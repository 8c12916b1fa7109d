#include "OffscreenTarget.h"

#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkPropCollection.h>
#include <vtkScalarBarActor.h>
#include <vtkScalarsToColors.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include <QSurfaceFormat>
#include <algorithm>
#include <cmath>

namespace driftlab {

OffscreenTarget::OffscreenTarget(std::function<void()> wantFrame,
                                 std::function<void(const QString&)> fail)
    : wantFrame_(std::move(wantFrame)), fail_(std::move(fail)) {
    window_ = Ptr<vtkGenericOpenGLRenderWindow>::New();
    data_ = Ptr<vtkRenderer>::New();
    dataText_ = Ptr<vtkRenderer>::New();
    decorations_ = Ptr<vtkRenderer>::New();
    mapDecorations_ = Ptr<vtkRenderer>::New();
    colourBar_ = Ptr<vtkRenderer>::New();
    for (vtkRenderer* r : {data_.Get(), dataText_.Get(), decorations_.Get(),
                           mapDecorations_.Get(), colourBar_.Get()}) {
        // Transparent black: the passes read back premultiplied RGBA for the compositor.
        r->SetBackground(0.0, 0.0, 0.0);
        r->SetBackgroundAlpha(0.0);
        window_->AddRenderer(r);
    }
    // Layer 0 clears the whole frame (a map renderer clears nothing outside its viewport), the
    // map's renderers draw on it, the whole frame's over them (the axes' frame over the coast).
    blank_ = Ptr<vtkRenderer>::New();
    blank_->SetBackground(0.0, 0.0, 0.0);
    blank_->SetBackgroundAlpha(0.0);
    window_->AddRenderer(blank_);
    window_->SetNumberOfLayers(3);
    for (vtkRenderer* r : {data_.Get(), mapDecorations_.Get()}) r->SetLayer(1);
    for (vtkRenderer* r : {dataText_.Get(), decorations_.Get(), colourBar_.Get()}) r->SetLayer(2);
    window_->SetAlphaBitPlanes(1);
    window_->SetMultiSamples(0);
    decorations_->GetActiveCamera()->ParallelProjectionOn();
    dataText_->SetActiveCamera(camera());
    mapCamera_ = Ptr<vtkCamera>::New();
    mapCamera_->ParallelProjectionOn();
    data_->SetActiveCamera(mapCamera_);
    mapDecorations_->SetActiveCamera(mapCamera_);

    // The embedding contract of vtkGenericOpenGLRenderWindow (see docs/rendering.md).
    auto onMakeCurrent = Ptr<vtkCallbackCommand>::New();
    onMakeCurrent->SetClientData(this);
    onMakeCurrent->SetCallback([](vtkObject*, unsigned long, void* client, void*) {
        auto* t = static_cast<OffscreenTarget*>(client);
        // Only when not current already: VTK asks in the middle of a frame too.
        if (t->context_ && QOpenGLContext::currentContext() != t->context_.get())
            t->context_->makeCurrent(t->surface_.get());
    });
    window_->AddObserver(vtkCommand::WindowMakeCurrentEvent, onMakeCurrent);
    auto onIsCurrent = Ptr<vtkCallbackCommand>::New();
    onIsCurrent->SetClientData(this);
    onIsCurrent->SetCallback([](vtkObject*, unsigned long, void* client, void* call) {
        auto* t = static_cast<OffscreenTarget*>(client);
        *static_cast<bool*>(call) =
            t->context_ && QOpenGLContext::currentContext() == t->context_.get();
    });
    window_->AddObserver(vtkCommand::WindowIsCurrentEvent, onIsCurrent);
    auto onFrame = Ptr<vtkCallbackCommand>::New();
    onFrame->SetClientData(this);
    onFrame->SetCallback([](vtkObject*, unsigned long, void* client, void*) {
        auto* t = static_cast<OffscreenTarget*>(client);
        if (!t->inRender_) t->wantFrame_();
    });
    window_->AddObserver(vtkCommand::WindowFrameEvent, onFrame);
}

OffscreenTarget::~OffscreenTarget() {
    if (context_ && surface_ && context_->makeCurrent(surface_.get())) {
        if (initialized_) window_->Finalize();
        context_->doneCurrent();
    }
    initialized_ = false;
    window_->RemoveAllObservers();
}

bool OffscreenTarget::ensureContext(int w, int h) {
    if (initialized_) return true;
    if (tried_) return false;
    tried_ = true;
    context_ = std::make_unique<QOpenGLContext>();
    context_->setFormat(QSurfaceFormat::defaultFormat());
    if (!context_->create() || !context_->isValid()) {
        fail_("no OpenGL context");
        return false;
    }
    const QSurfaceFormat f = context_->format();
    if (f.majorVersion() < 3 || (f.majorVersion() == 3 && f.minorVersion() < 2)) {
        fail_(QString("OpenGL 3.2 is needed, this display offers %1.%2")
                  .arg(f.majorVersion())
                  .arg(f.minorVersion()));
        return false;
    }
    surface_ = std::make_unique<QOffscreenSurface>();
    surface_->setFormat(f);
    surface_->create();
    if (!surface_->isValid() || !context_->makeCurrent(surface_.get())) {
        fail_("cannot make the OpenGL context current");
        return false;
    }
    // No buffer swap: the frame stays in VTK's render framebuffer, where render() reads it,
    // and VTK's two blits (to its display framebuffer, then to ours) are skipped.
    window_->SetOwnContext(false);
    window_->SetFrameBlitModeToNoBlit();
    window_->SwapBuffersOff();
    window_->SetReadyForRendering(true);
    window_->SetSize(std::max(1, w), std::max(1, h));
    window_->OpenGLInitContext();
    initialized_ = true;
    return true;
}

vtkMTimeType OffscreenTarget::lutTime() const {
    vtkMTimeType t = 0;
    vtkPropCollection* props = colourBar_->GetViewProps();
    vtkCollectionSimpleIterator it;
    props->InitTraversal(it);
    while (vtkProp* prop = props->GetNextProp(it))
        if (auto* bar = vtkScalarBarActor::SafeDownCast(prop))
            if (vtkScalarsToColors* lut = bar->GetLookupTable()) t = std::max(t, lut->GetMTime());
    return t;
}

vtkMTimeType OffscreenTarget::colourBarTime() const {
    vtkPropCollection* props = colourBar_->GetViewProps();
    vtkMTimeType t = std::max(props->GetMTime(), lutTime());
    vtkCollectionSimpleIterator it;
    props->InitTraversal(it);
    while (vtkProp* prop = props->GetNextProp(it)) {
        t = std::max(t, prop->GetMTime());
        if (auto* text = vtkTextActor::SafeDownCast(prop))
            t = std::max(t, text->GetTextProperty()->GetMTime());
        if (auto* bar = vtkScalarBarActor::SafeDownCast(prop))
            for (vtkTextProperty* text : {bar->GetTitleTextProperty(), bar->GetLabelTextProperty()})
                t = std::max(t, text->GetMTime());
    }
    return t;
}

vtkMTimeType OffscreenTarget::decorationsTime(vtkRenderer* renderer) const {
    vtkPropCollection* props = renderer->GetViewProps();
    vtkMTimeType t = props->GetMTime();  // a prop added or removed
    vtkCollectionSimpleIterator it;
    props->InitTraversal(it);
    while (vtkProp* prop = props->GetNextProp(it)) {
        t = std::max(t, prop->GetRedrawMTime());  // with a 3-D actor's data
        if (auto* text = vtkTextActor::SafeDownCast(prop))
            t = std::max(t, text->GetTextProperty()->GetMTime());
    }
    return t;
}

OffscreenTarget::DecorationKey OffscreenTarget::decorationKey(int w, int h) const {
    vtkCamera* cam = camera();
    double f[3];
    cam->GetFocalPoint(f);
    DecorationKey key{w, h, f[0], f[1], cam->GetParallelScale(), mapPixels(w, h), 0};
    key.time = std::max(decorationsTime(decorations_), decorationsTime(mapDecorations_));
    key.colourBar = !colourBarWithData_;
    if (key.colourBar) key.time = std::max(key.time, colourBarTime());
    return key;
}

QRect OffscreenTarget::mapPixels(int w, int h) const {
    if (map_.isEmpty() || w <= 0 || h <= 0) return QRect(0, 0, std::max(0, w), std::max(0, h));
    auto at = [](double fraction, int size, bool up) {
        const double px = fraction * size;
        return std::clamp(static_cast<int>(up ? std::ceil(px - 1e-6) : std::floor(px + 1e-6)), 0,
                          size);
    };
    const int x0 = at(map_.left(), w, false), x1 = at(map_.right(), w, true);
    const int y0 = at(map_.top(), h, false), y1 = at(map_.bottom(), h, true);
    if (x1 <= x0 || y1 <= y0) return QRect(0, 0, w, h);
    return QRect(x0, y0, x1 - x0, y1 - y0);
}

void OffscreenTarget::placeMap(int w, int h) {
    const QRect m = mapPixels(w, h);
    // VTK's viewports run from the bottom left; whole pixels, as VTK rounds them.
    const double left = double(m.left()) / w, right = double(m.left() + m.width()) / w;
    const double bottom = double(h - m.top() - m.height()) / h, top = double(h - m.top()) / h;
    data_->SetViewport(left, bottom, right, top);
    mapDecorations_->SetViewport(left, bottom, right, top);
    // The view's camera moved to the map's centre: each pixel shows the same world point in
    // every renderer (and in the compositor's field).
    vtkCamera* view = camera();
    double f[3], p[3], range[2];
    view->GetFocalPoint(f);
    view->GetPosition(p);
    view->GetClippingRange(range);
    const double perPixel = 2.0 * view->GetParallelScale() / h;
    const double dx = (m.left() + 0.5 * m.width() - 0.5 * w) * perPixel;
    const double dy = (0.5 * h - m.top() - 0.5 * m.height()) * perPixel;
    mapCamera_->SetFocalPoint(f[0] + dx, f[1] + dy, f[2]);
    mapCamera_->SetPosition(p[0] + dx, p[1] + dy, p[2]);
    mapCamera_->SetViewUp(view->GetViewUp());
    mapCamera_->SetParallelScale(0.5 * m.height() * perPixel);
    mapCamera_->SetClippingRange(range);
}

void OffscreenTarget::pass(bool data) {
    data_->SetDraw(data);
    dataText_->SetDraw(data);
    decorations_->SetDraw(!data);
    mapDecorations_->SetDraw(!data);
    colourBar_->SetDraw(colourBarWithData_ == data);
    window_->Render();
}

bool OffscreenTarget::readRows(int w, int y0, int rows, vtkUnsignedCharArray* pixels) {
    // A plain copy for the driver.
    return window_->GetRGBACharPixelData(0, y0, w - 1, y0 + rows - 1, 0, pixels) &&
           pixels->GetNumberOfValues() == 4 * static_cast<vtkIdType>(w) * rows;
}

bool OffscreenTarget::render(int w, int h, const FieldRaster& field, QImage& out) {
    if (w <= 0 || h <= 0 || !ensureContext(w, h)) return false;
    if (QOpenGLContext::currentContext() != context_.get() &&
        !context_->makeCurrent(surface_.get()))
        return false;
    window_->SetSize(w, h);
    placeMap(w, h);
    // A colour range (lookup table) that changed for the second frame in a row puts the colour
    // bar with the data, until a frame keeps the range.
    const vtkMTimeType lut = lutTime();
    const bool rangeChanged = lut != lutDrawn_;
    colourBarWithData_ = rangeChanged && rangeChangedLastFrame_;
    rangeChangedLastFrame_ = rangeChanged;
    lutDrawn_ = lut;
    inRender_ = true;
    if (!(decorationKey(w, h) == decorationsDrawn_)) {
        pass(false);
        auto pixels = Ptr<vtkUnsignedCharArray>::New();
        if (!readRows(w, 0, h, pixels)) {
            inRender_ = false;
            decorationsDrawn_ = {};
            return false;
        }
        compositor_.setDecorations(pixels->GetPointer(0), w, h);
        // Taken after the pass: drawing updates the text actors' textures, which counts as a
        // modification of the actors (and would otherwise draw them all again next frame).
        decorationsDrawn_ = decorationKey(w, h);
        ++decorationPasses_;
    }
    pass(true);
    inRender_ = false;
    vtkCamera* cam = camera();
    double f[3];
    cam->GetFocalPoint(f);
    compositor_.beginFrame(field, {f[0], f[1], 2.0 * cam->GetParallelScale() / h}, w, h, out,
                           mapPixels(w, h));
    // In bands of rows that stay in the CPU's cache between the read and the composition.
    constexpr int kBand = 48;
    for (int y0 = 0; y0 < h; y0 += kBand) {
        const int rows = std::min(kBand, h - y0);
        if (!readRows(w, y0, rows, readback_)) return false;
        compositor_.composeRows(y0, rows, readback_->GetPointer(0), out);
    }
    return true;
}

}  // namespace driftlab
