#include "ImageCheck.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <cmath>
#include <cstdlib>

#ifndef DRIFTLAB_BASELINE_DIR
#error "DRIFTLAB_BASELINE_DIR must point at tests/baselines"
#endif

namespace driftlab::test {

namespace {
constexpr int kChannelTolerance = 40;
constexpr double kMaxDifferingFraction = 0.005;
}  // namespace

ImageComparison compareWithBaseline(const QImage& actualIn, const QString& name) {
    ImageComparison result;
    const QDir dir(DRIFTLAB_BASELINE_DIR);
    const QString baselinePath = dir.filePath(name + ".png");
    const QImage actual = actualIn.convertToFormat(QImage::Format_RGB32);
    if (std::getenv("DRIFTLAB_UPDATE_BASELINES")) {
        actual.save(baselinePath, "PNG");
        result.sameSize = true;
        result.differingFraction = 0;
        result.message = "baseline written: " + baselinePath;
        return result;
    }
    const QImage baseline = QImage(baselinePath).convertToFormat(QImage::Format_RGB32);
    const QString actualPath = dir.filePath(name + ".actual.png");
    if (baseline.isNull()) {
        actual.save(actualPath, "PNG");
        result.message =
            "no baseline " + baselinePath + " (actual image kept as " + actualPath + ")";
        return result;
    }
    if (baseline.size() != actual.size()) {
        actual.save(actualPath, "PNG");
        result.message = QString("size %1x%2, baseline %3x%4 (actual kept as %5)")
                             .arg(actual.width())
                             .arg(actual.height())
                             .arg(baseline.width())
                             .arg(baseline.height())
                             .arg(actualPath);
        return result;
    }
    result.sameSize = true;
    QImage diff(actual.size(), QImage::Format_RGB32);
    long differing = 0;
    for (int y = 0; y < actual.height(); ++y) {
        const auto* a = reinterpret_cast<const QRgb*>(actual.constScanLine(y));
        const auto* b = reinterpret_cast<const QRgb*>(baseline.constScanLine(y));
        auto* d = reinterpret_cast<QRgb*>(diff.scanLine(y));
        for (int x = 0; x < actual.width(); ++x) {
            const int dr = std::abs(qRed(a[x]) - qRed(b[x])),
                      dg = std::abs(qGreen(a[x]) - qGreen(b[x]));
            const int db = std::abs(qBlue(a[x]) - qBlue(b[x]));
            const bool differs = std::max({dr, dg, db}) > kChannelTolerance;
            differing += differs;
            const int grey = qGray(b[x]) / 2 + 127;
            d[x] = differs ? qRgb(255, 0, 0) : qRgb(grey, grey, grey);
        }
    }
    result.differingFraction =
        static_cast<double>(differing) / (static_cast<double>(actual.width()) * actual.height());
    if (result.differingFraction > kMaxDifferingFraction) {
        actual.save(actualPath, "PNG");
        diff.save(dir.filePath(name + ".diff.png"), "PNG");
        result.message = QString("%1 % of the pixels differ (tolerance %2 %); actual kept as %3")
                             .arg(100 * result.differingFraction, 0, 'f', 3)
                             .arg(100 * kMaxDifferingFraction)
                             .arg(actualPath);
    } else {
        QFile::remove(actualPath);
        QFile::remove(dir.filePath(name + ".diff.png"));
    }
    return result;
}

int countColour(const QImage& image, QRgb colour, int tolerance, const QRect& areaIn) {
    const QRect area = areaIn.isNull() ? image.rect() : areaIn.intersected(image.rect());
    int n = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            const QRgb p = image.pixel(x, y);
            if (std::abs(qRed(p) - qRed(colour)) <= tolerance &&
                std::abs(qGreen(p) - qGreen(colour)) <= tolerance &&
                std::abs(qBlue(p) - qBlue(colour)) <= tolerance) {
                ++n;
            }
        }
    }
    return n;
}

int distinctColours(const QImage& image, const QRect& area, int cap) {
    QSet<QRgb> seen;
    const QRect a = area.intersected(image.rect());
    for (int y = a.top(); y <= a.bottom() && seen.size() < cap; ++y) {
        for (int x = a.left(); x <= a.right(); ++x) seen.insert(image.pixel(x, y) & 0xFFFFFF);
    }
    return static_cast<int>(seen.size());
}

}  // namespace driftlab::test
