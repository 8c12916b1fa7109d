#pragma once
// The main window's forecasts: starting them (Model > Roll Out, Release Particles..., the map's
// context menu), the Forecast dock with their per-day metrics, and each forecast day drawn side
// by side on the window's two maps, day 1 as soon as it exists (its latency measured). The
// window decides when a forecast is what it shows (its ViewMode) and says so with `showing`.
#include <QObject>
#include <QString>
#include <functional>
#include <memory>

#include "drift/Release.h"

class QDockWidget;
class QMainWindow;
class QPoint;

namespace driftlab {

class DayBar;
class DriftDataset;
class ForecastController;
class ForecastPanel;
class LayerPanel;
class MapView;
class PredictionPanel;
class Predictor;
class SceneBuilder;
class ViewExporter;

class ForecastPresenter : public QObject {
    Q_OBJECT
public:
    // What the presenter draws on and reads from (the window's).
    struct Views {
        MapView* map;
        MapView* compare;
        DayBar* days;
        LayerPanel* layers;
        PredictionPanel* prediction;  // says that the metrics are in the Forecast dock
    };
    // Adds the Forecast dock to `window`, a tab beside `beside`, hidden until a forecast starts.
    ForecastPresenter(QMainWindow* window, QDockWidget* beside, Views views,
                      ViewExporter* exporter, std::function<bool()> showing);

    // A new dataset or model: the forecast shown goes (it was made with the old ones).
    void setSources(std::shared_ptr<const DriftDataset> dataset,
                    std::shared_ptr<const Predictor> predictor, SceneBuilder* scene);
    // False (and a message in the status bar and in `error`) when it cannot start: no model for
    // a rollout, a point on land or outside.
    bool startRollout(int release, QString* error = nullptr);
    bool releaseAt(const ReleaseSpec& spec, bool keepParticles, QString* error = nullptr);
    // Asks where and how (ReleaseDialog), from (lon, lat) and the current-field day `day`.
    void chooseRelease(double lon, double lat, int day);
    // The map's context menu at (lon, lat); `release`: the dataset release shown.
    void showMapMenu(double lon, double lat, int release, int day, const QPoint& globalPos);
    void close();
    // Draws forecast day `day` on the maps (clamped to the forecast's days).
    void showDay(int day);
    // File > Save Forecast as HDF5...: asks where, then the export job.
    void exportForecast();
    bool saveForecast(const QString& path, QString* error = nullptr);

    ForecastController* controller() const { return forecasts_; }
    ForecastPanel* panel() const { return panel_; }
    QDockWidget* dock() const { return dock_; }
    // Milliseconds from the start of the last forecast until its day 1 was drawn (-1: not yet).
    qint64 dayOneMs() const { return dayOneShown_ ? dayOneMs_ : -1; }

signals:
    void started();        // a forecast started: the window shows it, side by side
    void closed();         // the forecast was closed: the window goes back to its samples
    void shown(int day);   // a forecast day was drawn (tests, latency)

private:
    void onUpdated(int day);
    void say(const QString& message, int ms);

    QMainWindow* window_;
    Views views_;
    ViewExporter* exporter_;
    std::function<bool()> showing_;
    ForecastController* forecasts_;
    ForecastPanel* panel_;
    QDockWidget* dock_;
    std::shared_ptr<const DriftDataset> dataset_;
    bool hasModel_ = false;
    SceneBuilder* scene_ = nullptr;
    bool dayOneShown_ = false;
    qint64 startedMs_ = 0;
    qint64 dayOneMs_ = 0;  // from the start until day 1 was drawn
};

}  // namespace driftlab
