#pragma once
// Baseline-image comparison for the rendering tests.
//
// Tolerance (documented in docs/testing.md): images are compared pixel by pixel; a pixel
// "differs" when any channel differs by more than 40 (of 255). The test passes when at most
// 0.5 % of the pixels differ. That absorbs anti-aliasing and font hinting differences between
// Mesa versions, and still catches a moved coastline, a missing layer or a different colour map.
// On failure the actual image is written next to the baseline as NAME.actual.png (and a
// NAME.diff.png with the differing pixels in red). DRIFTLAB_UPDATE_BASELINES=1 rewrites the
// baselines instead.
#include <QImage>
#include <QString>

namespace driftlab::test {

struct ImageComparison {
    bool sameSize = false;
    double differingFraction = 1.0;
    QString message;
};

ImageComparison compareWithBaseline(const QImage& actual, const QString& name);
// Number of pixels within `tolerance` of an RGB colour.
int countColour(const QImage& image, QRgb colour, int tolerance, const QRect& area = {});
// Number of distinct colours (RGB) in an area, capped at `cap`.
int distinctColours(const QImage& image, const QRect& area, int cap = 10000);

}  // namespace driftlab::test
