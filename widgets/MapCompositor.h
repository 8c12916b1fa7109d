#pragma once
// The map's frame from its three layers, composed on the CPU in one pass over the pixels:
//   1. the scalar field, one colour per grid cell, scaled up to the view nearest-neighbour (what
//      a texture with nearest filtering draws; white outside the grid, outside the map's
//      rectangle or when hidden);
//   2. the data VTK draws per sample (arrows, contours, release, particles, caption);
//   3. the decorations VTK draws once per view (coastline, axes, colour bar, legends).
// Layers 2 and 3 are OpenGL frames as read back: RGBA, rows bottom first, premultiplied alpha
// (drawn over transparent black). The result is opaque RGB32, top row first, ready for QPainter.
// Why the field is not drawn by VTK and how the passes are split: docs/rendering.md.
//
// Use: setDecorations() when they were drawn again; per frame, beginFrame() and then
// composeRows() for consecutive bands of rows (a band read back from OpenGL is composed while
// it is still in the CPU's cache).
#include <QImage>
#include <QRect>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace driftlab {

// The field's cell colours and where the cells lie, in world units (display x, y).
struct FieldRaster {
    const unsigned char* rgb = nullptr;  // nx * ny RGB triplets, row 0 south; null: no field
    int nx = 0, ny = 0;
    double x0 = 0, y0 = 0;  // lower-left corner of cell (0, 0)
    double dx = 1, dy = 1;  // cell size
};

// A parallel view: the world point at the centre of the frame and the world size of a pixel.
struct ViewMapping {
    double centreX = 0, centreY = 0;
    double perPixel = 1;
};

class MapCompositor {
public:
    // Keeps the decorations (4 * w * h bytes) as their runs of non-transparent pixels: most of
    // the frame is empty, and the runs are all a frame has to read.
    void setDecorations(const unsigned char* rgba, int w, int h);
    void clearDecorations();
    // Starts a w x h frame: sizes `out` (Format_RGB32) and maps pixel columns to cells. The
    // field is drawn only on `map` (pixels, top row 0; empty: the whole frame).
    void beginFrame(const FieldRaster& field, const ViewMapping& view, int w, int h, QImage& out,
                    const QRect& map = {});
    // Composes the OpenGL rows glRow0 .. glRow0 + rows - 1 (row 0 at the bottom), whose data
    // pixels are `data` (4 * w * rows bytes, or null for none), into `out`.
    void composeRows(int glRow0, int rows, const unsigned char* data, QImage& out);
    // Number of decoration pixels kept (for tests).
    std::size_t decorationPixels() const { return runPixels_.size() / 4; }

private:
    // The field's pixels for one OpenGL row (white outside the grid).
    const std::uint32_t* fieldRow(int glRow);

    FieldRaster field_;
    ViewMapping view_;
    int w_ = 0, h_ = 0;
    int glRowMin_ = 0, glRowMax_ = -1;  // the map's OpenGL rows (row 0 at the bottom)
    std::vector<int> column_;  // pixel column -> cell column, -1 outside
    std::vector<std::uint32_t> fieldRow_, whiteRow_;
    int rowOfField_ = -1;  // the cell row fieldRow_ holds

    struct Run {
        int x0, x1;          // pixels [x0, x1)
        std::size_t offset;  // into runPixels_, bytes
    };
    int decorationsW_ = 0, decorationsH_ = 0;
    std::vector<Run> runs_;
    std::vector<std::size_t> rowRuns_;  // runs of OpenGL row r: [rowRuns_[r], rowRuns_[r + 1])
    std::vector<unsigned char> runPixels_;
};

}  // namespace driftlab
