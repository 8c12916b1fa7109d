#include "TrainingController.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QThread>
#include <QTimer>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace driftlab {

namespace {
constexpr int kRedrawMs = 40;

TrainingController::RunInfo describe(const TrainingSession& s, const QString& resumeFrom) {
    TrainingController::RunInfo info;
    info.runDir = QString::fromStdString(s.runDir());
    info.resumeFrom = resumeFrom.isEmpty() ? info.runDir : resumeFrom;
    info.config = s.config();
    info.sessionLoaded = true;
    info.epochsDone = s.epochsDone();
    info.parameterCount = s.parameterCount();
    info.trainPairs = s.trainPairCount();
    info.validationPairs = s.validationPairCount();
    return info;
}
}  // namespace

struct TrainingController::Job {
    enum Kind { Create, Resume, Run } kind = Run;
    TrainingConfig config;  // Create
    std::string path;       // Create: the run folder; Resume: run folder or checkpoint
    int more = 0;           // extra epochs before running
};

struct TrainingController::Shared {
    QThread thread;
    QObject* worker = nullptr;  // lives in `thread`: jobs are queued calls on it
    TrainingControl control;
    // Touched by the worker while a job runs, by the GUI thread only when idle.
    std::unique_ptr<TrainingSession> session;

    std::mutex mutex;  // guards the news below
    std::vector<BatchRecord> batches;
    std::vector<EpochRecord> epochs;
    std::optional<TrainingProgress> progress;
    std::vector<std::string> messages;
    std::atomic<bool> flushScheduled{false};
};

class TrainingController::Observer : public TrainingObserver {
public:
    Observer(TrainingController* owner, Shared* shared) : owner_(owner), shared_(shared) {}
    void onProgress(const TrainingProgress& p) override {
        {
            std::lock_guard lock(shared_->mutex);
            shared_->progress = p;
        }
        schedule();
    }
    void onBatch(const BatchRecord& b) override {
        {
            std::lock_guard lock(shared_->mutex);
            shared_->batches.push_back(b);
        }
        schedule();
    }
    void onEpoch(const EpochRecord& e) override {
        {
            std::lock_guard lock(shared_->mutex);
            shared_->epochs.push_back(e);
        }
        schedule();
    }
    void onMessage(const std::string& m) override {
        {
            std::lock_guard lock(shared_->mutex);
            shared_->messages.push_back(m);
        }
        schedule();
    }

private:
    // One queued timer start per redraw, however many callbacks come in between.
    void schedule() {
        if (shared_->flushScheduled.exchange(true)) return;
        TrainingController* owner = owner_;
        QMetaObject::invokeMethod(
            owner, [owner] { owner->flushTimer_->start(); }, Qt::QueuedConnection);
    }
    TrainingController* owner_;
    Shared* shared_;
};

TrainingController::TrainingController(QObject* parent)
    : QObject(parent), shared_(std::make_shared<Shared>()), flushTimer_(new QTimer(this)) {
    flushTimer_->setSingleShot(true);
    flushTimer_->setInterval(kRedrawMs);
    connect(flushTimer_, &QTimer::timeout, this, &TrainingController::flush);
    shared_->thread.setObjectName("training");
    shared_->worker = new QObject;
    shared_->worker->moveToThread(&shared_->thread);
    shared_->thread.start();
}

TrainingController::~TrainingController() {
    shared_->control.stop = true;
    shared_->control.pause = false;
    shared_->thread.quit();  // after the job in progress, which the stop flag ends
    shared_->thread.wait();
    delete shared_->worker;
    shared_->session.reset();
}

bool TrainingController::paused() const {
    return shared_->control.pause;
}

void TrainingController::setState(State s) {
    if (s == state_) return;
    state_ = s;
    emit stateChanged(s);
}

void TrainingController::startNew(const TrainingConfig& config, const QString& runDir) {
    Job job;
    job.kind = Job::Create;
    job.config = config;
    job.path = runDir.toStdString();
    launch(std::move(job));
}

void TrainingController::openRun(const QString& path) {
    if (busy()) throw std::runtime_error("a run is in progress");
    const QFileInfo info(path);
    const QString dir = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
    if (!TrainingSession::isRunFolder(dir.toStdString()))
        throw std::runtime_error(dir.toStdString() + " is not a training run (no config.json)");
    QFile file(QDir(dir).filePath("config.json"));
    if (!file.open(QIODevice::ReadOnly))
        throw std::runtime_error("cannot read " + file.fileName().toStdString());
    RunInfo run;
    run.runDir = dir;
    run.resumeFrom = info.absoluteFilePath();
    run.config = TrainingConfig::fromJson(file.readAll().toStdString());
    TrainingHistory history = TrainingSession::readHistory(dir.toStdString());
    run.epochsDone = static_cast<int>(history.epochs.size());
    shared_->session.reset();  // idle: the worker does not touch it
    outcome_.reset();
    message_.clear();
    progress_.reset();
    onLoaded(run, history);
}

void TrainingController::continueRun() {
    trainMore(0);
}

void TrainingController::trainMore(int epochs) {
    if (run_.runDir.isEmpty()) return;
    Job job;
    job.kind = run_.sessionLoaded && shared_->session ? Job::Run : Job::Resume;
    job.path = run_.resumeFrom.toStdString();
    job.more = std::max(0, epochs);
    launch(std::move(job));
}

void TrainingController::launch(Job job) {
    if (busy()) return;
    shared_->control.stop = false;
    shared_->control.pause = false;
    outcome_.reset();
    message_.clear();
    progress_.reset();
    setState(job.kind == Job::Run ? State::Training : State::Loading);
    auto shared = shared_;
    const QString resumeFrom = job.kind == Job::Resume ? run_.resumeFrom : QString();
    QMetaObject::invokeMethod(
        shared->worker,
        [this, shared, job = std::move(job), resumeFrom] {
            Observer observer(this, shared.get());
            std::optional<RunInfo> info;
            std::optional<TrainingHistory> history;
            std::optional<TrainingOutcome> outcome;
            std::string message, error;
            try {
                if (job.kind == Job::Create) {
                    shared->session.reset();
                    shared->session = std::make_unique<TrainingSession>(
                        TrainingSession::create(job.config, job.path));
                } else if (job.kind == Job::Resume) {
                    shared->session.reset();
                    shared->session =
                        std::make_unique<TrainingSession>(TrainingSession::resume(job.path));
                }
                TrainingSession& session = *shared->session;
                if (job.more > 0) session.extendEpochs(job.more);
                {
                    const RunInfo loaded = describe(session, resumeFrom);
                    const TrainingHistory h = session.history();
                    QMetaObject::invokeMethod(
                        this, [this, loaded, h] { onLoaded(loaded, h); }, Qt::QueuedConnection);
                }
                // A stop requested while loading ends run() at its first check, with last.pt
                // written: every stopped run can be continued.
                outcome = session.run(shared->control, &observer);
                message = session.message();
            } catch (const std::exception& e) {
                error = e.what();
            }
            if (shared->session) {
                info = describe(*shared->session, resumeFrom);
                try {
                    history = shared->session->history();
                } catch (const std::exception&) {
                }
            }
            QMetaObject::invokeMethod(
                this,
                [this, info, history, outcome, message = QString::fromStdString(message),
                 error = QString::fromStdString(error)] {
                    onJobEnded(info, history, outcome, message, error);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void TrainingController::onLoaded(const RunInfo& info, const TrainingHistory& history) {
    {
        // News from before this point belongs to the history just received.
        std::lock_guard lock(shared_->mutex);
        shared_->batches.clear();
        shared_->epochs.clear();
    }
    run_ = info;
    history_ = history;
    if (state_ == State::Loading) setState(State::Training);
    emit runChanged();
    emit updated();
}

void TrainingController::flush() {
    std::vector<BatchRecord> batches;
    std::vector<EpochRecord> epochs;
    std::vector<std::string> messages;
    std::optional<TrainingProgress> progress;
    {
        std::lock_guard lock(shared_->mutex);
        shared_->flushScheduled = false;
        batches.swap(shared_->batches);
        epochs.swap(shared_->epochs);
        messages.swap(shared_->messages);
        progress = shared_->progress;
    }
    history_.batches.insert(history_.batches.end(), batches.begin(), batches.end());
    history_.epochs.insert(history_.epochs.end(), epochs.begin(), epochs.end());
    if (!epochs.empty()) run_.epochsDone = epochs.back().epoch;
    if (progress) progress_ = progress;
    for (const std::string& m : messages) emit message(QString::fromStdString(m));
    emit updated();
}

void TrainingController::onJobEnded(std::optional<RunInfo> info,
                                    std::optional<TrainingHistory> history,
                                    std::optional<TrainingOutcome> outcome, const QString& msg,
                                    const QString& error) {
    flushTimer_->stop();
    flush();
    {
        std::lock_guard lock(shared_->mutex);
        shared_->progress.reset();
    }
    if (info) {
        run_ = *info;
    } else {
        run_.sessionLoaded = false;  // a failed create or resume: nothing in memory
    }
    if (history) history_ = *history;  // the engine's own record, exactly
    outcome_ = error.isEmpty() ? outcome : std::nullopt;
    message_ = error.isEmpty() ? msg : error;
    shared_->control.pause = false;
    setState(State::Idle);
    emit runChanged();
    emit updated();
    if (!error.isEmpty()) {
        emit failed(error);
    } else if (outcome) {
        emit finished(*outcome, msg);
    }
}

void TrainingController::pause() {
    if (!busy()) return;
    shared_->control.pause = true;
    emit stateChanged(state_);
}

void TrainingController::resume() {
    shared_->control.pause = false;
    emit stateChanged(state_);
}

void TrainingController::stop() {
    if (!busy()) return;
    shared_->control.stop = true;
    shared_->control.pause = false;  // a paused trainer must wake up to save and return
    setState(State::Stopping);
}

bool TrainingController::stopAndWait(int timeoutMs) {
    stop();
    if (!busy()) return true;
    QEventLoop loop;
    connect(this, &TrainingController::stateChanged, &loop, [this, &loop] {
        if (!busy()) loop.quit();
    });
    if (timeoutMs >= 0) QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return !busy();
}

}  // namespace driftlab
