#pragma once
// Private to widgets/: where the map's VTK scene is drawn. Our own OpenGL context on an offscreen
// surface: VTK draws into its own framebuffer, the frame is read back, composed with the scalar
// field (MapCompositor) and handed out as an image, painted like any widget's pixels (Debian's
// VTK Qt module is Qt 5 only; see docs/rendering.md).
//
// Five renderers, drawn in two passes over a transparent background: data() for what changes
// with the sample (arrows, streamlines, contours, release, particles) and dataText() for its text
// (the caption); decorations() for what changes only with the view or the layer settings (axes,
// legends), mapDecorations() for those of them that lie on the map (the coastline), and
// colourBar() for the colour bar. data() and mapDecorations() draw only on the map's rectangle
// (setMap; a zoomed view shows more of the world than the map's place in the layout), through
// a camera made from camera(), the view's. The decorations' pixels are kept and drawn
// again only when they or the view change: a sample switch costs one VTK pass, not the
// decorations' 4-6 ms on a software renderer. The colour bar goes with the decorations while it
// stays the same and with the data while it changes from frame to frame (a colour range per
// sample), so that neither case draws the decorations for every sample.
#include <vtkCamera.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkRenderer.h>
#include <vtkUnsignedCharArray.h>

#include <QImage>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QRect>
#include <QRectF>
#include <QString>
#include <functional>
#include <memory>

#include "MapActors.h"
#include "MapCompositor.h"

namespace driftlab {

class OffscreenTarget {
public:
    // `wantFrame`: VTK asked for a frame outside render() (something changed). `fail`: the
    // reason there is no usable OpenGL, said once.
    OffscreenTarget(std::function<void()> wantFrame, std::function<void(const QString&)> fail);
    // VTK's GL resources go first, while the context is there; then VTK stops calling back.
    ~OffscreenTarget();
    OffscreenTarget(const OffscreenTarget&) = delete;
    OffscreenTarget& operator=(const OffscreenTarget&) = delete;

    // Creates the context and sets VTK up in it, once; false (and `fail`) if unusable.
    bool ensureContext(int w, int h);
    vtkRenderer* data() const { return data_; }
    vtkRenderer* dataText() const { return dataText_; }
    vtkRenderer* decorations() const { return decorations_; }
    vtkRenderer* mapDecorations() const { return mapDecorations_; }
    vtkRenderer* colourBar() const { return colourBar_; }
    // The view's camera (the whole frame's); the map's renderers follow it.
    vtkCamera* camera() const { return decorations_->GetActiveCamera(); }
    // Where the map lies in the frame, as fractions of its width and height from the top left
    // (the layout's map rectangle over the view's size); the field, data() and
    // mapDecorations() are clipped to it. Empty: the whole frame.
    void setMap(const QRectF& fraction) { map_ = fraction; }
    // The map's pixels in a w x h frame (top row 0): whole pixels covering the rectangle.
    QRect mapPixels(int w, int h) const;

    // Renders the scene at w x h pixels into `out` (RGB32, top row first): the decorations
    // only when they or the view changed, the data, then the composition over `field`.
    bool render(int w, int h, const FieldRaster& field, QImage& out);
    // How many times the decorations were drawn (for tests and benchmarks).
    int decorationPasses() const { return decorationPasses_; }

private:
    // What the decorations' pixels depend on: the frame's size, the camera, the newest
    // modification time of the props, their mappers' inputs and text, and the colour bar when
    // it is kept with them.
    struct DecorationKey {
        int w = 0, h = 0;
        double centreX = 0, centreY = 0, scale = 0;
        QRect map;
        vtkMTimeType time = 0;
        bool colourBar = true;
        bool operator==(const DecorationKey&) const = default;
    };
    DecorationKey decorationKey(int w, int h) const;
    // The newest modification of the colour bar layer's props, their text and lookup tables.
    vtkMTimeType colourBarTime() const;
    // The colour bar's lookup table's modification time (0: none).
    vtkMTimeType lutTime() const;
    // The props of the decorations' renderers (for their modification times).
    vtkMTimeType decorationsTime(vtkRenderer* renderer) const;
    // Puts the map's renderers on the map's pixels of a w x h frame, their camera on the view's.
    void placeMap(int w, int h);
    // One VTK pass over transparent black: the data (and their text), or the decorations (on
    // and off the map); the colour bar if it goes with them.
    void pass(bool data);
    // Reads OpenGL rows [y0, y0 + rows) of a w-wide frame back as RGBA.
    bool readRows(int w, int y0, int rows, vtkUnsignedCharArray* pixels);

    std::function<void()> wantFrame_;
    std::function<void(const QString&)> fail_;
    // Declared before the window, whose resources live in it.
    std::unique_ptr<QOpenGLContext> context_;
    std::unique_ptr<QOffscreenSurface> surface_;
    bool tried_ = false, initialized_ = false, inRender_ = false;
    Ptr<vtkGenericOpenGLRenderWindow> window_;
    Ptr<vtkRenderer> data_, dataText_, decorations_, mapDecorations_, colourBar_;
    Ptr<vtkRenderer> blank_;  // draws nothing: clears the frame for each pass
    Ptr<vtkCamera> mapCamera_;  // the map renderers' camera: the view's, on the map's pixels
    QRectF map_;
    Ptr<vtkUnsignedCharArray> readback_ = Ptr<vtkUnsignedCharArray>::New();
    MapCompositor compositor_;
    bool colourBarWithData_ = false, rangeChangedLastFrame_ = false;
    vtkMTimeType lutDrawn_ = 0;  // the lookup table's modification time in the last frame
    DecorationKey decorationsDrawn_;
    int decorationPasses_ = 0;
};

}  // namespace driftlab
