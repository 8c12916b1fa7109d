#include <gtest/gtest.h>

#include <QImage>
#include <algorithm>
#include <cmath>

#include "ImageCheck.h"
#include "PlotView.h"

using namespace driftlab;

namespace {

bool near(QRgb p, QColor c, int tolerance) {
    return std::abs(qRed(p) - c.red()) <= tolerance &&
           std::abs(qGreen(p) - c.green()) <= tolerance &&
           std::abs(qBlue(p) - c.blue()) <= tolerance;
}

// The colour nearest to `colour` within a few pixels of `at` (lines are anti-aliased).
bool colourAround(const QImage& image, QPointF at, QColor colour, int radius = 2) {
    for (int dy = -radius; dy <= radius; ++dy)
        for (int dx = -radius; dx <= radius; ++dx) {
            const QPoint q(static_cast<int>(std::lround(at.x())) + dx,
                           static_cast<int>(std::lround(at.y())) + dy);
            if (image.rect().contains(q) && near(image.pixel(q), colour, 50)) return true;
        }
    return false;
}

QImage render(PlotView& plot) {
    plot.resize(400, 250);
    return plot.grab().toImage().convertToFormat(QImage::Format_RGB32);
}

}  // namespace

TEST(PlotView, NiceTicksAndLabels) {
    double step = 0;
    const auto ticks = PlotView::niceTicks(0.013, 0.87, 5, &step);
    EXPECT_DOUBLE_EQ(step, 0.2);
    ASSERT_EQ(ticks.size(), 4u);  // 0.2, 0.4, 0.6, 0.8
    EXPECT_NEAR(ticks.front(), 0.2, 1e-12);
    EXPECT_EQ(PlotView::formatTick(0.4, 0.2).toStdString(), "0.4");
    EXPECT_EQ(PlotView::formatTick(10, 5).toStdString(), "10");
    EXPECT_EQ(PlotView::formatTick(2.5e-5, 5e-6).toStdString(), "2.5e-5");
    EXPECT_EQ(PlotView::formatTick(0, 0.1).toStdString(), "0");
    EXPECT_TRUE(PlotView::niceTicks(1, 1, 5).empty());
}

TEST(PlotView, DrawsEachSeriesWhereItsPointsAre) {
    PlotView plot;
    const QColor red(220, 0, 0), blue(0, 0, 230);
    plot.setSeries("line", red, PlotView::Style::Lines, 3.0);
    plot.setSeries("dots", blue, PlotView::Style::Points, 2.0);
    plot.setPoints("line", {{0, 0}, {10, 10}});
    plot.setPoints("dots", {{2, 8}, {8, 2}});
    const QImage image = render(plot);
    const PlotView::Layout l = plot.layout();
    ASSERT_FALSE(l.empty);
    // The range holds every point, and the axis has labelled ticks.
    EXPECT_LE(l.x.lo, 0);
    EXPECT_GE(l.x.hi, 10);
    EXPECT_LT(l.y.lo, 0);
    EXPECT_GT(l.y.hi, 10);
    EXPECT_GE(l.x.ticks.size(), 3u);
    EXPECT_GE(l.y.ticks.size(), 3u);
    for (double t : {0.25, 0.5, 0.75}) {
        const auto at = plot.toWidget({10 * t, 10 * t});
        ASSERT_TRUE(at);
        EXPECT_TRUE(colourAround(image, *at, red)) << "no line at " << t;
    }
    for (QPointF d : {QPointF(2, 8), QPointF(8, 2)}) {
        const auto at = plot.toWidget(d);
        ASSERT_TRUE(at);
        EXPECT_TRUE(colourAround(image, *at, blue, 1)) << "no point at " << d.x();
    }
    // Nothing of either colour outside the plot area except the legend's samples.
    EXPECT_GT(test::countColour(image, red.rgb(), 50), 100);
    // A hidden series is neither drawn nor counted in the range.
    plot.setSeriesVisible("line", false);
    const QImage hidden = render(plot);
    EXPECT_LT(test::countColour(hidden, red.rgb(), 50), 5);
}

TEST(PlotView, LogScaleSkipsNonPositiveValuesAndSpacesDecadesEvenly) {
    PlotView plot;
    plot.setSeries("loss", QColor(0, 120, 0), PlotView::Style::LinesAndPoints);
    plot.setPoints("loss", {{0, -1}, {1, 1e-3}, {2, 1e-2}, {3, 1e-1}, {4, 1}, {5, 0}});
    plot.resize(400, 250);
    EXPECT_TRUE(plot.toWidget({0, -1}).has_value());  // linear: every point counts
    EXPECT_LE(plot.layout().y.lo, -1);

    plot.setLogY(true);
    EXPECT_TRUE(plot.logY());
    const PlotView::Layout l = plot.layout();
    EXPECT_TRUE(l.y.log);
    EXPECT_FALSE(plot.toWidget({0, -1}).has_value());
    EXPECT_FALSE(plot.toWidget({5, 0}).has_value());
    // The range is the positive values' (log10), with labelled decades.
    EXPECT_NEAR(l.y.lo, -3, 0.5);
    EXPECT_NEAR(l.y.hi, 0, 0.5);
    for (double decade : {-3.0, -2.0, -1.0, 0.0})
        EXPECT_NE(std::find(l.y.ticks.begin(), l.y.ticks.end(), decade), l.y.ticks.end()) << decade;
    std::vector<double> ys;
    for (int k = 1; k <= 4; ++k)
        ys.push_back(plot.toWidget({double(k), std::pow(10.0, k - 4)})->y());
    for (size_t k = 1; k < ys.size(); ++k) EXPECT_NEAR(ys[k] - ys[k - 1], ys[1] - ys[0], 0.01);
    EXPECT_LT(ys.back(), ys.front());  // up is larger
    const QImage image = render(plot);
    EXPECT_TRUE(colourAround(image, *plot.toWidget({2, 1e-2}), QColor(0, 120, 0)));
}

TEST(PlotView, MarkerAndEmptyPlot) {
    PlotView plot;
    plot.setEmptyText("nothing yet");
    plot.resize(300, 200);
    EXPECT_TRUE(plot.layout().empty);
    EXPECT_FALSE(plot.toWidget({1, 1}).has_value());
    EXPECT_FALSE(plot.grab().isNull());  // paints the frame and the text without data

    plot.setSeries("v", Qt::black);
    plot.setPoints("v", {{1, 1}, {2, 3}, {3, 2}});
    plot.setMarker(6.0, "best");
    EXPECT_GE(plot.layout().x.hi, 6);  // the marker is inside the range
    const QImage image = render(plot);
    const auto at = plot.toWidget({6, 2});
    ASSERT_TRUE(at);
    // A dashed vertical line: many marker-coloured pixels in its column.
    const int x = static_cast<int>(std::lround(at->x()));
    const QRect column(x - 1, 0, 3, image.height());
    EXPECT_GT(test::countColour(image, QColor(46, 125, 50).rgb(), 60, column), 40);
    plot.setMarker(std::nullopt);
    EXPECT_LE(plot.layout().x.hi, 3.5);
}

TEST(PlotView, LooksLikeItsBaseline) {
    PlotView plot;
    plot.setTitle("Loss");
    plot.setAxisLabels("epoch", "loss");
    plot.setSeries("raw", QColor(31, 119, 180, 70), PlotView::Style::Lines, 1.0);
    plot.setSeries("smoothed", QColor(31, 119, 180), PlotView::Style::Lines, 2.0);
    plot.setSeries("validation", QColor(255, 127, 14), PlotView::Style::LinesAndPoints, 2.0);
    QVector<QPointF> raw, smooth, val;
    for (int i = 1; i <= 60; ++i) {
        const double x = i / 10.0;
        const double y = 0.5 * std::exp(-x / 2) + 0.05 + 0.03 * std::sin(i * 1.7);
        raw.push_back({x, y});
        smooth.push_back({x, 0.5 * std::exp(-x / 2) + 0.05});
    }
    for (int e = 1; e <= 6; ++e) val.push_back({double(e), 0.5 * std::exp(-e / 2.2) + 0.07});
    plot.setPoints("raw", raw);
    plot.setPoints("smoothed", smooth);
    plot.setPoints("validation", val);
    plot.setMarker(6.0, "best: epoch 6");
    plot.resize(420, 240);
    const QImage image = plot.grab().toImage();
    const test::ImageComparison c = test::compareWithBaseline(image, "plot_view_loss");
    EXPECT_TRUE(c.sameSize) << c.message.toStdString();
    EXPECT_LE(c.differingFraction, 0.005) << c.message.toStdString();
}

// The rollout panel's MAE per day (values 1e-5 .. 1e-4, a plot about 150 px high): every
// labelled tick of the y axis has a label of its own that reads back as the tick's value (the
// labels were all "0": one tick, formatted as if a unit apart).
TEST(PlotView, SmallValuesGetDistinctLabelsThatReadBackAsTheirTicks) {
    EXPECT_EQ(PlotView::formatTick(1e-4, 5e-5).toStdString(), "1e-4");
    EXPECT_EQ(PlotView::formatTick(2e-5, 2e-5).toStdString(), "2e-5");
    for (const int height : {110, 150, 230, 400})
        for (const double top : {1e-4, 1.3e-4, 2e-5}) {
            SCOPED_TRACE(testing::Message() << height << " px, 1e-5 .. " << top);
            PlotView plot;
            plot.setTitle("MAE per day against the simulation");
            plot.setAxisLabels("day", "MAE");
            plot.setSeries("model", QColor(230, 110, 0), PlotView::Style::LinesAndPoints);
            QVector<QPointF> points;
            for (int day = 1; day <= 10; ++day)
                points.append({static_cast<double>(day), 1e-5 + (top - 1e-5) * (day - 1) / 9.0});
            plot.setPoints("model", points);
            plot.resize(330, height);
            const PlotView::Layout l = plot.layout();
            ASSERT_FALSE(l.empty);
            ASSERT_GE(l.y.ticks.size(), 2u);
            QStringList labels;
            for (const double t : l.y.ticks) {
                const QString text = PlotView::tickLabel(l.y, t);
                bool ok = false;
                const double value = text.toDouble(&ok);
                EXPECT_TRUE(ok) << text.toStdString();
                EXPECT_NEAR(value, t, 1e-6 * l.y.step) << text.toStdString();
                labels << text;
            }
            labels.removeDuplicates();
            EXPECT_EQ(static_cast<std::size_t>(labels.size()), l.y.ticks.size())
                << labels.join(" ").toStdString();
        }
}
