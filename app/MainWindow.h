#pragma once
// The main window: the map in the middle, the dataset panel and the layer panel in docks, the
// day bar below, the position readout in the status bar.
#include <QMainWindow>
#include <memory>

#include "SamplePrediction.h"
#include "SceneBuilder.h"

class QDockWidget;
class QLabel;
class QMenu;
class QSplitter;

namespace driftlab {

class DatasetPanel;
class EvaluationPanel;
class ForecastController;
class ForecastPanel;
class DayBar;
class LayerPanel;
class MapView;
class Predictor;
class ImportActions;
class PredictionPanel;
class TrainingPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a dataset; on failure shows a dialog that says why and keeps what was open.
    bool openDataset(const QString& path);
    // Opens the built-in demo dataset, generating it first (with progress) when missing.
    void openDefaultDataset();
    static QString defaultDatasetPath();

    MapView* mapView() const { return map_; }
    // The second map of the side-by-side mode (hidden otherwise). Its camera follows the first
    // and the other way round.
    MapView* compareView() const { return compare_; }
    // Side by side: the simulated density of day t+1 on the left, the model's prediction of it
    // on the right, one colour range; in the mean-density mode the mean density and, once a
    // model was evaluated, its mean error map (showMeanWithError).
    void setSideBySide(bool on);
    bool sideBySide() const { return sideBySide_; }
    DatasetPanel* datasetPanel() const { return panel_; }
    DayBar* dayBar() const { return days_; }
    LayerPanel* layerPanel() const { return layers_; }
    TrainingPanel* trainingPanel() const { return training_; }
    QDockWidget* trainingDock() const { return trainingDock_; }
    // Closing while a run trains asks whether to stop it (saving a checkpoint) first. Tests turn
    // the question off (so does DRIFTLAB_NO_CLOSE_QUESTION=1): the run is then stopped without
    // asking.
    void setAskBeforeStoppingTraining(bool ask) { askBeforeStopping_ = ask; }
    const DriftDataset* dataset() const;
    // File > Import Currents... / Import Trajectories... (and NetCDF files dropped or opened).
    ImportActions* imports() const { return imports_; }
    int currentRelease() const { return release_; }
    int currentDay() const;
    // Shows (release, day) now, rendering included (benchmarks and tests).
    void showSample(int release, int day);
    // Side by side, both views go into the image, each half its width.
    bool saveViewImage(const QString& path, int width, int height);
    QImage viewImage(int width, int height);
    // Shows the mean density of a subset (cached; computed off the GUI thread with progress and
    // cancel when not). `split` -1 for all splits, `day` -1 for all output days.
    void showMean(int split, int day);
    bool showingMean() const { return meanMode_; }
    // The mean density of a split (-1: all) beside the mean absolute error per cell of a model
    // over it (ny x nx, e.g. EvaluationResult::meanAbsoluteError); turns side-by-side on.
    void showMeanWithError(int split, const std::vector<double>& meanError,
                           const QString& errorCaption);

    // Loads a model (a run folder, a checkpoint, or PyTorch weights with their .json) off the
    // GUI thread with a progress dialog; modelChanged() when loaded, an error dialog if not.
    void loadModel(const QString& path);
    void unloadModel();
    const Predictor* predictor() const { return predictor_.get(); }
    QString modelDescription() const;
    PredictionPanel* predictionPanel() const { return prediction_; }
    QDockWidget* predictionDock() const { return predictionDock_; }
    // Evaluation on a split (Model > Evaluate on Split..., Ctrl+E): the loaded model on the open
    // dataset; a row of its table shows that sample, Show error map the mean error beside the
    // split's mean density.
    EvaluationPanel* evaluationPanel() const { return evaluation_; }
    QDockWidget* evaluationDock() const { return evaluationDock_; }
    void showEvaluationPanel();
    // The prediction of the sample shown, once computed (null before, or without a model).
    const SamplePrediction* currentPrediction() const;
    bool predicting() const { return predicting_; }

    // Forecasts: the model's rollout of a dataset release, or a new release anywhere in the
    // ocean (click-to-release), shown side by side with the simulation day by day, with their
    // per-day metrics in the Forecast dock. False (and a message in the status bar and in
    // `error`) when it cannot start: no model for a rollout, a point on land or outside.
    bool startRollout(int release, QString* error = nullptr);
    bool releaseAt(const ReleaseSpec& spec, bool keepParticles, QString* error = nullptr);
    // Asks where and how (ReleaseDialog), starting from (lon, lat).
    void chooseRelease(double lon, double lat);
    void closeForecast();
    bool showingForecast() const { return forecastMode_; }
    // Milliseconds from the start of the last forecast until its day 1 was drawn (-1: not yet).
    qint64 forecastDayOneMs() const { return forecastDayOneShown_ ? forecastDayOneMs_ : -1; }
    ForecastController* forecastController() const { return forecasts_; }
    ForecastPanel* forecastPanel() const { return forecastPanel_; }
    QDockWidget* forecastDock() const { return forecastDock_; }
    // The forecast as a forecast file (ForecastWriter); false and why in `error`.
    bool saveForecast(const QString& path, QString* error = nullptr);
    // The fields of the view as VTK image data (.vti): currents, densities, and the prediction
    // and difference when there is one (sample or forecast day). False and why in `error`.
    bool saveViewVti(const QString& path, QString* error = nullptr);

signals:
    void modelChanged();
    void forecastShown(int day);  // a forecast day was drawn (tests, latency)
    void modelLoadFailed(const QString& message);
    void predictionReady();  // the sample shown has its prediction on the map

protected:
    void closeEvent(QCloseEvent* e) override;
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;

private:
    void buildMenus();
    void refresh();
    void updateRecentMenu();
    void rememberRecent(const QString& path);
    void chooseAndOpen();
    void exportImage();
    void onHover(const MapView* view, double lon, double lat, bool inside);
    void chooseMeanSubset();
    void chooseModel();
    // A row of the evaluation table: that release (selected in the dataset panel) on that day.
    void showEvaluatedSample(int release, int day);
    // The split's mean density beside the evaluation's mean absolute error per cell.
    void showEvaluationErrorMap();
    // Starts the prediction of the sample shown unless it is known or being computed.
    void requestPrediction(const Sample& sample);

    // Shows what the mean mode holds (the mean, and its error map beside it when side by side).
    void applyMeanScene();
    void showForecastDay(int day);
    void onForecastUpdated(int day);
    void exportForecast();
    void exportVti();
    void showMapMenu(double lon, double lat, const QPoint& globalPos);

    MapView* map_;
    MapView* compare_;
    QSplitter* maps_;
    QAction* sideBySideAction_ = nullptr;
    ImportActions* imports_ = nullptr;
    bool sideBySide_ = false;
    std::vector<double> shownMean_, meanError_;
    QString meanCaption_, meanErrorCaption_;
    DatasetPanel* panel_;
    LayerPanel* layers_;
    DayBar* days_;
    TrainingPanel* training_;
    QDockWidget* trainingDock_;
    QLabel* position_;
    QMenu* recentMenu_ = nullptr;
    std::shared_ptr<const DriftDataset> dataset_;
    std::unique_ptr<SceneBuilder> scene_;
    int release_ = 0;
    QString units_;
    bool meanMode_ = false;
    bool askBeforeStopping_ = true;
    bool closeAfterStop_ = false;  // the user chose to stop the run and close

    PredictionPanel* prediction_;
    QDockWidget* predictionDock_;
    EvaluationPanel* evaluation_;
    QDockWidget* evaluationDock_;
    QLabel* modelLabel_;
    QAction* unloadAction_ = nullptr;
    std::shared_ptr<const Predictor> predictor_;
    bool loadingModel_ = false;
    // The last prediction made (for the model and dataset loaded), or the error it gave.
    SamplePrediction lastPrediction_;
    QString lastPredictionError_;
    int lastErrorRelease_ = -1, lastErrorDay_ = -1;
    bool predicting_ = false;

    ForecastController* forecasts_;
    ForecastPanel* forecastPanel_;
    QDockWidget* forecastDock_;
    bool forecastMode_ = false;
    bool forecastDayOneShown_ = false;
    qint64 forecastStartedMs_ = 0;
    qint64 forecastDayOneMs_ = 0;  // from the start until day 1 was drawn
};

}  // namespace driftlab
