#include "PlotView.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <limits>

namespace driftlab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const QColor kText(50, 50, 50);
const QColor kFrame(150, 150, 150);
const QColor kGrid(228, 228, 228);
const QColor kMinorGrid(242, 242, 242);
const QColor kMarker(46, 125, 50);
constexpr double kLegendSample = 18, kLegendGap = 6, kLegendPad = 5;

// "1.5e-05" -> "1.5e-5", "2e+03" -> "2e3", "1.0e-04" -> "1e-4": shorter labels.
QString tidyExponent(QString s) {
    s.replace("e+0", "e").replace("e+", "e").replace("e-0", "e-");
    const qsizetype e = s.indexOf('e');
    if (e > 0 && s.left(e).contains('.')) {
        qsizetype end = e;
        while (s[end - 1] == '0') --end;
        if (s[end - 1] == '.') --end;
        s.remove(end, e - end);
    }
    return s;
}

QString formatLogTick(double v) {
    if (v >= 1e-3 && v < 1e5) return QString::number(v, 'g', 3);
    const double e = std::floor(std::log10(v) + 1e-9);
    const double m = v / std::pow(10.0, e);
    const QString exponent = QString("e%1").arg(static_cast<int>(e));
    if (std::abs(m - 1) < 1e-6) return "1" + exponent;
    return QString::number(m, 'g', 2) + exponent;
}

}  // namespace

PlotView::PlotView(QWidget* parent) : QWidget(parent) {
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

PlotView::Series* PlotView::find(const QString& name) {
    for (Series& s : series_)
        if (s.name == name) return &s;
    return nullptr;
}
const PlotView::Series* PlotView::find(const QString& name) const {
    for (const Series& s : series_)
        if (s.name == name) return &s;
    return nullptr;
}

void PlotView::setSeries(const QString& name, const QColor& colour, Style style, double lineWidth,
                         bool inLegend) {
    Series* s = find(name);
    if (!s) {
        series_.push_back(Series{});
        s = &series_.back();
        s->name = name;
    }
    s->colour = colour;
    s->style = style;
    s->lineWidth = lineWidth;
    s->inLegend = inLegend;
    update();
}

void PlotView::setPoints(const QString& name, QVector<QPointF> points) {
    if (Series* s = find(name)) {
        s->points = std::move(points);
        update();
    }
}

void PlotView::setSeriesVisible(const QString& name, bool visible) {
    if (Series* s = find(name)) {
        s->visible = visible;
        update();
    }
}

void PlotView::removeAllSeries() {
    series_.clear();
    update();
}

void PlotView::clearPoints() {
    for (Series& s : series_) s.points.clear();
    update();
}

QStringList PlotView::seriesNames() const {
    QStringList names;
    for (const Series& s : series_) names << s.name;
    return names;
}

QVector<QPointF> PlotView::points(const QString& name) const {
    const Series* s = find(name);
    return s ? s->points : QVector<QPointF>{};
}

void PlotView::setTitle(const QString& title) {
    title_ = title;
    update();
}
void PlotView::setAxisLabels(const QString& x, const QString& y) {
    xLabel_ = x;
    yLabel_ = y;
    update();
}
void PlotView::setLogY(bool on) {
    logY_ = on;
    update();
}
void PlotView::setIntegerX(bool on) {
    integerX_ = on;
    update();
}
void PlotView::setMarker(std::optional<double> x, const QString& label) {
    markerX_ = x;
    markerLabel_ = label;
    update();
}
void PlotView::setEmptyText(const QString& text) {
    emptyText_ = text;
    update();
}

double PlotView::yValue(double y) const {
    if (!std::isfinite(y)) return kNaN;
    if (!logY_) return y;
    return y > 0 ? std::log10(y) : kNaN;
}

std::vector<double> PlotView::niceTicks(double lo, double hi, int target, double* stepOut) {
    std::vector<double> ticks;
    if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) {
        if (stepOut) *stepOut = 1;
        return ticks;
    }
    const double raw = (hi - lo) / std::max(1, target);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double norm = raw / magnitude;
    const double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * magnitude;
    if (stepOut) *stepOut = step;
    const double eps = 1e-9 * step;
    for (double k = std::ceil(lo / step - 1e-9); k * step <= hi + eps && ticks.size() < 1000; ++k)
        ticks.push_back(std::abs(k) < 1e-12 ? 0.0 : k * step);
    return ticks;
}

QString PlotView::formatTick(double value, double step) {
    if (std::abs(value) < step * 1e-6) return "0";
    const double size = std::max(std::abs(value), step);
    if (size >= 1e5 || size < 1e-3) {
        const int digits = std::clamp(static_cast<int>(std::floor(std::log10(std::abs(value))) -
                                                       std::floor(std::log10(step) + 1e-9)),
                                      0, 6);
        return tidyExponent(QString::number(value, 'e', digits));
    }
    const int decimals = std::max(0, static_cast<int>(-std::floor(std::log10(step) + 1e-9)));
    return QString::number(value, 'f', decimals);
}

QString PlotView::tickLabel(const Axis& axis, double t) {
    return axis.log ? formatLogTick(std::pow(10.0, t)) : formatTick(t, axis.step);
}

PlotView::Axis PlotView::xAxis(double lo, double hi, double pixels) const {
    Axis a;
    if (hi <= lo) {
        lo -= integerX_ ? 1 : 0.5;
        hi += integerX_ ? 1 : 0.5;
    }
    double step = 1;
    niceTicks(lo, hi, std::max(2, static_cast<int>(pixels / 70)), &step);
    if (integerX_) step = std::max(1.0, std::round(step));
    // Loose labelling: the axis ends on ticks.
    a.lo = std::floor(lo / step + 1e-9) * step;
    a.hi = std::ceil(hi / step - 1e-9) * step;
    for (double k = std::round(a.lo / step); k * step <= a.hi + 1e-9 * step; ++k)
        a.ticks.push_back(k * step);
    a.step = step;
    // A little room at both ends, so that points on the first and last tick are not cut.
    const double margin = 0.02 * (a.hi - a.lo);
    a.lo -= margin;
    a.hi += margin;
    return a;
}

PlotView::Axis PlotView::yAxis(double lo, double hi, double pixels) const {
    Axis a;
    a.log = logY_;
    if (hi <= lo) {
        const double half = logY_ ? 0.5 : (lo != 0 ? std::abs(lo) * 0.1 : 1);
        lo -= half;
        hi += half;
    }
    const double pad = 0.06 * (hi - lo);
    a.lo = lo - pad;
    a.hi = hi + pad;
    const int target = std::max(2, static_cast<int>(pixels / 38));
    if (!logY_) {
        // At least two labelled ticks, however short the axis: one label alone says nothing of
        // the scale.
        for (int t = target; t <= target + 4; ++t) {
            a.ticks = niceTicks(a.lo, a.hi, t, &a.step);
            if (a.ticks.size() >= 2) break;
        }
        return a;
    }
    for (double d = std::ceil(a.lo); d <= a.hi; ++d) a.ticks.push_back(d);
    if (a.ticks.size() >= 2) {
        if (a.hi - a.lo <= 8) {
            for (double d = std::floor(a.lo); d <= a.hi; ++d)
                for (int m = 2; m <= 9; ++m) {
                    const double t = d + std::log10(m);
                    if (t >= a.lo && t <= a.hi) a.minorTicks.push_back(t);
                }
        }
        if (static_cast<int>(a.ticks.size()) > target) {  // thin out the decades
            std::vector<double> thin;
            const size_t every = (a.ticks.size() + target - 1) / target;
            for (size_t i = 0; i < a.ticks.size(); i += every) thin.push_back(a.ticks[i]);
            a.ticks = thin;
        }
        return a;
    }
    // Less than two decades in view: 1, 2, 5 times powers of ten, else plain nice values.
    a.ticks.clear();
    for (double d = std::floor(a.lo); d <= a.hi; ++d)
        for (int m : {1, 2, 5}) {
            const double t = d + std::log10(m);
            if (t >= a.lo && t <= a.hi) a.ticks.push_back(t);
        }
    if (a.ticks.size() < 3) {
        a.ticks.clear();
        for (double v : niceTicks(std::pow(10.0, a.lo), std::pow(10.0, a.hi), target))
            if (v > 0) a.ticks.push_back(std::log10(v));
    }
    return a;
}

PlotView::Layout PlotView::layout() const {
    Layout l;
    double x0 = std::numeric_limits<double>::infinity(), x1 = -x0, y0 = x0, y1 = -x0;
    for (const Series& s : series_) {
        if (!s.visible) continue;
        for (const QPointF& p : s.points) {
            const double y = yValue(p.y());
            if (!std::isfinite(p.x()) || !std::isfinite(y)) continue;
            x0 = std::min(x0, p.x());
            x1 = std::max(x1, p.x());
            y0 = std::min(y0, y);
            y1 = std::max(y1, y);
        }
    }
    l.empty = !(x1 >= x0);
    if (l.empty) {
        x0 = 0;
        x1 = 1;
        y0 = logY_ ? -1 : 0;
        y1 = logY_ ? 0 : 1;
    } else if (markerX_ && std::isfinite(*markerX_)) {
        x0 = std::min(x0, *markerX_);
        x1 = std::max(x1, *markerX_);
    }

    const QFontMetricsF fm(font());
    const double lineHeight = fm.height();
    const double top = title_.isEmpty() ? lineHeight * 0.8 : lineHeight * 1.7;
    const double bottom = 6 + lineHeight * (xLabel_.isEmpty() ? 1.3 : 2.5);
    l.y = yAxis(y0, y1, std::max(20.0, height() - top - bottom));
    double labelWidth = 0;
    for (double t : l.y.ticks) {
        const QString text = tickLabel(l.y, t);
        labelWidth = std::max(labelWidth, fm.horizontalAdvance(text));
    }
    const double left = 10 + labelWidth + (yLabel_.isEmpty() ? 0 : lineHeight + 4);
    const double right = 16;
    l.plot = QRectF(left, top, std::max(20.0, width() - left - right),
                    std::max(20.0, height() - top - bottom));
    l.x = xAxis(x0, x1, l.plot.width());
    return l;
}

std::optional<QPointF> PlotView::toWidget(QPointF point) const {
    const Layout l = layout();
    const double y = yValue(point.y());
    if (l.empty || !std::isfinite(point.x()) || !std::isfinite(y)) return std::nullopt;
    return QPointF(l.plot.left() + (point.x() - l.x.lo) / (l.x.hi - l.x.lo) * l.plot.width(),
                   l.plot.bottom() - (y - l.y.lo) / (l.y.hi - l.y.lo) * l.plot.height());
}

void PlotView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), Qt::white);
    p.setRenderHint(QPainter::Antialiasing);
    const Layout l = layout();
    const QRectF& r = l.plot;
    const QFontMetricsF fm(font());
    auto px = [&](double x) { return r.left() + (x - l.x.lo) / (l.x.hi - l.x.lo) * r.width(); };
    auto py = [&](double y) { return r.bottom() - (y - l.y.lo) / (l.y.hi - l.y.lo) * r.height(); };

    if (!title_.isEmpty()) {
        QFont bold = font();
        bold.setBold(true);
        p.setFont(bold);
        p.setPen(kText);
        p.drawText(QPointF(r.left(), fm.ascent() + 3), title_);
        p.setFont(font());
    }

    // Grid and ticks.
    if (!l.empty) {
        p.setPen(QPen(kMinorGrid, 1));
        for (double t : l.y.minorTicks)
            p.drawLine(QPointF(r.left(), py(t)), QPointF(r.right(), py(t)));
        p.setPen(QPen(kGrid, 1));
        for (double t : l.y.ticks) p.drawLine(QPointF(r.left(), py(t)), QPointF(r.right(), py(t)));
        for (double t : l.x.ticks) p.drawLine(QPointF(px(t), r.top()), QPointF(px(t), r.bottom()));
        p.setPen(kText);
        for (double t : l.y.ticks) {
            const QString text = tickLabel(l.y, t);
            const double w = fm.horizontalAdvance(text);
            p.drawText(QPointF(r.left() - 6 - w, py(t) + fm.ascent() / 2 - 1), text);
        }
        for (double t : l.x.ticks) {
            const QString text = tickLabel(l.x, t);
            const double w = fm.horizontalAdvance(text);
            p.drawText(QPointF(px(t) - w / 2, r.bottom() + 4 + fm.ascent()), text);
        }
    }
    p.setPen(kText);
    if (!xLabel_.isEmpty()) {
        const double w = fm.horizontalAdvance(xLabel_);
        p.drawText(QPointF(r.center().x() - w / 2, r.bottom() + 6 + fm.height() + fm.ascent()),
                   xLabel_);
    }
    if (!yLabel_.isEmpty()) {
        p.save();
        p.translate(4 + fm.ascent(), r.center().y() + fm.horizontalAdvance(yLabel_) / 2);
        p.rotate(-90);
        p.drawText(QPointF(0, 0), yLabel_);
        p.restore();
    }

    if (l.empty) {
        p.setPen(QPen(kFrame, 1));
        p.drawRect(r);
        p.setPen(QColor(140, 140, 140));
        p.drawText(r, Qt::AlignCenter, emptyText_);
        return;
    }

    const QRectF legend = legendRect(l);
    p.save();
    p.setClipRect(r.adjusted(-1, -1, 1, 1));
    if (markerX_ && std::isfinite(*markerX_)) {
        QPen pen(kMarker, 1.4, Qt::DashLine);
        p.setPen(pen);
        const double x = px(*markerX_);
        p.drawLine(QPointF(x, r.top()), QPointF(x, r.bottom()));
        if (!markerLabel_.isEmpty()) {
            // Beside the line at the bottom or the top, right or left of it: where it hides the
            // fewest points and not the legend; on a light backing, legible over the curves.
            const double w = fm.horizontalAdvance(markerLabel_) + 4, h = fm.height() + 1;
            const double top = r.top() + 5, bottom = r.bottom() - 5 - h;
            const QRectF candidates[] = {QRectF(x + 3, bottom, w, h),
                                         QRectF(x - 3 - w, bottom, w, h), QRectF(x + 3, top, w, h),
                                         QRectF(x - 3 - w, top, w, h)};
            QRectF box;
            double best = std::numeric_limits<double>::infinity();
            for (const QRectF& c : candidates) {
                double cost = pointsIn(c.adjusted(-3, -3, 3, 3), l);
                if (c.left() < r.left() || c.right() > r.right()) cost += 1e6;
                if (!legend.isNull() && c.intersects(legend)) cost += 1e5;
                if (cost < best) {
                    best = cost;
                    box = c;
                }
            }
            p.fillRect(box, QColor(255, 255, 255, 200));
            p.drawText(QPointF(box.left() + 2, box.top() + fm.ascent()), markerLabel_);
        }
    }
    for (const Series& s : series_) {
        if (!s.visible || s.points.isEmpty()) continue;
        if (s.style != Style::Points) {
            QPainterPath path;
            bool open = false;
            for (const QPointF& d : s.points) {
                const double y = yValue(d.y());
                if (!std::isfinite(d.x()) || !std::isfinite(y)) {
                    open = false;  // a gap where a value cannot be drawn
                    continue;
                }
                const QPointF q(px(d.x()), py(y));
                if (open) {
                    path.lineTo(q);
                } else {
                    path.moveTo(q);
                    open = true;
                }
            }
            p.setPen(QPen(s.colour, s.lineWidth, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p.setBrush(Qt::NoBrush);
            p.drawPath(path);
        }
        if (s.style != Style::Lines) {
            p.setPen(Qt::NoPen);
            p.setBrush(s.colour);
            const double radius = std::max(2.2, s.lineWidth + 1.0);
            for (const QPointF& d : s.points) {
                const double y = yValue(d.y());
                if (std::isfinite(d.x()) && std::isfinite(y))
                    p.drawEllipse(QPointF(px(d.x()), py(y)), radius, radius);
            }
        }
    }
    p.restore();
    p.setPen(QPen(kFrame, 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(r);
    drawLegend(p, legend);
}

QPointF PlotView::pixel(const Layout& l, double x, double yAxisUnits) {
    return QPointF(l.plot.left() + (x - l.x.lo) / (l.x.hi - l.x.lo) * l.plot.width(),
                   l.plot.bottom() - (yAxisUnits - l.y.lo) / (l.y.hi - l.y.lo) * l.plot.height());
}

int PlotView::pointsIn(const QRectF& box, const Layout& l) const {
    int n = 0;
    for (const Series& s : series_) {
        if (!s.visible) continue;
        for (const QPointF& d : s.points) {
            const double y = yValue(d.y());
            if (std::isfinite(d.x()) && std::isfinite(y) && box.contains(pixel(l, d.x(), y))) ++n;
        }
    }
    return n;
}

std::vector<const PlotView::Series*> PlotView::legendEntries() const {
    std::vector<const Series*> shown;
    for (const Series& s : series_)
        if (s.visible && s.inLegend && !s.points.isEmpty()) shown.push_back(&s);
    return shown;
}

QRectF PlotView::legendRect(const Layout& l) const {
    const auto shown = legendEntries();
    if (shown.empty()) return {};
    const QFontMetricsF fm(font());
    double textWidth = 0;
    for (const Series* s : shown) textWidth = std::max(textWidth, fm.horizontalAdvance(s->name));
    const QSizeF size(kLegendPad * 2 + kLegendSample + kLegendGap + textWidth,
                      kLegendPad * 2 + (fm.height() + 1) * static_cast<double>(shown.size()) - 1);
    // The corner that hides the fewest points (top right first), like matplotlib's "best".
    const QRectF& r = l.plot;
    const double m = 6;
    const QRectF corners[] = {
        QRectF(QPointF(r.right() - m - size.width(), r.top() + m), size),
        QRectF(QPointF(r.left() + m, r.top() + m), size),
        QRectF(QPointF(r.right() - m - size.width(), r.bottom() - m - size.height()), size),
        QRectF(QPointF(r.left() + m, r.bottom() - m - size.height()), size)};
    QRectF best = corners[0];
    int fewest = -1;
    for (const QRectF& corner : corners) {
        const int hidden = pointsIn(corner.adjusted(-4, -4, 4, 4), l);
        if (fewest < 0 || hidden < fewest) {
            fewest = hidden;
            best = corner;
        }
    }
    return best;
}

void PlotView::drawLegend(QPainter& p, const QRectF& box) const {
    const auto shown = legendEntries();
    if (shown.empty() || box.isNull()) return;
    const QFontMetricsF fm(font());
    const double row = fm.height() + 1;
    p.setPen(QPen(QColor(200, 200, 200), 1));
    p.setBrush(QColor(255, 255, 255, 225));
    p.drawRect(box);
    for (size_t i = 0; i < shown.size(); ++i) {
        const Series& s = *shown[i];
        const double cy = box.top() + kLegendPad + row * (static_cast<double>(i) + 0.5);
        const double x = box.left() + kLegendPad;
        // The legend shows the colour at full strength even for a faint series.
        QColor c = s.colour;
        c.setAlpha(std::max(c.alpha(), 110));
        if (s.style != Style::Points) {
            p.setPen(QPen(c, std::max(2.0, s.lineWidth)));
            p.drawLine(QPointF(x, cy), QPointF(x + kLegendSample, cy));
        }
        if (s.style != Style::Lines) {
            p.setPen(Qt::NoPen);
            p.setBrush(c);
            p.drawEllipse(QPointF(x + kLegendSample / 2, cy), 3, 3);
        }
        p.setPen(kText);
        p.drawText(QPointF(x + kLegendSample + kLegendGap, cy + fm.ascent() / 2 - 1), s.name);
    }
}

}  // namespace driftlab
