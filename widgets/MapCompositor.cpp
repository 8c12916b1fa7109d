#include "MapCompositor.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace driftlab {

namespace {

// x * y / 255, rounded (exact for 8-bit operands).
inline unsigned mul255(unsigned x, unsigned y) {
    const unsigned t = x * y + 128;
    return (t + (t >> 8)) >> 8;
}

// A premultiplied RGBA pixel (bytes R G B A) over an opaque RGB32 pixel.
inline std::uint32_t over(const unsigned char* top, std::uint32_t below) {
    const unsigned inv = 255u - top[3];
    const unsigned r = std::min(255u, top[0] + mul255((below >> 16) & 0xffu, inv));
    const unsigned g = std::min(255u, top[1] + mul255((below >> 8) & 0xffu, inv));
    const unsigned b = std::min(255u, top[2] + mul255(below & 0xffu, inv));
    return 0xff000000u | (r << 16) | (g << 8) | b;
}

// Whether 4 pixels (16 bytes) are all transparent black, the common case.
inline bool empty4(const unsigned char* p) {
#if defined(__SSE2__)
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    return _mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128())) == 0xffff;
#else
    std::uint64_t w[2];
    std::memcpy(w, p, 16);
    return (w[0] | w[1]) == 0;
#endif
}

inline bool emptyPixel(const unsigned char* p) {
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return v == 0;
}

}  // namespace

void MapCompositor::setDecorations(const unsigned char* rgba, int w, int h) {
    clearDecorations();
    if (!rgba || w <= 0 || h <= 0) return;
    decorationsW_ = w;
    decorationsH_ = h;
    rowRuns_.assign(static_cast<std::size_t>(h) + 1, 0);
    const auto width = static_cast<std::size_t>(w);
    for (int r = 0; r < h; ++r) {
        rowRuns_[static_cast<std::size_t>(r)] = runs_.size();
        const unsigned char* row = rgba + static_cast<std::size_t>(r) * 4 * width;
        std::size_t x = 0;
        while (x < width) {
            // Skip transparent pixels, four at a time where possible.
            while (x + 4 <= width && empty4(row + 4 * x)) x += 4;
            while (x < width && emptyPixel(row + 4 * x)) ++x;
            if (x >= width) break;
            const std::size_t start = x;
            while (x < width && !emptyPixel(row + 4 * x)) ++x;
            runs_.push_back({static_cast<int>(start), static_cast<int>(x), runPixels_.size()});
            runPixels_.insert(runPixels_.end(), row + 4 * start, row + 4 * x);
        }
    }
    rowRuns_[static_cast<std::size_t>(h)] = runs_.size();
}

void MapCompositor::clearDecorations() {
    decorationsW_ = decorationsH_ = 0;
    runs_.clear();
    rowRuns_.clear();
    runPixels_.clear();
}

void MapCompositor::beginFrame(const FieldRaster& field, const ViewMapping& view, int w, int h,
                               QImage& out, const QRect& map) {
    field_ = field.rgb && field.nx > 0 && field.ny > 0 ? field : FieldRaster{};
    view_ = view;
    w_ = std::max(0, w);
    h_ = std::max(0, h);
    if (out.size() != QSize(w_, h_) || out.format() != QImage::Format_RGB32)
        out = QImage(w_, h_, QImage::Format_RGB32);
    const auto width = static_cast<std::size_t>(w_);
    // The cell under each pixel's centre, as OpenGL rasterises a quad and samples a texture
    // with nearest filtering there.
    const QRect clip = map.isEmpty() ? QRect(0, 0, w_, h_) : map.intersected(QRect(0, 0, w_, h_));
    glRowMin_ = h_ - 1 - clip.bottom();
    glRowMax_ = h_ - 1 - clip.top();
    column_.assign(width, -1);
    if (field_.rgb) {
        for (std::size_t c = static_cast<std::size_t>(std::max(0, clip.left()));
             c < width && static_cast<int>(c) <= clip.right(); ++c) {
            const double x =
                view.centreX + (static_cast<double>(c) + 0.5 - 0.5 * w_) * view.perPixel;
            const double i = std::floor((x - field_.x0) / field_.dx);
            if (i >= 0 && i < field_.nx) column_[c] = static_cast<int>(i);
        }
    }
    whiteRow_.assign(width, 0xffffffffu);
    fieldRow_.resize(width);
    rowOfField_ = -1;
}

const std::uint32_t* MapCompositor::fieldRow(int glRow) {
    if (!field_.rgb || glRow < glRowMin_ || glRow > glRowMax_) return whiteRow_.data();
    const double y = view_.centreY + (glRow + 0.5 - 0.5 * h_) * view_.perPixel;
    const double j = std::floor((y - field_.y0) / field_.dy);
    if (!(j >= 0 && j < field_.ny)) return whiteRow_.data();
    const int row = static_cast<int>(j);
    if (row != rowOfField_) {
        const unsigned char* cells = field_.rgb + 3 * static_cast<std::size_t>(row) * field_.nx;
        for (std::size_t c = 0; c < fieldRow_.size(); ++c) {
            const int i = column_[c];
            if (i < 0) {
                fieldRow_[c] = 0xffffffffu;
                continue;
            }
            const unsigned char* p = cells + 3 * static_cast<std::size_t>(i);
            fieldRow_[c] =
                0xff000000u | (std::uint32_t{p[0]} << 16) | (std::uint32_t{p[1]} << 8) | p[2];
        }
        rowOfField_ = row;
    }
    return fieldRow_.data();
}

void MapCompositor::composeRows(int glRow0, int rows, const unsigned char* data, QImage& out) {
    const auto width = static_cast<std::size_t>(w_);
    const bool decorated = decorationsW_ == w_ && decorationsH_ == h_;
    for (int k = 0; k < rows; ++k) {
        const int glRow = glRow0 + k;
        if (glRow < 0 || glRow >= h_) continue;
        const std::uint32_t* below = fieldRow(glRow);
        auto* dst = reinterpret_cast<std::uint32_t*>(out.scanLine(h_ - 1 - glRow));
        if (!data) {
            std::memcpy(dst, below, 4 * width);
        } else {
            const unsigned char* d = data + static_cast<std::size_t>(k) * 4 * width;
            std::size_t x = 0;
            for (; x + 4 <= width; x += 4) {
                if (empty4(d + 4 * x)) {
                    std::memcpy(dst + x, below + x, 16);
                    continue;
                }
                for (std::size_t p = x; p < x + 4; ++p) dst[p] = over(d + 4 * p, below[p]);
            }
            for (; x < width; ++x) dst[x] = over(d + 4 * x, below[x]);
        }
        if (!decorated) continue;
        const auto r = static_cast<std::size_t>(glRow);
        for (std::size_t i = rowRuns_[r]; i < rowRuns_[r + 1]; ++i) {
            const Run& run = runs_[i];
            const unsigned char* o = runPixels_.data() + run.offset;
            for (int x = run.x0; x < run.x1; ++x, o += 4) dst[x] = over(o, dst[x]);
        }
    }
}

}  // namespace driftlab
