#pragma once
// The explorer's model: the loaded Predictor and its prediction of the sample shown. Loading and
// predicting run off the GUI thread (JobRunner); the last prediction (or the error it gave) is
// kept, so going back to a sample does not predict it again. A new dataset or model drops it.
#include <QObject>
#include <QString>
#include <memory>

#include "SamplePrediction.h"

class QWidget;

namespace driftlab {

class DriftDataset;
class Predictor;
struct Sample;

class PredictionController : public QObject {
    Q_OBJECT
public:
    // `window`: the parent of the loading progress dialog.
    explicit PredictionController(QWidget* window);
    ~PredictionController() override;

    // The dataset predictions are made on (and a weights file without its .json is normalised
    // with); drops the kept prediction.
    void setDataset(std::shared_ptr<const DriftDataset> dataset);

    // Loads a model (a run folder, a checkpoint, or PyTorch weights with their .json) with a
    // progress dialog; modelChanged() when loaded, loadFailed() if not. Ignored while loading.
    void load(const QString& path);
    void unload();
    bool loading() const { return loading_; }
    const std::shared_ptr<const Predictor>& predictor() const { return predictor_; }
    QString description() const;  // empty without a model

    // What is known of the prediction of (release, day).
    enum class State { NoModel, Ready, Failed, Pending };
    State state(int release, int day) const;
    // The prediction of (release, day) once computed, else null.
    const SamplePrediction* prediction(int release, int day) const;
    QString error() const { return error_; }  // of the last prediction that failed
    // Starts predicting `sample` (which must have its day t+1) unless a prediction is running:
    // that one ends with finished(), and the view asks again for what it shows then.
    void request(const Sample& sample);
    bool predicting() const { return predicting_; }

signals:
    void modelChanged();  // loaded or unloaded
    void loadFailed(const QString& message);
    void finished();  // a prediction ended (made, or failed)

private:
    void forget();  // the kept prediction and error

    QWidget* window_;
    std::shared_ptr<const DriftDataset> dataset_;
    std::shared_ptr<const Predictor> predictor_;
    bool loading_ = false;
    bool predicting_ = false;
    SamplePrediction last_;
    QString error_;
    int errorRelease_ = -1, errorDay_ = -1;
};

}  // namespace driftlab
