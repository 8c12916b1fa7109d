#include <gtest/gtest.h>

#include <QApplication>
#include <memory>

#include "ImageCheck.h"
#include "MapView.h"
#include "OffscreenMap.h"
#include "SceneBuilder.h"
#include "TestDataset.h"

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
                  image, QRect(kW * 87 / 100, kH * 16 / 100, kW * 5 / 100, kH * 70 / 100)),
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

TEST(MapView, MassThresholdEnclosesTheAskedFraction) {
    std::vector<float> d = {0.4f, 0.3f, 0.2f, 0.1f, 0.0f};
    EXPECT_FLOAT_EQ(MapView::massThreshold(d, 0.5), 0.3f);  // 0.4 + 0.3 >= 0.5
    EXPECT_FLOAT_EQ(MapView::massThreshold(d, 0.9), 0.2f);
    EXPECT_EQ(MapView::massThreshold(std::vector<float>(4, 0.0f), 0.5), 0.0);
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
