#pragma once
// Runs a long model job (generate, mean, ...) off the GUI thread: a worker thread, a progress
// dialog with Cancel (or none: the caller shows progress() in its own widgets and calls
// cancel()), and a callback on the GUI thread when it ends. The job sees a JobControl:
// it reports progress from its own threads (stored under a mutex, shown by a 50 ms GUI timer,
// so progress costs the job nothing) and stops at the atomic flag Cancel sets.
#include <QObject>
#include <QString>
#include <functional>

#include "core/JobControl.h"

class QWidget;

namespace driftlab {

struct JobOutcome {
    bool ok = false;
    bool cancelled = false;
    QString error;  // what() of the job's exception
};

class JobRunner : public QObject {
    Q_OBJECT
public:
    using Work = std::function<void(const JobControl&)>;
    using Done = std::function<void(const JobOutcome&)>;

    // Starts the job; the runner deletes itself when done. With `showDialog` false the job runs
    // without a dialog (tests, background work).
    static JobRunner* start(QWidget* parent, const QString& title, Work work, Done done,
                            bool showDialog = true);
    void cancel();
    bool running() const;

signals:
    // Every 50 ms while the job runs, with or without the dialog (a panel's own progress bar).
    void progress(double fraction, const QString& stage);
    void finished(const driftlab::JobOutcome& outcome);

private:
    JobRunner(QObject* parent);
    struct Impl;
    std::shared_ptr<Impl> d_;
};

}  // namespace driftlab
