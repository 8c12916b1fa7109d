#pragma once
// Runs training for the GUI. A worker QThread owns the TrainingSession: it creates or resumes
// it (heavy: opens the dataset, computes the normalisation, builds the model) and calls its
// blocking run(). The session's observer callbacks, on the worker thread, only store the news
// under a mutex; a 40 ms single-shot timer on the GUI thread takes it and emits updated(), so a
// run that logs every batch costs the GUI at most 25 redraws a second. Pause / resume / stop set
// TrainingControl's atomic flags directly: the trainer looks at them between batches.
#include <QObject>
#include <QString>
#include <memory>
#include <optional>

#include "learn/TrainingSession.h"

class QTimer;

namespace driftlab {

class TrainingController : public QObject {
    Q_OBJECT
public:
    enum class State {
        Idle,     // nothing running (a run may be open: its curves are shown)
        Loading,  // creating or resuming the session
        Training,
        Stopping,  // stop requested, waiting for the checkpoint
    };
    // What the GUI knows about the open run, copied from the worker.
    struct RunInfo {
        QString runDir;
        QString resumeFrom;  // what continuing loads: the run folder, or the checkpoint opened
        std::optional<TrainingConfig> config;
        bool sessionLoaded = false;  // the model is in memory (continue without reloading)
        int epochsDone = 0;
        long parameterCount = 0;
        int trainPairs = 0;
        int validationPairs = 0;
    };

    explicit TrainingController(QObject* parent = nullptr);
    // Stops a running session and waits for it (its checkpoint is written).
    ~TrainingController() override;

    // A new run with `config` in `runDir` (the engine refuses a folder that holds a run).
    void startNew(const TrainingConfig& config, const QString& runDir);
    // Shows a previous run (run folder, or a checkpoint file in one) without loading the model:
    // its settings and curves. Throws std::runtime_error when it is not a run.
    void openRun(const QString& runDirOrCheckpoint);
    // Trains the open run on to its target epoch count (loading it first when needed).
    void continueRun();
    // Raises the open run's target by `epochs` and trains on.
    void trainMore(int epochs);

    void pause();
    void resume();
    void stop();
    // Stops and blocks until the worker is idle (the checkpoint is written), or `timeoutMs`.
    bool stopAndWait(int timeoutMs = -1);

    State state() const { return state_; }
    bool busy() const { return state_ != State::Idle; }
    bool paused() const;
    const RunInfo& run() const { return run_; }
    const TrainingHistory& history() const { return history_; }
    // The latest progress report (empty before the first).
    const std::optional<TrainingProgress>& progress() const { return progress_; }
    // The outcome and message of the last run() (nullopt while none has ended).
    std::optional<TrainingOutcome> lastOutcome() const { return outcome_; }
    const QString& lastMessage() const { return message_; }

signals:
    void stateChanged(driftlab::TrainingController::State state);
    // A session was created or resumed, or a run folder opened: run() and history() changed.
    void runChanged();
    // New progress, batches or epochs (at most every 40 ms).
    void updated();
    // A line from the engine (onMessage).
    void message(const QString& text);
    // run() returned. `message` says why for Stopped and Diverged.
    void finished(driftlab::TrainingOutcome outcome, const QString& message);
    // An exception from create, resume or run; the state is back to Idle.
    void failed(const QString& error);

private:
    struct Job;
    struct Shared;
    class Observer;
    void launch(Job job);
    void setState(State s);
    void flush();
    void onLoaded(const RunInfo& info, const TrainingHistory& history);
    void onJobEnded(std::optional<RunInfo> info, std::optional<TrainingHistory> history,
                    std::optional<TrainingOutcome> outcome, const QString& message,
                    const QString& error);

    std::shared_ptr<Shared> shared_;
    QTimer* flushTimer_;
    State state_ = State::Idle;
    RunInfo run_;
    TrainingHistory history_;
    std::optional<TrainingProgress> progress_;
    std::optional<TrainingOutcome> outcome_;
    QString message_;
};

}  // namespace driftlab
