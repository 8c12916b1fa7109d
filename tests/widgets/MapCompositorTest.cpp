#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <vector>

#include "MapCompositor.h"

using namespace driftlab;

namespace {

// A w x h RGBA frame (rows bottom first) of transparent black.
std::vector<unsigned char> emptyFrame(int w, int h) {
    return std::vector<unsigned char>(static_cast<std::size_t>(4 * w * h), 0);
}

void setPixel(std::vector<unsigned char>& frame, int w, int x, int glRow,
              std::array<unsigned char, 4> rgba) {
    const auto at = static_cast<std::size_t>(4 * (glRow * w + x));
    for (std::size_t k = 0; k < 4; ++k) frame[at + k] = rgba[k];
}

QImage composeAll(MapCompositor& c, const FieldRaster& field, const ViewMapping& view,
                  const unsigned char* data, int w, int h, int band) {
    QImage out;
    c.beginFrame(field, view, w, h, out);
    for (int y0 = 0; y0 < h; y0 += band) {
        const int rows = std::min(band, h - y0);
        c.composeRows(y0, rows, data ? data + static_cast<std::size_t>(4 * w * y0) : nullptr, out);
    }
    return out;
}

// A 2 x 2 field (red, green / blue, yellow from the south-west) on cells one unit wide, its
// lower-left corner at (0, 0), seen by an 8 x 8 frame at 0.5 units per pixel centred on (1, 1):
// each cell covers 2 x 2 pixels in the middle 4 x 4 of the frame.
const unsigned char kCells[] = {255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 0};
FieldRaster field2x2() {
    FieldRaster f;
    f.rgb = kCells;
    f.nx = f.ny = 2;
    f.x0 = f.y0 = 0.0;
    f.dx = f.dy = 1.0;
    return f;
}
const ViewMapping kView{1.0, 1.0, 0.5};

}  // namespace

TEST(MapCompositor, TheFieldIsScaledUpNearestNeighbourWithWhiteAround) {
    MapCompositor c;
    const QImage out = composeAll(c, field2x2(), kView, nullptr, 8, 8, 8);
    ASSERT_EQ(out.size(), QSize(8, 8));
    // Top row of the image is the north: blue and yellow; the south below: red and green.
    EXPECT_EQ(out.pixel(2, 5), qRgb(255, 0, 0));
    EXPECT_EQ(out.pixel(5, 5), qRgb(0, 255, 0));
    EXPECT_EQ(out.pixel(2, 2), qRgb(0, 0, 255));
    EXPECT_EQ(out.pixel(5, 2), qRgb(255, 255, 0));
    EXPECT_EQ(out.pixel(3, 4), qRgb(255, 0, 0));  // each cell is 2 x 2 pixels
    EXPECT_EQ(out.pixel(0, 0), qRgb(255, 255, 255));
    EXPECT_EQ(out.pixel(7, 3), qRgb(255, 255, 255));
    EXPECT_EQ(out.pixel(1, 4), qRgb(255, 255, 255));
    // No field: white.
    const QImage blank = composeAll(c, FieldRaster{}, kView, nullptr, 8, 8, 8);
    EXPECT_EQ(blank.pixel(3, 3), qRgb(255, 255, 255));
}

TEST(MapCompositor, LayersBlendAsPremultipliedOver) {
    const int w = 8, h = 8;
    auto data = emptyFrame(w, h);
    setPixel(data, w, 2, 2, {0, 0, 0, 255});     // opaque black line pixel over red
    setPixel(data, w, 5, 2, {100, 0, 0, 128});   // half red over green
    setPixel(data, w, 0, 7, {10, 20, 30, 255});  // caption pixel outside the field
    auto decorations = emptyFrame(w, h);
    setPixel(decorations, w, 2, 2, {0, 0, 128, 128});  // half blue over the black data pixel
    setPixel(decorations, w, 6, 6, {255, 255, 255, 255});
    MapCompositor c;
    c.setDecorations(decorations.data(), w, h);
    EXPECT_EQ(c.decorationPixels(), 2u);
    const QImage out = composeAll(c, field2x2(), kView, data.data(), w, h, 3);
    // Image row = h - 1 - OpenGL row.
    EXPECT_EQ(out.pixel(2, 5), qRgb(0, 0, 128));
    // Half red (premultiplied 100) over green: r = 100 + 0, g = 0 + 255 * 127 / 255.
    EXPECT_EQ(out.pixel(5, 5), qRgb(100, 127, 0));
    EXPECT_EQ(out.pixel(0, 0), qRgb(10, 20, 30));
    EXPECT_EQ(out.pixel(6, 1), qRgb(255, 255, 255));
    // Untouched pixels show the field.
    EXPECT_EQ(out.pixel(3, 4), qRgb(255, 0, 0));
}

TEST(MapCompositor, BandsOfAnySizeGiveTheSameFrame) {
    const int w = 37, h = 23;  // not multiples of 4: the tails of the rows too
    std::vector<unsigned char> data = emptyFrame(w, h), decorations = emptyFrame(w, h);
    std::uint32_t seed = 7;
    auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
    for (int k = 0; k < 200; ++k) {
        const auto a = static_cast<unsigned char>(next() >> 24);
        const auto v = static_cast<unsigned char>(a * (next() >> 24) / 255);  // premultiplied
        setPixel(data, w, static_cast<int>(next() % w), static_cast<int>(next() % h), {v, v, 0, a});
        setPixel(decorations, w, static_cast<int>(next() % w), static_cast<int>(next() % h),
                 {0, v, v, a});
    }
    FieldRaster f = field2x2();
    const ViewMapping view{1.0, 1.0, 2.5 / w};
    MapCompositor c;
    c.setDecorations(decorations.data(), w, h);
    const QImage whole = composeAll(c, f, view, data.data(), w, h, h);
    for (int band : {1, 4, 7, 48})
        EXPECT_EQ(composeAll(c, f, view, data.data(), w, h, band), whole);
    // Decorations of another size are not used.
    c.setDecorations(decorations.data(), w - 1, h);
    EXPECT_NE(composeAll(c, f, view, data.data(), w, h, h), whole);
}
