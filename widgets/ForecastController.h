#pragma once
// Runs forecasts off the GUI thread for the explorer: the rollout of a dataset release (the
// model fed its own output from the simulated day 0), or a new release anywhere in the domain
// (simulated with the dataset's own simulator settings, then rolled out by the model if one is
// loaded). Results arrive on the GUI thread in pieces (updated(day)) so the first day shows
// before the rest is computed. One forecast at a time; a new start or cancel() drops the old.
#include <QObject>
#include <QPointer>
#include <QString>
#include <chrono>
#include <functional>
#include <memory>

#include "Forecast.h"

namespace driftlab {

class DriftDataset;
class JobControl;
class JobRunner;
class Predictor;

class ForecastController : public QObject {
    Q_OBJECT
public:
    explicit ForecastController(QObject* parent = nullptr);
    ~ForecastController() override;

    // A new dataset or model; drops the forecast shown (it was made with the old ones).
    void setSources(std::shared_ptr<const DriftDataset> dataset,
                    std::shared_ptr<const Predictor> predictor);
    const DriftDataset* dataset() const { return dataset_.get(); }
    bool hasModel() const { return predictor_ != nullptr; }

    // Needs a model; false (and why in `error`) if it cannot start.
    bool startRollout(int release, QString* error = nullptr);
    // The model is optional. Checks the point and the dates first (false and why).
    bool startRelease(const ReleaseSpec& spec, bool keepParticles, QString* error = nullptr);
    void cancel();
    bool running() const;
    // The forecast being filled or done; null before the first start, or after clear().
    const Forecast* forecast() const { return forecast_.get(); }
    void clear();

    // The current fields of current-field day k (read from the dataset).
    void currentsOf(int k, std::vector<float>& u, std::vector<float>& v) const;

signals:
    void started();
    void updated(int day);  // day's maps (simulated and/or predicted) are ready; -1: all days
    void progress(double fraction, const QString& stage);
    // ok, or cancelled, or failed with `error` (a sentence).
    void finished(bool ok, bool cancelled, const QString& error);

private:
    void begin(std::shared_ptr<Forecast> forecast);
    static void post(const QPointer<ForecastController>& self, std::uint64_t generation,
                     std::function<void(Forecast&)> change, int day);
    using Clock = std::chrono::steady_clock;
    // The model's rollout from day0 (in the worker), each day posted as it is ready; progress
    // goes from `progressFrom` to 1.
    static void rollOut(const QPointer<ForecastController>& self, std::uint64_t generation,
                        const Predictor& predictor, const DriftDataset& dataset,
                        const std::vector<float>& day0, int firstCurrentDay, int days,
                        double progressFrom, Clock::time_point t0, const JobControl& control);
    // Runs `work` in a worker; finished() and progress() for this forecast only.
    void run(const QString& title, std::function<void(const JobControl&)> work);

    std::shared_ptr<const DriftDataset> dataset_;
    std::shared_ptr<const Predictor> predictor_;
    std::shared_ptr<Forecast> forecast_;
    JobRunner* runner_ = nullptr;
    std::uint64_t generation_ = 0;
};

}  // namespace driftlab
