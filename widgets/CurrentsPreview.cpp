#include "CurrentsPreview.h"

#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace driftlab {

CurrentsPreview::CurrentsPreview(QWidget* parent) : QWidget(parent) {
    setObjectName("importPreview");
    setMinimumSize(360, 240);
}

void CurrentsPreview::setField(PreviewField field) {
    field_ = std::move(field);
    message_.clear();
    update();
}

void CurrentsPreview::setMessage(const QString& message) {
    field_ = {};
    message_ = message;
    update();
}

void CurrentsPreview::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    p.setRenderHint(QPainter::Antialiasing);
    arrows_ = 0;
    const PreviewField& f = field_;
    if (f.nx < 2 || f.ny < 2 || f.u.size() != static_cast<std::size_t>(f.nx) * f.ny) {
        p.setPen(palette().text().color());
        p.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap,
                   message_.isEmpty() ? tr("The first field shows here after detection.")
                                      : message_);
        return;
    }
    // The map keeps its shape: a degree of longitude is cos(latitude) of one of latitude.
    const double midLat = f.latMin + 0.5 * f.ny * f.dLat;
    const double w = f.nx * f.dLon * std::cos(midLat * M_PI / 180.0), h = f.ny * f.dLat;
    const QRectF area = QRectF(rect()).adjusted(64, 22, -10, -30);
    const double scale = std::min(area.width() / w, area.height() / h);
    const QRectF map(area.x() + 0.5 * (area.width() - w * scale),
                     area.y() + 0.5 * (area.height() - h * scale), w * scale, h * scale);
    const double cw = map.width() / f.nx, ch = map.height() / f.ny;
    const auto cellRect = [&](int i, int j) {
        return QRectF(map.x() + i * cw, map.bottom() - (j + 1) * ch, cw + 0.5, ch + 0.5);
    };
    // Speed, with its 98th percentile as the top of the colour ramp and the arrows' scale.
    std::vector<float> speeds;
    for (std::size_t k = 0; k < f.u.size(); ++k)
        if (f.ocean[k]) speeds.push_back(std::hypot(f.u[k], f.v[k]));
    float top = 0.1f;
    if (!speeds.empty()) {
        auto at = speeds.begin() + static_cast<std::ptrdiff_t>(0.98 * (speeds.size() - 1));
        std::nth_element(speeds.begin(), at, speeds.end());
        top = std::max(*at, 0.01f);
    }
    for (int j = 0; j < f.ny; ++j)
        for (int i = 0; i < f.nx; ++i) {
            const std::size_t k = static_cast<std::size_t>(j) * f.nx + i;
            if (!f.ocean[k]) {
                p.fillRect(cellRect(i, j), QColor(200, 196, 186));
                continue;
            }
            const double s = std::min(1.0, static_cast<double>(std::hypot(f.u[k], f.v[k]) / top));
            p.fillRect(cellRect(i, j), QColor::fromRgbF(0.93 - 0.55 * s, 0.96 - 0.45 * s,
                                                        1.0 - 0.25 * s));
        }
    // Arrows at least 16 pixels apart, about 22 across, each as long as the spacing at the top
    // speed.
    const int stride = std::max({1, std::max(f.nx, f.ny) / 22,
                                 static_cast<int>(std::ceil(16.0 / std::min(cw, ch)))});
    const double spacing = stride * std::min(cw, ch);
    p.setPen(QPen(QColor(20, 20, 40), 1.2));
    p.setBrush(QColor(20, 20, 40));
    const auto arrow = [&](QPointF from, double du, double dv) {
        const double len = spacing * 0.95 * std::hypot(du, dv) / top;
        if (len < 1.5) return false;
        const double ang = std::atan2(-dv, du);  // screen y runs down
        const QPointF to = from + QPointF(std::cos(ang) * len, std::sin(ang) * len);
        p.drawLine(from, to);
        const double head = std::min(6.0, 0.4 * len);
        QPainterPath tip;
        tip.moveTo(to);
        tip.lineTo(to - QPointF(std::cos(ang - 0.45) * head, std::sin(ang - 0.45) * head));
        tip.lineTo(to - QPointF(std::cos(ang + 0.45) * head, std::sin(ang + 0.45) * head));
        tip.closeSubpath();
        p.drawPath(tip);
        return true;
    };
    for (int j = stride / 2; j < f.ny; j += stride)
        for (int i = stride / 2; i < f.nx; i += stride) {
            const std::size_t k = static_cast<std::size_t>(j) * f.nx + i;
            if (!f.ocean[k]) continue;
            const QPointF c = cellRect(i, j).center();
            arrows_ += arrow(c, f.u[k], f.v[k]) ? 1 : 0;
        }
    // Frame, degrees, title and the arrows' scale.
    p.setBrush(Qt::NoBrush);
    p.setPen(palette().text().color());
    p.drawRect(map);
    const auto deg = [](double x) { return QString::number(x, 'f', 2) + QChar(0xb0); };
    p.drawText(QPointF(map.left(), map.bottom() + 14), deg(f.lonMin) + "E");
    const QString east = deg(f.lonMin + f.nx * f.dLon) + "E";
    p.drawText(QPointF(map.right() - p.fontMetrics().horizontalAdvance(east), map.bottom() + 14),
               east);
    const QString south = deg(f.latMin) + "N", north = deg(f.latMin + f.ny * f.dLat) + "N";
    p.drawText(QPointF(map.left() - 4 - p.fontMetrics().horizontalAdvance(south), map.bottom()),
               south);
    p.drawText(QPointF(map.left() - 4 - p.fontMetrics().horizontalAdvance(north), map.top() + 10),
               north);
    p.drawText(QRectF(0, 2, width(), 18), Qt::AlignHCenter, f.title);
    const QPointF key(map.left() + 4, height() - 8.0);
    p.setPen(QPen(QColor(20, 20, 40), 1.2));
    p.setBrush(QColor(20, 20, 40));
    arrow(key, top, 0);
    p.setPen(palette().text().color());
    p.drawText(key + QPointF(spacing + 8, 4), QString::number(top, 'f', 2) + " m/s");
}

}  // namespace driftlab
