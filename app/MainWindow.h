#pragma once
// The main window: the map in the middle, the dataset panel and the layer panel in docks, the
// day bar below, the position readout in the status bar. It shows one thing at a time (a
// ViewMode): samples itself, with the model's predictions from a PredictionController; the
// mean density through a MeanPresenter; forecasts through a ForecastPresenter. The exports are
// a ViewExporter's jobs.
#include <QMainWindow>
#include <memory>

#include "ForecastPresenter.h"
#include "PredictionController.h"
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
class MeanPresenter;
class Predictor;
class ImportActions;
class PredictionPanel;
class RecentFiles;
class TrainingPanel;
class ViewExporter;

// What the maps show: a sample of the dataset (with the model's prediction when there is one),
// the mean density of a subset (beside a model's mean error), or a forecast day.
enum class ViewMode { Sample, Mean, Forecast };

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a dataset off the GUI thread (reading its first sample, so a broken file says so
    // now) with progress and Cancel, the window drawing meanwhile, and returns once it is open;
    // on failure shows a dialog that says why and keeps what was open.
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
    ViewMode viewMode() const { return mode_; }
    bool showingMean() const { return mode_ == ViewMode::Mean; }
    // The mean density of a split (-1: all) beside the mean absolute error per cell of a model
    // over it (ny x nx, e.g. EvaluationResult::meanAbsoluteError); turns side-by-side on.
    void showMeanWithError(int split, const std::vector<double>& meanError,
                           const QString& errorCaption);

    // Loads a model (a run folder, a checkpoint, or PyTorch weights with their .json) off the
    // GUI thread with a progress dialog; modelChanged() when loaded, an error dialog if not.
    void loadModel(const QString& path);
    void unloadModel();
    PredictionController* predictions() const { return predictions_; }
    const Predictor* predictor() const { return predictions_->predictor().get(); }
    QString modelDescription() const { return predictions_->description(); }
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
    bool predicting() const { return predictions_->predicting(); }

    // Forecasts: the model's rollout of a dataset release, or a new release anywhere in the
    // ocean (click-to-release), shown side by side with the simulation day by day, with their
    // per-day metrics in the Forecast dock. False (and a message in the status bar and in
    // `error`) when it cannot start: no model for a rollout, a point on land or outside.
    bool startRollout(int release, QString* error = nullptr);
    bool releaseAt(const ReleaseSpec& spec, bool keepParticles, QString* error = nullptr);
    // Asks where and how (ReleaseDialog), starting from (lon, lat).
    void chooseRelease(double lon, double lat);
    void closeForecast();
    bool showingForecast() const { return mode_ == ViewMode::Forecast; }
    // Milliseconds from the start of the last forecast until its day 1 was drawn (-1: not yet).
    qint64 forecastDayOneMs() const { return forecast_->dayOneMs(); }
    ForecastPresenter* forecasts() const { return forecast_; }
    ForecastController* forecastController() const { return forecast_->controller(); }
    ForecastPanel* forecastPanel() const { return forecast_->panel(); }
    QDockWidget* forecastDock() const { return forecast_->dock(); }
    // Exports, each a job (progress dialog, Cancel) that starts here and ends with
    // viewExporter()->finished(); false and why in `error` when it cannot start.
    // The forecast as a forecast file (ForecastWriter).
    bool saveForecast(const QString& path, QString* error = nullptr);
    // The fields of the view as VTK image data (.vti): currents, densities, and the prediction
    // and difference when there is one (sample or forecast day).
    bool saveViewVti(const QString& path, QString* error = nullptr);
    ViewExporter* viewExporter() const { return exporter_; }

signals:
    void modelChanged();
    void forecastShown(int day);  // a forecast day was drawn (tests, latency)
    void modelLoadFailed(const QString& message);
    void predictionReady();  // the sample shown has its prediction on the map

protected:
    bool eventFilter(QObject* watched, QEvent* e) override;
    void closeEvent(QCloseEvent* e) override;
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;

private:
    void buildMenus();
    // Side by side: splits the maps' area left | right or one above the other, whichever gives
    // each map more area at the grid's aspect (a wide basin stacks), in two halves when it turns.
    void arrangeSideBySide();
    void halveMaps();  // the maps' splitter in two equal halves
    // Draws what the mode shows: the mean, else the sample or forecast day.
    void redraw();
    // A new dataset or model: what was computed with the old ones goes (the forecast, the
    // evaluation's error map; the prediction cache is the controller's), then redraw().
    void sourcesChanged();
    void onModelChanged();
    void refresh();
    void chooseAndOpen();
    void exportImage();
    void onHover(const MapView* view, double lon, double lat, bool inside);
    void chooseMeanSubset();
    // A row of the evaluation table: that release (selected in the dataset panel) on that day.
    void showEvaluatedSample(int release, int day);
    // The split's mean density beside the evaluation's mean absolute error per cell.
    void showEvaluationErrorMap();
    // Puts the model's prediction of `s` into it when known, else says in the Prediction panel
    // why not (and starts computing it). True when `s` has its prediction.
    bool attachPrediction(Sample& s);

    void exportVti();
    void onExported(bool ok, const QString& path, const QString& error);
    // The current-field day of the sample shown (a new release's proposed start).
    int shownCurrentDay() const;

    MapView* map_;
    MapView* compare_;
    QSplitter* maps_;
    QAction* sideBySideAction_ = nullptr;
    ImportActions* imports_ = nullptr;
    bool sideBySide_ = false;
    DatasetPanel* panel_;
    LayerPanel* layers_;
    DayBar* days_;
    TrainingPanel* training_;
    QDockWidget* trainingDock_;
    QLabel* position_;
    RecentFiles* recent_ = nullptr;
    std::shared_ptr<const DriftDataset> dataset_;
    std::unique_ptr<SceneBuilder> scene_;
    int release_ = 0;
    QString units_;
    ViewMode mode_ = ViewMode::Sample;
    bool opening_ = false;  // a dataset is being opened
    bool askBeforeStopping_ = true;
    bool closeAfterStop_ = false;  // the user chose to stop the run and close

    PredictionPanel* prediction_;
    QDockWidget* predictionDock_;
    EvaluationPanel* evaluation_;
    QDockWidget* evaluationDock_;
    QLabel* modelLabel_;
    QAction* unloadAction_ = nullptr;
    PredictionController* predictions_;
    ViewExporter* exporter_;
    MeanPresenter* means_;

    ForecastPresenter* forecast_;
};

}  // namespace driftlab
