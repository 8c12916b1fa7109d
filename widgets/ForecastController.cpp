#include "ForecastController.h"

#include <QCoreApplication>
#include <QPointer>
#include <chrono>

#include "JobRunner.h"
#include "data/DriftDataset.h"
#include "drift/AdvectionBaseline.h"
#include "jobs/CustomRelease.h"
#include "jobs/DatasetSimulation.h"
#include "learn/Predictor.h"
#include "ocean/CivilDate.h"

namespace driftlab {

namespace {

double msSince(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

ForecastController::ForecastController(QObject* parent) : QObject(parent) {}

ForecastController::~ForecastController() {
    cancel();
}

void ForecastController::setSources(std::shared_ptr<const DriftDataset> dataset,
                                    std::shared_ptr<const Predictor> predictor) {
    dataset_ = std::move(dataset);
    predictor_ = std::move(predictor);
    clear();
}

void ForecastController::clear() {
    cancel();
    forecast_.reset();
}

bool ForecastController::running() const {
    return runner_ != nullptr;
}

void ForecastController::cancel() {
    ++generation_;  // whatever the old job still posts is dropped
    if (runner_) runner_->cancel();
    runner_ = nullptr;
}

void ForecastController::currentsOf(int k, std::vector<float>& u, std::vector<float>& v) const {
    dataset_->readCurrents(k, u, v);
}

void ForecastController::post(const QPointer<ForecastController>& self, std::uint64_t generation,
                              std::function<void(Forecast&)> change, int day) {
    // From the worker: the change runs on the GUI thread, where the forecast is read. Posted to
    // the application (it outlives the job), so a controller gone meanwhile is no danger.
    QMetaObject::invokeMethod(
        qApp,
        [self, generation, change = std::move(change), day] {
            if (!self || generation != self->generation_ || !self->forecast_) return;
            change(*self->forecast_);
            emit self->updated(day);
        },
        Qt::QueuedConnection);
}

void ForecastController::rollOut(const QPointer<ForecastController>& self, std::uint64_t generation,
                                 const Predictor& predictor, const DriftDataset& dataset,
                                 const std::vector<float>& day0, int firstCurrentDay, int days,
                                 double progressFrom, Clock::time_point t0,
                                 const JobControl& control) {
    // The advection baseline from the same day 0 first: a few ms, and the plot has its line.
    std::vector<std::vector<float>> advected =
        predictor.advection(dataset)->rollout(firstCurrentDay, day0, days);
    post(
        self, generation,
        [advected = std::move(advected)](Forecast& shown) { shown.advected = advected; }, 0);
    predictor.rolloutFrom(day0, dataset, firstCurrentDay, days, control,
                          [&](int d, const std::vector<float>& map) {
                              control.report(progressFrom + (1.0 - progressFrom) * d / days,
                                             "model day " + std::to_string(d));
                              const double ms = msSince(t0);
                              post(
                                  self, generation,
                                  [d, map, ms, days](Forecast& shown) {
                                      shown.predicted[d] = map;
                                      if (d == 1) shown.firstDayMs = ms;
                                      if (d == days) shown.totalMs = ms;
                                  },
                                  d);
                          });
}

void ForecastController::run(const QString& title, std::function<void(const JobControl&)> work) {
    const std::uint64_t gen = generation_;
    QPointer<ForecastController> self(this);
    runner_ = JobRunner::start(
        nullptr, title, std::move(work),
        [self, gen](const JobOutcome& outcome) {
            if (!self || gen != self->generation_) return;
            self->runner_ = nullptr;
            emit self->finished(outcome.ok, outcome.cancelled, outcome.error);
        },
        false);
    connect(runner_, &JobRunner::progress, this, [this, gen](double fraction, const QString& s) {
        if (gen == generation_) emit progress(fraction, s);
    });
}

void ForecastController::begin(std::shared_ptr<Forecast> forecast) {
    cancel();
    forecast_ = std::move(forecast);
    emit started();
}

bool ForecastController::startRollout(int release, QString* error) {
    auto fail = [error](const QString& why) {
        if (error) *error = why;
        return false;
    };
    if (!dataset_) return fail(tr("Open a dataset first."));
    if (!predictor_) return fail(tr("A rollout needs a model: Model > Load Model..."));
    if (release < 0 || release >= dataset_->releaseCount())
        return fail(tr("Release %1 does not exist.").arg(release));
    const ReleaseRecord& r = dataset_->releases()[release];
    auto f = std::make_shared<Forecast>();
    f->kind = Forecast::Kind::Rollout;
    f->spec = r.spec;
    f->date = r.date;
    f->placed = r.placed;
    f->sourceRelease = release;
    f->days = dataset_->outputDays();
    f->model = QString::fromStdString(predictor_->description());
    f->predicted.resize(f->days + 1);
    f->title = tr("Release %1 (%2, %3) rolled out by the model")
                   .arg(release)
                   .arg(splitName(r.spec.split))
                   .arg(QString::fromStdString(formatDate(r.date)));
    begin(f);
    const std::uint64_t gen = generation_;
    auto ds = dataset_;
    auto predictor = predictor_;
    const auto t0 = std::chrono::steady_clock::now();
    QPointer<ForecastController> self(this);
    run(tr("Rollout"), [self, gen, ds, predictor, release, days = f->days, day = r.spec.day,
                        t0](const JobControl& control) {
        control.report(0.0, "reading the simulated maps");
        std::vector<std::vector<float>> truth(days + 1);
        for (int d = 0; d <= days; ++d) ds->readDensity(release, d, truth[d]);
        const std::vector<float> allMass = ds->mass();
        std::vector<float> mass(
            allMass.begin() + static_cast<std::ptrdiff_t>(release) * (days + 1),
            allMass.begin() + static_cast<std::ptrdiff_t>(release + 1) * (days + 1));
        const std::vector<float> day0 = truth[0];
        post(
            self, gen,
            [truth = std::move(truth), mass = std::move(mass)](Forecast& shown) mutable {
                shown.simulated = std::move(truth);
                shown.mass = std::move(mass);
            },
            -1);
        rollOut(self, gen, *predictor, *ds, day0, day, days, 0.0, t0, control);
    });
    return true;
}

bool ForecastController::startRelease(const ReleaseSpec& spec, bool keepParticles, QString* error) {
    auto fail = [error](const QString& why) {
        if (error) *error = why;
        return false;
    };
    if (!dataset_) return fail(tr("Open a dataset first."));
    const std::string problem = releasePointProblem(*dataset_, spec.lon, spec.lat);
    if (!problem.empty())
        return fail(tr("No release there: %1.").arg(QString::fromStdString(problem)));
    const int last = latestReleaseDay(*dataset_);
    if (spec.day < 0 || spec.day > last) {
        return fail(tr("The release must start between %1 and %2 so that all %3 days have "
                       "currents.")
                        .arg(QString::fromStdString(formatDate(dataset_->startDay())))
                        .arg(QString::fromStdString(formatDate(dataset_->startDay() + last)))
                        .arg(dataset_->outputDays()));
    }
    if (!(spec.radiusKm > 0) || spec.particles < 1 || spec.particles > 10'000'000)
        return fail(tr("The radius must be above 0 km and the particles 1 to 10,000,000."));
    auto f = std::make_shared<Forecast>();
    f->kind = Forecast::Kind::Release;
    f->spec = spec;
    f->date = dataset_->startDay() + spec.day;
    f->days = dataset_->outputDays();
    if (predictor_) f->model = QString::fromStdString(predictor_->description());
    f->predicted.resize(f->days + 1);
    f->title = tr("New release at %1 E %2 N on %3, %4 km, %5 particles")
                   .arg(spec.lon, 0, 'f', 3)
                   .arg(spec.lat, 0, 'f', 3)
                   .arg(QString::fromStdString(formatDate(f->date)))
                   .arg(spec.radiusKm, 0, 'g', 4)
                   .arg(spec.particles);
    begin(f);
    const std::uint64_t gen = generation_;
    auto ds = dataset_;
    auto predictor = predictor_;
    const auto t0 = std::chrono::steady_clock::now();
    QPointer<ForecastController> self(this);
    run(tr("New release"), [self, gen, ds, predictor, spec, keepParticles, days = f->days,
                            t0](const JobControl& control) {
        // Only the days the release samples (a dozen fields, not the whole year).
        control.report(0.0, "reading the currents");
        const CurrentFields fields = readCurrentsForRelease(*ds, spec.day);
        control.report(0.1, "simulating the particles");
        const DatasetSimulation sim = datasetSimulation(*ds);
        ReleaseResult result =
            simulateCustomRelease(fields, sim, spec, kCustomReleaseStream, keepParticles, control);
        std::vector<std::vector<float>> lon, lat;
        const Grid& g = ds->grid();
        for (const Particles& p : result.snapshots) {
            auto& x = lon.emplace_back();
            auto& y = lat.emplace_back();
            for (std::size_t k = 0; k < p.size(); ++k) {
                if (p.state[k] == ParticleState::Gone) continue;
                x.push_back(static_cast<float>(g.lonMin + p.x[k] * g.dLon));
                y.push_back(static_cast<float>(g.latMin + p.y[k] * g.dLat));
            }
        }
        const std::vector<float> day0 = result.maps.at(0);
        const double simulatedMs = msSince(t0);
        {
            post(
                self, gen,
                [maps = std::move(result.maps), mass = std::move(result.mass),
                 placed = result.placed, lon = std::move(lon), lat = std::move(lat), simulatedMs,
                 hasModel = predictor != nullptr](Forecast& shown) mutable {
                    shown.simulated = std::move(maps);
                    shown.mass = std::move(mass);
                    shown.placed = placed;
                    shown.particleLon = std::move(lon);
                    shown.particleLat = std::move(lat);
                    if (!hasModel) shown.firstDayMs = shown.totalMs = simulatedMs;
                },
                -1);
        }
        if (!predictor) return;
        control.report(0.3, "model rollout");
        rollOut(self, gen, *predictor, *ds, day0, spec.day, days, 0.3, t0, control);
    });
    return true;
}

}  // namespace driftlab
