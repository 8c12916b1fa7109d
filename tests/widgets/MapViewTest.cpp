#include <gtest/gtest.h>

#include <QApplication>
#include <QWheelEvent>
#include <cmath>
#include <memory>
#include <set>

#include "ImageCheck.h"
#include "MapLayout.h"
#include "MapSplit.h"
#include "MapView.h"
#include "MassRegionField.h"
#include "OffscreenMap.h"
#include "SceneBuilder.h"
#include "TestDataset.h"
#include "stats/DriftMetrics.h"

using namespace driftlab;

namespace {

constexpr int kW = 900, kH = 520;

// The small dataset on a map view of kW x kH that is never shown on screen.
struct OffscreenScene {
    std::shared_ptr<const DriftDataset> ds = std::make_shared<const DriftDataset>(
        DriftDataset::open(test::smallDatasetPath().toStdString()));
    SceneBuilder scene{ds};
    MapView view;
    OffscreenScene() { test::prepareOffscreenMap(view, *ds, kW, kH); }
};

// One sample drawn by a view that shows nothing else; the streamlines' count in `streamlines`.
QImage render(const SceneOptions& o, int release, int day, int* streamlines = nullptr) {
    OffscreenScene f;
    auto& [ds, scene, view] = f;
    scene.apply(view, scene.load(release, day), o);
    if (streamlines) *streamlines = view.streamlineCount();
    EXPECT_TRUE(view.renderNow()) << "no OpenGL context";
    return view.renderImage(kW, kH);
}

// With `streamlines`, the currents are drawn as streamlines instead of arrows and their count is
// stored there.
QImage render(const QString& layer, int release, int day, bool logScale = true,
              int* streamlines = nullptr) {
    SceneOptions o;
    o.layer = parseLayer(layer);
    o.logScale = logScale;
    if (streamlines) {
        o.streamlines = true;
        o.arrows = false;
    }
    return render(o, release, day, streamlines);
}

}  // namespace

TEST(MapView, DensityViewMatchesItsBaseline) {
    const QImage image = render("density", 3, 2);
    ASSERT_FALSE(image.isNull());
    const auto cmp = test::compareWithBaseline(image, "map_density_r3_d2");
    EXPECT_TRUE(cmp.sameSize && cmp.differingFraction <= 0.005) << cmp.message.toStdString();
}

TEST(MapView, SpeedViewMatchesItsBaseline) {
    const QImage image = render("speed", 7, 4);
    ASSERT_FALSE(image.isNull());
    const auto cmp = test::compareWithBaseline(image, "map_speed_r7_d4");
    EXPECT_TRUE(cmp.sameSize && cmp.differingFraction <= 0.005) << cmp.message.toStdString();
}

TEST(MapView, StreamlinesAreDrawnAndMatchTheirBaseline) {
    int count = 0;
    const QImage withLines = render("density", 7, 4, true, &count);
    ASSERT_FALSE(withLines.isNull());
    EXPECT_GE(count, 10);
    const auto cmp = test::compareWithBaseline(withLines, "map_streamlines_r7_d4");
    EXPECT_TRUE(cmp.sameSize && cmp.differingFraction <= 0.005) << cmp.message.toStdString();
    // The lines' dark blue is on the map with streamlines and not without.
    const QImage plain = render("density", 7, 4);
    const QRgb blue = qRgb(13, 51, 102);
    const int linePixels = test::countColour(withLines, blue, 40);
    EXPECT_GT(linePixels, kW * kH / 400);
    EXPECT_LT(test::countColour(plain, blue, 40), linePixels / 20);
}

TEST(MapView, TheLayersAreActuallyThere) {
    const QImage image = render("density", 3, 2);
    ASSERT_FALSE(image.isNull());
    // Not black, not empty: many colours, little pure black.
    EXPECT_GT(test::distinctColours(image, image.rect()), 200);
    EXPECT_LT(test::countColour(image, qRgb(0, 0, 0), 4), kW * kH / 50);
    // The colour bar (right side) carries the colour map: many distinct colours.
    EXPECT_GT(test::distinctColours(
                  image, QRect(kW * 80 / 100, kH * 16 / 100, kW * 2 / 100, kH * 70 / 100)),
              60);
    // The coastline: a few thousand near-black pixels inside the map frame.
    EXPECT_GT(test::countColour(image, qRgb(13, 13, 13), 40,
                                QRect(kW / 10, kH / 10, kW * 7 / 10, kH * 8 / 10)),
              400);
    // Land is drawn in its own colour.
    EXPECT_GT(test::countColour(image, qRgb(204, 199, 189), 6), kW * kH / 20);
    // The 50 % mass contour (crimson).
    EXPECT_GT(test::countColour(image, qRgb(191, 13, 89), 45), 15);
}

// The decorations (coastline, axes, colour bar, legends) are drawn once and kept; the data are
// drawn again for each sample. A kept layer must never show a stale picture. With a colour range
// per sample the colour bar changes with every sample and is drawn with the data instead.
TEST(MapView, SwitchingSamplesRedrawsOnlyTheDataAndLeavesNothingBehind) {
    for (const bool datasetRange : {true, false}) {
        SCOPED_TRACE(datasetRange ? "range over the dataset" : "range per sample");
        OffscreenScene f;
        auto& [ds, scene, view] = f;
        SceneOptions o;
        o.layer = Layer::Density;
        o.datasetRange = datasetRange;
        auto browse = [&](int from) {
            for (int k = from; k < from + 12; ++k) {
                scene.apply(view, scene.load(k % ds->releaseCount(), k % (ds->outputDays() + 1)),
                            o);
                ASSERT_TRUE(view.renderNow()) << "no OpenGL context";
            }
        };
        browse(0);
        const int passes = view.decorationPasses();
        EXPECT_GE(passes, 1);
        browse(5);
        EXPECT_EQ(view.decorationPasses(), passes);
        scene.apply(view, scene.load(3, 2), o);
        const QImage afterBrowsing = view.renderImage(kW, kH);
        // The same sample drawn by a view that never showed another.
        const QImage fresh = render(o, 3, 2);
        ASSERT_EQ(afterBrowsing.size(), fresh.size());
        EXPECT_EQ(afterBrowsing, fresh);
    }
}

TEST(MapView, KeptDecorationsFollowTheLayersAndTheView) {
    OffscreenScene f;
    auto& [ds, scene, view] = f;
    SceneOptions o;
    o.layer = Layer::Density;
    o.arrows = false;  // dark too, like the coastline
    scene.apply(view, scene.load(3, 2), o);
    const QRect inside(kW / 10, kH / 10, kW * 7 / 10, kH * 8 / 10);
    const QRgb coast = qRgb(13, 13, 13);
    const QImage before = view.renderImage(kW, kH);
    const int coastPixels = test::countColour(before, coast, 40, inside);
    ASSERT_GT(coastPixels, 400);
    int passes = view.decorationPasses();

    view.setCoastlineVisible(false);
    const QImage noCoast = view.renderImage(kW, kH);
    EXPECT_EQ(view.decorationPasses(), ++passes);
    // (The densest cells are near-black too.)
    EXPECT_LT(test::countColour(noCoast, coast, 40, inside), coastPixels / 2);
    view.setCoastlineVisible(true);
    EXPECT_EQ(view.renderImage(kW, kH), before);
    EXPECT_EQ(view.decorationPasses(), ++passes);

    // Another colour range: the colour bar's labels change.
    SceneOptions perSample = o;
    perSample.datasetRange = false;
    scene.apply(view, scene.load(3, 2), perSample);
    const QImage otherRange = view.renderImage(kW, kH);
    EXPECT_EQ(view.decorationPasses(), ++passes);
    const QRect bar(kW * 85 / 100, 0, kW * 15 / 100, kH);
    EXPECT_NE(otherRange.copy(bar), before.copy(bar));

    // Panned: the coastline and the axes move with the view.
    ViewState moved = view.viewState();
    moved.centreX += 0.1 * moved.halfHeight;
    view.setViewState(moved);
    const QImage panned = view.renderImage(kW, kH);
    EXPECT_EQ(view.decorationPasses(), ++passes);
    EXPECT_NE(panned.copy(inside), otherRange.copy(inside));
    view.setViewState(moved);  // the same view again: nothing to draw again
    view.renderImage(kW, kH);
    EXPECT_EQ(view.decorationPasses(), passes);
}

namespace {

// A density map whose top-mass regions end inside groups of tied and nearly tied cells: a
// plateau of equal cells, cells a float rounding apart (topMassRegion's tolerance), land cells
// with mass (not scored) and a negative cell (counts as 0).
struct TiedMap {
    Grid grid{4.0, 41.0, 0.25, 0.25, 14, 11};
    std::vector<std::uint8_t> ocean;
    std::vector<float> density;
    explicit TiedMap(float shift = 0.0f) {
        const std::size_t n = grid.cellCount();
        ocean.assign(n, 1);
        density.assign(n, 0.0f);
        auto at = [&](int i, int j) { return static_cast<std::size_t>(j) * grid.nx + i; };
        for (int j = 3; j < 8; ++j)
            for (int i = 4; i < 9; ++i) density[at(i, j)] = 0.02f;  // the plateau
        density[at(6, 5)] = 0.05f;
        density[at(2, 2)] = 0.02f * (1.0f + 3e-7f);  // a near tie of the plateau
        density[at(11, 8)] = 0.02f * (1.0f - 3e-7f);
        for (int i = 0; i < grid.nx; ++i) density[at(i, 9)] = 0.004f + shift;  // a tied row
        density[at(12, 2)] = -0.01f;
        for (int i = 0; i < 3; ++i) {
            ocean[at(i, 10)] = 0;
            density[at(i, 10)] = 0.03f;  // land: not in any region
        }
    }
};

// The grid edges (between neighbouring cell centres) a contour's vertices lie on, and the edges
// between a cell in `region` and one outside it: a contour crossing exactly those edges, once
// each, parts exactly the region's cells from the others.
using Edge = std::pair<std::size_t, std::size_t>;
std::set<Edge> crossedEdges(const Grid& g, const std::vector<std::pair<double, double>>& points,
                            bool& allOnEdges) {
    std::set<Edge> out;
    allOnEdges = true;
    // A vertex may lie close to a cell centre (a region cell of about the level): float
    // coordinates are far closer still.
    const double tol = 1e-4 * g.dLat;
    for (const auto& [lon, lat] : points) {
        const double fi = (lon - g.lon(0)) / g.dLon, fj = (lat - g.lat(0)) / g.dLat;
        const long ri = std::lround(fi), rj = std::lround(fj);
        const bool onRow = std::abs(fj - rj) * g.dLat < tol, onColumn = std::abs(fi - ri) * g.dLon < tol;
        if (onRow == onColumn) {  // on a cell centre, or off the grid's lines
            allOnEdges = false;
            continue;
        }
        const auto i0 = static_cast<std::size_t>(onRow ? std::floor(fi) : ri);
        const auto j0 = static_cast<std::size_t>(onRow ? rj : std::floor(fj));
        const std::size_t a = j0 * g.nx + i0;
        out.insert({a, onRow ? a + 1 : a + g.nx});
    }
    return out;
}

std::set<Edge> regionEdges(const Grid& g, const std::vector<std::uint8_t>& region) {
    std::set<Edge> out;
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const std::size_t c = static_cast<std::size_t>(j) * g.nx + i;
            if (i + 1 < g.nx && region[c] != region[c + 1]) out.insert({c, c + 1});
            if (j + 1 < g.ny && region[c] != region[c + g.nx]) out.insert({c, c + g.nx});
        }
    return out;
}

}  // namespace

// The 50 % / 90 % contours drawn are the regions the IoU scores (stats/DriftMetrics), ties,
// near ties, land and negative cells included, for one map and for both maps of a comparison.
TEST(MapView, MassContoursAreExactlyTheScoredRegions) {
    const TiedMap truth, predicted(0.001f);
    MapView view;
    view.setGrid(truth.grid, truth.ocean);
    for (const bool comparison : {false, true}) {
        if (comparison)
            view.setComparisonContours(truth.density, predicted.density);
        else
            view.setContours(truth.density);
        for (const bool ofPrediction : {false, true}) {
            if (ofPrediction && !comparison) continue;
            const TiedMap& map = ofPrediction ? predicted : truth;
            for (const double fraction : {0.5, 0.9}) {
                SCOPED_TRACE(testing::Message() << (comparison ? "comparison, " : "one map, ")
                                                << (ofPrediction ? "prediction, " : "truth, ")
                                                << fraction);
                const auto region = topMassRegion(map.density.data(), map.ocean.data(),
                                                  map.grid.cellCount(), fraction);
                const auto expected = regionEdges(map.grid, region);
                // Not a trivial region: it parts tied cells.
                ASSERT_GT(expected.size(), 4u);
                bool allOnEdges = false;
                const auto crossed = crossedEdges(
                    map.grid, view.contourVertices(fraction, ofPrediction), allOnEdges);
                EXPECT_TRUE(allOnEdges);
                EXPECT_EQ(crossed, expected);
            }
        }
    }
    // A map without mass draws no contour.
    view.setContours(std::vector<float>(truth.grid.cellCount(), 0.0f));
    EXPECT_TRUE(view.contourVertices(0.5).empty());
}

// The field behind the contour is above its level exactly on topMassRegion's cells.
TEST(MapView, MassRegionFieldIsAboveItsLevelExactlyInTheRegion) {
    const TiedMap map;
    for (const double fraction : {0.1, 0.5, 0.75, 0.9, 0.99}) {
        const auto region =
            topMassRegion(map.density.data(), map.ocean.data(), map.grid.cellCount(), fraction);
        const MassRegionField field = massRegionField(map.density, map.ocean, fraction);
        ASSERT_EQ(field.values.size(), region.size());
        for (std::size_t c = 0; c < region.size(); ++c)
            EXPECT_EQ(field.values[c] > field.level, region[c] != 0) << "cell " << c;
    }
    EXPECT_TRUE(massRegionField(std::vector<float>(4, 0.0f), {}, 0.5).empty());
}

TEST(MapView, ValueUnderTheMouseIsTheCellValue) {
    auto ds = std::make_shared<const DriftDataset>(
        DriftDataset::open(test::smallDatasetPath().toStdString()));
    SceneBuilder scene(ds);
    MapView view;
    view.setGrid(ds->grid(), ds->mask().values());
    SceneOptions o;
    o.layer = Layer::U;
    const Sample s = scene.load(0, 1);
    scene.apply(view, s, o);
    const Grid& g = ds->grid();
    for (int c = 0; c < static_cast<int>(g.cellCount()); c += 97) {
        const int i = c % g.nx, j = c / g.nx;
        const auto v = view.valueAt(g.lon(i), g.lat(j));
        if (ds->mask().isOcean(i, j)) {
            ASSERT_TRUE(v.has_value());
            EXPECT_FLOAT_EQ(static_cast<float>(*v), s.u[static_cast<std::size_t>(c)]);
        } else {
            EXPECT_FALSE(v.has_value());
        }
    }
    EXPECT_FALSE(view.valueAt(g.lonMin - 1, g.latMin).has_value());
}

// A map fills its view at its geographic aspect: the width of a view taller than the map (half
// a window, side by side), the height of a wide one; the colour bar beside it then, below it in
// a tall view, never over it.
TEST(MapView, TheMapFillsItsViewBesideOrAboveItsColourBar) {
    const auto ds = std::make_shared<const DriftDataset>(
        DriftDataset::open(test::smallDatasetPath().toStdString()));
    const Grid& g = ds->grid();
    const double kx = std::cos(0.5 * (g.latMin + g.latMax()) * kDegToRad);
    for (const QSize size : {QSize(495, 775), QSize(478, 690), QSize(700, 850), QSize(900, 520),
                             QSize(1200, 700)}) {
        SCOPED_TRACE(testing::Message() << size.width() << " x " << size.height());
        MapView view;
        test::prepareOffscreenMap(view, *ds, size.width(), size.height());
        const double perPixel = 2.0 * view.viewState().halfHeight / size.height();
        const double mapW = (g.lonMax() - g.lonMin) * kx / perPixel;
        const double mapH = (g.latMax() - g.latMin) / perPixel;
        const bool tall = size.width() < 1.2 * size.height();
        if (tall) {
            EXPECT_GT(mapW, 0.8 * size.width());  // was under 0.7
        } else {
            EXPECT_GT(mapH, 0.75 * size.height());
        }
        EXPECT_LT(mapW, size.width());
        EXPECT_LT(mapH, size.height());

        MapLayoutInput in;
        in.view = size;
        in.mapW = (g.lonMax() - g.lonMin) * kx;
        in.mapH = g.latMax() - g.latMin;
        in.captionWidth = 300;
        in.colourBarTitleWidth = 80;
        in.legendWidths = {150, 270, 390};
        const MapLayout l = layOutMap(in);
        const QRectF all(QPointF(0, 0), QSizeF(size));
        EXPECT_TRUE(all.contains(l.map) && all.contains(l.colourBar));
        EXPECT_FALSE(l.map.intersects(l.colourBar));
        EXPECT_NEAR(l.map.width() / l.map.height(), in.mapW / in.mapH, 1e-9);
        EXPECT_EQ(l.colourBarBelow, tall);
        if (!tall) {
            EXPECT_DOUBLE_EQ(l.colourBar.height(), l.map.height());
        }
        // The legends, flowed in rows, stay in the view.
        for (const QPointF& at : flowLegends(l, in.legendWidths))
            EXPECT_LT(at.y() + 17, size.height());
    }
}

// Comparison mode with the advection baseline's map: its centre and spread are drawn in blue
// beside the truth's and the model's (and nothing of it without that map).
TEST(MapView, ComparisonDrawsTheAdvectionBaselinesCentreAndSpread) {
    OffscreenScene f;
    auto& [ds, scene, view] = f;
    Sample s = scene.load(3, 2);
    ASSERT_FALSE(s.densityNext.empty());
    SceneOptions o;
    o.layer = Layer::Speed;
    o.arrows = false;
    s.prediction = s.densityNext;
    scene.apply(view, s, o);
    ASSERT_TRUE(view.renderNow()) << "no OpenGL context";
    const QImage without = view.renderImage(kW, kH);
    // The advection's cloud: the truth moved 3 cells east (off the truth's own circle).
    const Grid& g = ds->grid();
    s.advected.assign(s.densityNext.size(), 0.0f);
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i + 3 < g.nx; ++i)
            s.advected[static_cast<std::size_t>(j) * g.nx + i + 3] =
                s.densityNext[static_cast<std::size_t>(j) * g.nx + i];
    scene.apply(view, s, o);
    ASSERT_TRUE(view.renderNow());
    const QImage with = view.renderImage(kW, kH);
    ASSERT_EQ(with.size(), without.size());
    // The marks' blue (the speed layer's colours and the legend's grey are not blue).
    auto bluePixels = [](const QImage& image) {
        int n = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                if (c.blue() > c.red() + 120 && c.blue() > c.green() + 80) ++n;
            }
        return n;
    };
    const int before = bluePixels(without), after = bluePixels(with);
    EXPECT_GT(after - before, 100) << before << " blue pixels without, " << after << " with";
}

// Zoomed in (the mouse wheel, or frame() showing a release up close), the map shows more of the
// world than its place in the layout: the field, arrows and coastline stay on the map's
// rectangle, the colour bar beside it is drawn exactly as in the fitted view and no field colour
// reaches the margins of the axis labels and the caption.
TEST(MapView, AZoomedViewDrawsTheFieldOnlyOnTheMap) {
    OffscreenScene f;
    auto& [ds, scene, view] = f;
    SceneOptions o;
    o.layer = Layer::Speed;
    o.datasetRange = true;
    scene.apply(view, scene.load(3, 2), o);
    ASSERT_TRUE(view.renderNow()) << "no OpenGL context";
    const QImage fitted = view.renderImage(kW, kH);
    // The fitted view puts the grid's extent on the layout's map.
    const Grid& g = ds->grid();
    const double kx = std::cos(0.5 * (g.latMin + g.latMax()) * kDegToRad);
    const ViewState s = view.viewState();
    const double perPixel = 2.0 * s.halfHeight / kH;
    const QRectF map(QPointF((g.lonMin * kx - s.centreX) / perPixel + 0.5 * kW,
                             0.5 * kH - (g.latMax() - s.centreY) / perPixel),
                     QPointF((g.lonMax() * kx - s.centreX) / perPixel + 0.5 * kW,
                             0.5 * kH - (g.latMin - s.centreY) / perPixel));
    ASSERT_GT(map.width(), kW / 2);
    // Right of the map, above its bottom edge: the colour bar (the last longitude label is
    // below the map).
    const QRect bar(static_cast<int>(map.right()) + 3, 0, kW - static_cast<int>(map.right()) - 3,
                    static_cast<int>(map.bottom()) + 2);
    // Coloured pixels (the speed field's yellows and greens; texts and white are grey).
    auto coloured = [](const QImage& image, const QRect& area) {
        int n = 0;
        for (int y = std::max(0, area.top()); y <= std::min(image.height() - 1, area.bottom()); ++y)
            for (int x = std::max(0, area.left()); x <= std::min(image.width() - 1, area.right());
                 ++x) {
                const QColor c = image.pixelColor(x, y);
                if (std::max({c.red(), c.green(), c.blue()}) -
                        std::min({c.red(), c.green(), c.blue()}) >
                    40)
                    ++n;
            }
        return n;
    };
    const int left = static_cast<int>(map.left()) - 2, top = static_cast<int>(map.top()) - 2;
    const QRect leftMargin(0, top, left, static_cast<int>(map.height()));
    const QRect topMargin(left, 0, static_cast<int>(map.width()), top);
    ASSERT_EQ(coloured(fitted, leftMargin) + coloured(fitted, topMargin), 0);

    for (const bool wheel : {true, false}) {
        SCOPED_TRACE(wheel ? "zoomed with the wheel" : "framed");
        view.resetView();
        if (wheel) {
            // Three notches in, about a point left of the map's centre.
            const QPointF at(map.left() + 0.3 * map.width(), map.center().y());
            QWheelEvent e(at, view.mapToGlobal(at), QPoint(), QPoint(0, 3 * 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
            QApplication::sendEvent(&view, &e);
        } else {
            const double lon = g.lonMin + 0.5 * (g.lonMax() - g.lonMin);
            const double lat = g.latMin + 0.5 * (g.latMax() - g.latMin);
            view.frame(lon - 1.0, lat - 0.5, lon + 1.0, lat + 0.5);
        }
        ASSERT_LT(view.viewState().halfHeight, 0.7 * s.halfHeight);
        ASSERT_TRUE(view.renderNow());
        const QImage zoomed = view.renderImage(kW, kH);
        ASSERT_EQ(zoomed.size(), fitted.size());
        // The field still fills the map...
        EXPECT_GT(coloured(zoomed, map.toRect()), map.width() * map.height() / 4);
        // ...and stays on it.
        EXPECT_EQ(zoomed.copy(bar), fitted.copy(bar));
        EXPECT_EQ(coloured(zoomed, leftMargin), 0);
        EXPECT_EQ(coloured(zoomed, topMargin), 0);
    }
}

// Two linked views share the area in the split that gives each the larger map: a basin three
// times as wide as tall stacks, one twice as tall as wide sits side by side, and a size where
// both splits are about as good keeps the split shown (no flipping on each resize).
TEST(MapSplit, AWideBasinStacksATallOneSitsSideBySide) {
    const auto mapOf = [](double w, double h) {
        return [w, h](QSize view) {
            MapLayoutInput in;
            in.view = view;
            in.mapW = w;
            in.mapH = h;
            in.captionWidth = 250;
            in.legendWidths = {120, 300};
            return layOutMap(in).map;
        };
    };
    const QSize area(960, 695);  // the maps' area of a 1366 x 768 window
    for (const Qt::Orientation now : {Qt::Horizontal, Qt::Vertical}) {
        EXPECT_EQ(betterSplit(area, 5, now, mapOf(3, 1)), Qt::Vertical);
        EXPECT_EQ(betterSplit(area, 5, now, mapOf(1, 2)), Qt::Horizontal);
    }
    // The chosen split's map is the larger one.
    const auto wide = mapOf(3, 1);
    const QRectF stacked = wide(halfOf(area, 5, Qt::Vertical));
    const QRectF across = wide(halfOf(area, 5, Qt::Horizontal));
    EXPECT_GT(stacked.width() * stacked.height(), 1.5 * across.width() * across.height());
    EXPECT_EQ(halfOf(area, 5, Qt::Horizontal), QSize(477, 695));
    EXPECT_EQ(halfOf(area, 5, Qt::Vertical), QSize(960, 345));
    // Between the two: whichever is shown stays.
    const auto square = mapOf(1.45, 1);
    const QSize even(994, 777);
    EXPECT_EQ(betterSplit(even, 5, Qt::Horizontal, square), Qt::Horizontal);
    EXPECT_EQ(betterSplit(even, 5, Qt::Vertical, square), Qt::Vertical);
}
