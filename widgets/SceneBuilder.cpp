#include "SceneBuilder.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "MapView.h"
#include "ocean/CivilDate.h"
#include "ocean/FieldDiagnostics.h"

namespace driftlab {

namespace {
constexpr int kLayerCount = 9;
constexpr double kOmega = 7.2921e-5;  // Earth's rotation, 1/s

struct LayerStyle {
    const char* name;
    const char* title;
    const char* units;
    const char* colorMap;
    bool symmetric;
    bool density;
};
const LayerStyle kStyles[kLayerCount] = {
    {"speed", "Current speed", "m/s", "speed", false, false},
    {"vorticity", "Relative vorticity / f", "", "curl", true, false},
    {"u", "Eastward current u", "m/s", "balance", true, false},
    {"v", "Northward current v", "m/s", "balance", true, false},
    {"density", "Particle density, day t", "fraction per cell", "dense", false, true},
    {"density-next", "Particle density, day t+1", "fraction per cell", "dense", false, true},
    {"mask", "Ocean mask", "1 ocean", "speed", false, false},
    {"prediction", "Predicted density, day t+1", "fraction per cell", "dense", false, true},
    {"difference", "Prediction - truth, day t+1", "fraction per cell", "balance", true, false},
};
const LayerStyle& style(Layer l) {
    return kStyles[static_cast<int>(l)];
}

double maxFinite(const std::vector<float>& v, bool absolute) {
    double m = 0;
    for (float x : v) {
        if (std::isfinite(x))
            m = std::max(m, absolute ? std::abs(static_cast<double>(x)) : static_cast<double>(x));
    }
    return m;
}

// The q-quantile of |v| (finite, non-zero values): a robust symmetric range for signed fields.
double absQuantile(const std::vector<float>& v, double q) {
    std::vector<float> a;
    a.reserve(v.size());
    for (float x : v) {
        if (std::isfinite(x) && x != 0.0f) a.push_back(std::abs(x));
    }
    if (a.empty()) return 0.0;
    const std::size_t k = std::min(a.size() - 1, static_cast<std::size_t>(q * (a.size() - 1)));
    std::nth_element(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(k), a.end());
    return a[k];
}
}  // namespace

QStringList layerNames() {
    QStringList names;
    for (const auto& s : kStyles) names << s.name;
    return names;
}

Layer parseLayer(const QString& name) {
    const int k = static_cast<int>(layerNames().indexOf(name));
    if (k < 0) {
        throw std::invalid_argument("unknown layer '" + name.toStdString() + "' (" +
                                    layerNames().join(", ").toStdString() + ")");
    }
    return static_cast<Layer>(k);
}

QString layerName(Layer layer) {
    return style(layer).name;
}

SceneBuilder::SceneBuilder(std::shared_ptr<const DriftDataset> dataset)
    : dataset_(std::move(dataset)), ranges_(kLayerCount * 2), haveRange_(kLayerCount * 2, false) {
    const Grid& g = dataset_->grid();
    coriolis_.resize(g.ny);
    for (int j = 0; j < g.ny; ++j) coriolis_[j] = 2.0 * kOmega * std::sin(g.lat(j) * kDegToRad);
}

Sample SceneBuilder::load(int release, int day) const {
    const DriftDataset& ds = *dataset_;
    if (release < 0 || release >= ds.releaseCount())
        throw std::out_of_range("no release " + std::to_string(release));
    if (day < 0 || day > ds.outputDays())
        throw std::out_of_range("no output day " + std::to_string(day));
    Sample s;
    s.release = release;
    s.day = day;
    const ReleaseRecord& r = ds.releases()[release];
    const int k = r.spec.day + day;
    s.date = ds.startDay() + k;
    ds.readCurrents(k, s.u, s.v);
    ds.readDensity(release, day, s.density);
    if (day < ds.outputDays()) ds.readDensity(release, day + 1, s.densityNext);
    return s;
}

std::vector<float> SceneBuilder::layerValues(const Sample& s, Layer layer) const {
    const Grid& g = dataset_->grid();
    switch (layer) {
        case Layer::Speed:
            return speed(g, s.u.data(), s.v.data());
        case Layer::Vorticity: {
            const auto z = relativeVorticity(g, s.u.data(), s.v.data());
            std::vector<float> out(z.size());
            for (std::size_t c = 0; c < z.size(); ++c)
                out[c] = static_cast<float>(z[c] / coriolis_[c / g.nx]);
            return out;
        }
        case Layer::U:
            return s.u;
        case Layer::V:
            return s.v;
        case Layer::Density:
            return s.density;
        case Layer::DensityNext:
            return s.densityNext.empty() ? std::vector<float>(g.cellCount(), 0.0f) : s.densityNext;
        case Layer::Mask: {
            std::vector<float> out(g.cellCount());
            for (std::size_t c = 0; c < out.size(); ++c) out[c] = dataset_->mask().values()[c];
            return out;
        }
        case Layer::Prediction:
            return s.hasPrediction() ? s.prediction : std::vector<float>(g.cellCount(), 0.0f);
        case Layer::Difference: {
            std::vector<float> out(g.cellCount(), 0.0f);
            if (s.hasPrediction()) {
                for (std::size_t c = 0; c < out.size(); ++c)
                    out[c] = s.prediction[c] - s.densityNext[c];
            }
            return out;
        }
    }
    return {};
}

std::pair<double, double> SceneBuilder::datasetRange(Layer layer, bool logScale) {
    // The prediction shares the density's colours; a difference has no range over the dataset
    // without predicting it all, so apply() scales it per sample.
    if (layer == Layer::Prediction) layer = Layer::DensityNext;
    const int key = static_cast<int>(layer) * 2 + (logScale ? 1 : 0);
    if (haveRange_[key]) return ranges_[key];
    const DriftDataset& ds = *dataset_;
    const LayerStyle& st = style(layer);
    double hi = 0;
    if (st.density) {
        // The densest cell over a spread of up to 200 maps.
        const int n = ds.releaseCount() * (ds.outputDays() + 1);
        const int samples = std::min(n, 200);
        std::vector<float> map;
        for (int k = 0; k < samples; ++k) {
            const int m = static_cast<int>(static_cast<long long>(k) * n / samples);
            ds.readDensity(m / (ds.outputDays() + 1), m % (ds.outputDays() + 1), map);
            hi = std::max(hi, maxFinite(map, false));
        }
    } else if (layer == Layer::Mask) {
        hi = 1.0;
    } else {
        // Currents over a spread of up to 40 days; a high quantile for signed fields, so one
        // spike does not wash the picture out.
        const int days = ds.currentDays(), samples = std::min(days, 40);
        Sample s;
        for (int k = 0; k < samples; ++k) {
            ds.readCurrents(static_cast<int>(static_cast<long long>(k) * days / samples), s.u, s.v);
            const auto v = layerValues(s, layer);
            hi = std::max(hi, st.symmetric ? absQuantile(v, 0.995) : maxFinite(v, false));
        }
    }
    if (!(hi > 0)) hi = 1.0;
    std::pair<double, double> r =
        st.symmetric ? std::make_pair(-hi, hi)
                     : std::make_pair(logScale && st.density ? hi * 1e-4 : 0.0, hi);
    ranges_[key] = r;
    haveRange_[key] = true;
    return r;
}

std::vector<Streamline> SceneBuilder::streamlinesOf(const std::vector<float>& u,
                                                    const std::vector<float>& v) const {
    if (u.size() != dataset_->grid().cellCount() || v.size() != u.size()) return {};
    StreamlineOptions o;
    // About 24 lines across the domain's short side, whatever the resolution: legible on the
    // whole domain, cheap (about 3 ms on the demo grid).
    o.separationCells = std::max(2.0, std::min(dataset_->grid().nx, dataset_->grid().ny) / 24.0);
    return evenlySpacedStreamlines(dataset_->grid(), u, v, dataset_->mask().values(), o);
}

void SceneBuilder::applyMean(MapView& view, const std::vector<double>& mean,
                             const QString& caption) const {
    ScalarLayer layer;
    layer.values.assign(mean.begin(), mean.end());
    double hi = 0;
    for (double v : mean) hi = std::max(hi, v);
    layer.title = "Mean particle density";
    layer.units = "fraction per cell";
    layer.colorMap = "dense";
    layer.logScale = true;
    layer.hi = hi > 0 ? hi : 1.0;
    layer.lo = layer.hi * 1e-2;  // two decades: a mean over many releases is smooth
    view.setScalar(layer);
    view.setVectorsVisible(false);
    view.setStreamlinesVisible(false);
    view.setContoursVisible(false);
    view.clearRelease();
    view.setCoastlineVisible(true);
    view.setAxesVisible(true);
    view.setCaption(caption);
}

void SceneBuilder::apply(MapView& view, const Sample& s, const SceneOptions& o) {
    const DriftDataset& ds = *dataset_;
    const LayerStyle& st = style(o.layer);
    ScalarLayer layer;
    layer.values = layerValues(s, o.layer);
    layer.title = st.title;
    layer.units = st.units;
    layer.colorMap = st.colorMap;
    layer.logScale = o.logScale && st.density;
    if (o.layer == Layer::Difference) {
        // Symmetric about zero, per sample: the largest |prediction - truth|.
        const double h = maxFinite(layer.values, true);
        layer.lo = h > 0 ? -h : -1.0;
        layer.hi = h > 0 ? h : 1.0;
    } else if (o.datasetRange) {
        std::tie(layer.lo, layer.hi) = datasetRange(o.layer, layer.logScale);
    } else {
        const double hi =
            st.symmetric ? absQuantile(layer.values, 0.995) : maxFinite(layer.values, false);
        const double h = hi > 0 ? hi : 1.0;
        layer.lo = st.symmetric ? -h : (layer.logScale ? h * 1e-4 : 0.0);
        layer.hi = h;
    }
    view.setScalar(layer);
    view.setVectors(s.u, s.v);
    view.setVectorsVisible(o.arrows);
    if (o.streamlines) view.setStreamlines(streamlinesOf(s.u, s.v));
    view.setStreamlinesVisible(o.streamlines);
    if (o.compare && s.hasPrediction()) {
        view.setComparisonContours(s.densityNext, s.prediction, s.advected);
    } else {
        view.setContours(o.layer == Layer::DensityNext && !s.densityNext.empty() ? s.densityNext
                                                                                 : s.density);
    }
    view.setContoursVisible(o.contours);
    view.setCoastlineVisible(o.coastline);
    view.setAxesVisible(o.axes);
    const ReleaseRecord& r = ds.releases()[s.release];
    view.setRelease(r.spec.lon, r.spec.lat, r.spec.radiusKm);
    QString caption = QString("Release %1 (%2), released %3   day %4 of %5   currents of %6")
                          .arg(s.release)
                          .arg(splitName(r.spec.split))
                          .arg(QString::fromStdString(formatDate(r.date)))
                          .arg(s.day)
                          .arg(ds.outputDays())
                          .arg(QString::fromStdString(formatDate(s.date)));
    if ((o.layer == Layer::Prediction || o.layer == Layer::Difference) && !s.hasPrediction()) {
        caption += s.densityNext.empty() ? "\n(no day t+1 to predict on the last day)"
                                         : "\n(no prediction: Model > Load Model...)";
    }
    view.setCaption(caption);
}

ComparisonScene SceneBuilder::comparisonOf(const Sample& s) const {
    const DriftDataset& ds = *dataset_;
    ComparisonScene scene;
    scene.u = s.u;
    scene.v = s.v;
    scene.truth = s.densityNext.empty() ? s.density : s.densityNext;
    if (s.hasPrediction()) {
        scene.predicted = s.prediction;
        scene.advected = s.advected;
    }
    const ReleaseRecord& r = ds.releases()[s.release];
    scene.haveRelease = true;
    scene.releaseLon = r.spec.lon;
    scene.releaseLat = r.spec.lat;
    scene.releaseRadiusKm = r.spec.radiusKm;
    const QString date = QString::fromStdString(formatDate(s.date + 1));
    if (s.densityNext.empty()) {
        scene.leftCaption =
            QString("Release %1, day %2 (the last: nothing to predict)").arg(s.release).arg(s.day);
        scene.rightCaption = "No day t+1 on the last day";
    } else {
        scene.leftCaption =
            QString("Simulated: release %1, day %2 (%3)").arg(s.release).arg(s.day + 1).arg(date);
        scene.rightCaption =
            s.hasPrediction()
                ? QString("Model: day %1 predicted from day %2").arg(s.day + 1).arg(s.day)
                : QString("No prediction: Model > Load Model...");
    }
    return scene;
}

void SceneBuilder::applyComparison(MapView& left, MapView& right, const ComparisonScene& scene,
                                   const SceneOptions& o) {
    const bool havePrediction = scene.predicted.size() == scene.truth.size();
    ScalarLayer layer;
    const LayerStyle& st = style(Layer::DensityNext);
    layer.units = st.units;
    layer.colorMap = st.colorMap;
    layer.logScale = o.logScale;
    if (o.datasetRange) {
        std::tie(layer.lo, layer.hi) = datasetRange(Layer::DensityNext, layer.logScale);
    } else {
        double hi = maxFinite(scene.truth, false);
        if (havePrediction) hi = std::max(hi, maxFinite(scene.predicted, false));
        layer.hi = hi > 0 ? hi : 1.0;
        layer.lo = layer.logScale ? layer.hi * 1e-4 : 0.0;
    }
    // The same currents on both views: their streamlines are traced once.
    const std::vector<Streamline> lines = o.streamlines && scene.u.size() == scene.truth.size()
                                              ? streamlinesOf(scene.u, scene.v)
                                              : std::vector<Streamline>{};
    auto common = [&](MapView& view, const QString& caption) {
        if (scene.u.size() == scene.truth.size()) {
            view.setVectors(scene.u, scene.v);
            view.setVectorsVisible(o.arrows);
            if (o.streamlines) view.setStreamlines(lines);
            view.setStreamlinesVisible(o.streamlines);
        } else {
            view.setVectorsVisible(false);
            view.setStreamlinesVisible(false);
        }
        if (havePrediction)
            view.setComparisonContours(scene.truth, scene.predicted, scene.advected);
        else
            view.setContours(scene.truth);
        view.setContoursVisible(o.contours);
        view.setCoastlineVisible(o.coastline);
        view.setAxesVisible(o.axes);
        if (scene.haveRelease)
            view.setRelease(scene.releaseLon, scene.releaseLat, scene.releaseRadiusKm);
        else
            view.clearRelease();
        view.setCaption(caption);
    };
    layer.title = "Simulated density";
    layer.values = scene.truth;
    left.setScalar(layer);
    left.setScalarVisible(true);
    common(left, scene.leftCaption);
    left.setParticles(scene.particleLon, scene.particleLat);

    right.setParticles({}, {});
    if (havePrediction) {
        layer.title = "Predicted density";
        layer.values = scene.predicted;
        right.setScalar(layer);
        right.setScalarVisible(true);
        common(right, scene.rightCaption);
    } else {
        right.clearData();
        right.setCoastlineVisible(o.coastline);
        right.setAxesVisible(o.axes);
        right.setCaption(scene.rightCaption);
    }
}

void SceneBuilder::applyMeanWithError(MapView& left, MapView& right,
                                      const std::vector<double>& mean, const QString& meanCaption,
                                      const std::vector<double>& meanError,
                                      const QString& errorCaption) const {
    applyMean(left, mean, meanCaption);
    ScalarLayer layer;
    layer.values.assign(meanError.begin(), meanError.end());
    layer.title = "Mean absolute error";
    layer.units = "fraction per cell";
    layer.colorMap = "amp";
    layer.logScale = false;  // errors are compared linearly: where is the model worst
    layer.hi = std::max(maxFinite(layer.values, false), 1e-12);
    layer.lo = 0.0;
    right.clearData();
    right.setScalar(layer);
    right.setScalarVisible(true);
    right.setCoastlineVisible(true);
    right.setAxesVisible(true);
    right.setCaption(errorCaption);
}

}  // namespace driftlab
