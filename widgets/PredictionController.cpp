#include "PredictionController.h"

#include <QFileInfo>
#include <QWidget>

#include "JobRunner.h"
#include "SceneBuilder.h"
#include "learn/Predictor.h"

namespace driftlab {

PredictionController::PredictionController(QWidget* window) : QObject(window), window_(window) {}

PredictionController::~PredictionController() = default;

void PredictionController::setDataset(std::shared_ptr<const DriftDataset> dataset) {
    dataset_ = std::move(dataset);
    forget();
}

void PredictionController::forget() {
    last_ = SamplePrediction{};
    error_.clear();
    errorRelease_ = errorDay_ = -1;
}

QString PredictionController::description() const {
    return predictor_ ? QString::fromStdString(predictor_->description()) : QString();
}

void PredictionController::load(const QString& path) {
    if (loading_) return;
    loading_ = true;
    auto ds = dataset_;
    auto loaded = std::make_shared<std::shared_ptr<const Predictor>>();
    const std::string file = path.toStdString();
    JobRunner::start(
        window_, tr("Loading the model %1").arg(QFileInfo(path).fileName()),
        [ds, file, loaded](const JobControl& control) {
            control.report(0.1, "reading " + file);
            Predictor predictor = Predictor::load(file, ds.get());
            // One thread: on a small machine two Torch threads compete with the map's drawing
            // (llvmpipe) and a forecast's days came 5-10x slower (docs/performance.md).
            predictor.setThreads(1);
            *loaded = std::make_shared<const Predictor>(std::move(predictor));
            control.report(1.0, "loaded");
        },
        [this, loaded](const JobOutcome& outcome) {
            loading_ = false;
            if (outcome.ok) {
                predictor_ = *loaded;
                forget();
                emit modelChanged();
            } else if (!outcome.cancelled) {
                emit loadFailed(outcome.error);
            }
        });
}

void PredictionController::unload() {
    predictor_.reset();
    forget();
    emit modelChanged();
}

PredictionController::State PredictionController::state(int release, int day) const {
    if (!predictor_) return State::NoModel;
    if (prediction(release, day)) return State::Ready;
    if (errorRelease_ == release && errorDay_ == day) return State::Failed;
    return State::Pending;
}

const SamplePrediction* PredictionController::prediction(int release, int day) const {
    if (!predictor_ || last_.predicted.empty() || last_.release != release || last_.day != day)
        return nullptr;
    return &last_;
}

void PredictionController::request(const Sample& sample) {
    if (predicting_ || !predictor_ || !dataset_) return;
    predicting_ = true;
    auto predictor = predictor_;
    auto ds = dataset_;
    auto result = std::make_shared<SamplePrediction>();
    JobRunner::start(
        window_, tr("Predicting"),
        [predictor, ds, sample, result](const JobControl&) {
            *result = predictSample(*predictor, sample, *ds);
        },
        [this, predictor, ds, result, release = sample.release,
         day = sample.day](const JobOutcome& outcome) {
            predicting_ = false;
            // A prediction for a model or dataset replaced meanwhile is dropped.
            if (predictor == predictor_ && ds == dataset_) {
                if (outcome.ok) {
                    last_ = std::move(*result);
                } else {
                    error_ = outcome.error;
                    errorRelease_ = release;
                    errorDay_ = day;
                }
            }
            emit finished();
        },
        false);
}

}  // namespace driftlab
