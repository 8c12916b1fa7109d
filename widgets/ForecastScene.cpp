#include "ForecastScene.h"

#include <QCoreApplication>

#include "Forecast.h"
#include "ocean/CivilDate.h"

namespace driftlab {

namespace {
QString tr(const char* text) {
    return QCoreApplication::translate("ForecastScene", text);
}
}  // namespace

QString forecastSubject(const Forecast& f) {
    if (f.kind == Forecast::Kind::Rollout) return tr("release %1").arg(f.sourceRelease);
    return tr("new release at %1 E %2 N").arg(f.spec.lon, 0, 'f', 2).arg(f.spec.lat, 0, 'f', 2);
}

ComparisonScene forecastDayScene(const Forecast& f, int day, bool particles) {
    ComparisonScene scene;
    scene.haveRelease = true;
    scene.releaseLon = f.spec.lon;
    scene.releaseLat = f.spec.lat;
    scene.releaseRadiusKm = f.spec.radiusKm;
    scene.truth = f.simulated[static_cast<std::size_t>(day)];
    if (f.predictedReady(day)) scene.predicted = f.predicted[static_cast<std::size_t>(day)];
    if (day > 0 && static_cast<int>(f.advected.size()) == f.days + 1)
        scene.advected = f.advected[static_cast<std::size_t>(day)];
    const QString date = QString::fromStdString(formatDate(f.date + day));
    scene.leftCaption =
        tr("Simulated: %1, day %2 (%3)").arg(forecastSubject(f)).arg(day).arg(date);
    if (!f.hasModel())
        scene.rightCaption = tr("No model: load one to roll the release out (Model > Load Model)");
    else if (day == 0)
        scene.rightCaption = tr("Model rollout: day 0 (the simulated start)");
    else if (f.predictedReady(day))
        scene.rightCaption = tr("Model rollout: day %1, fed its own output since day 0").arg(day);
    else
        scene.rightCaption = tr("Model rollout: computing day %1...").arg(day);
    if (particles && day < static_cast<int>(f.particleLon.size())) {
        scene.particleLon = f.particleLon[static_cast<std::size_t>(day)];
        scene.particleLat = f.particleLat[static_cast<std::size_t>(day)];
    }
    return scene;
}

}  // namespace driftlab
