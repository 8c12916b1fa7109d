#pragma once
// A small 2-D plot painted with QPainter (DriftLab's own, instead of Qt Charts, which is
// deprecated after Qt 6.10): named series of (x, y) points drawn as lines and/or points, axes
// with ticks and labels, a legend, a log-scale y axis (non-positive values are skipped there), a
// vertical marker with a label, and an automatic range. Setters only store and schedule a
// repaint, so feeding it data many times a second costs nothing until Qt paints.
#include <QColor>
#include <QPointF>
#include <QString>
#include <QVector>
#include <QWidget>
#include <optional>
#include <vector>

class QPainter;

namespace driftlab {

class PlotView : public QWidget {
    Q_OBJECT
public:
    enum class Style { Lines, Points, LinesAndPoints };

    struct Axis {
        double lo = 0, hi = 1;      // the visible range, in axis units (log10(y) on a log axis)
        std::vector<double> ticks;  // labelled ticks, in axis units
        std::vector<double> minorTicks;
        bool log = false;
        double step = 1;  // between labelled ticks on a linear axis (what their labels resolve)
    };
    // Where things go in the widget for its current size and data (what paintEvent uses).
    struct Layout {
        bool empty = true;  // nothing to draw: no finite points (positive ones on a log axis)
        QRectF plot;        // the data area, in widget pixels
        Axis x, y;
    };

    explicit PlotView(QWidget* parent = nullptr);

    // Adds a series, or changes the look of an existing one (it keeps its points). Series are
    // drawn in the order they were added, so add faint background series first.
    void setSeries(const QString& name, const QColor& colour, Style style = Style::Lines,
                   double lineWidth = 1.6, bool inLegend = true);
    void setPoints(const QString& name, QVector<QPointF> points);
    void setSeriesVisible(const QString& name, bool visible);
    void removeAllSeries();
    void clearPoints();  // every series keeps its look, loses its points
    QStringList seriesNames() const;
    QVector<QPointF> points(const QString& name) const;

    void setTitle(const QString& title);
    void setAxisLabels(const QString& x, const QString& y);
    void setLogY(bool on);
    bool logY() const { return logY_; }
    // Integer ticks only on x (epochs).
    void setIntegerX(bool on);
    // A vertical line at x (the best epoch), with a label at its top; nullopt hides it.
    void setMarker(std::optional<double> x, const QString& label = {});
    std::optional<double> marker() const { return markerX_; }
    // Shown in the middle when there is nothing to draw.
    void setEmptyText(const QString& text);

    Layout layout() const;
    // The widget position of a data point, or nullopt when it is not drawn (non-finite, or not
    // positive on a log axis).
    std::optional<QPointF> toWidget(QPointF point) const;

    QSize sizeHint() const override { return {440, 230}; }
    QSize minimumSizeHint() const override { return {240, 150}; }

    // Tick positions for [lo, hi]: about `target` steps of 1, 2 or 5 times a power of ten.
    static std::vector<double> niceTicks(double lo, double hi, int target, double* step = nullptr);
    static QString formatTick(double value, double step);
    // The label of tick `t` (axis units) of `axis`: "2e-5" for small or large values, as
    // precise as the ticks are apart.
    static QString tickLabel(const Axis& axis, double t);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Series {
        QString name;
        QColor colour;
        Style style = Style::Lines;
        double lineWidth = 1.6;
        bool inLegend = true;
        bool visible = true;
        QVector<QPointF> points;
    };
    Series* find(const QString& name);
    const Series* find(const QString& name) const;
    Axis xAxis(double lo, double hi, double pixels) const;
    Axis yAxis(double lo, double hi, double pixels) const;
    double yValue(double y) const;  // data -> axis units (NaN when not drawable)
    static QPointF pixel(const Layout& l, double x, double yAxisUnits);
    int pointsIn(const QRectF& box, const Layout& l) const;  // drawn points inside, in pixels
    std::vector<const Series*> legendEntries() const;
    QRectF legendRect(const Layout& l) const;  // null when there is no legend
    void drawLegend(QPainter& p, const QRectF& box) const;

    std::vector<Series> series_;
    QString title_, xLabel_, yLabel_, markerLabel_, emptyText_;
    bool logY_ = false;
    bool integerX_ = false;
    std::optional<double> markerX_;
};

}  // namespace driftlab
