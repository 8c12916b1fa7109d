#include "JobRunner.h"

#include <QPointer>
#include <QProgressDialog>
#include <QThread>
#include <QTimer>
#include <QWidget>
#include <atomic>
#include <mutex>

namespace driftlab {

struct JobRunner::Impl {
    std::atomic<bool> stop{false};
    std::atomic<bool> running{false};
    std::mutex mutex;
    double fraction = 0.0;
    std::string stage;
    JobOutcome outcome;
};

JobRunner::JobRunner(QObject* parent) : QObject(parent), d_(std::make_shared<Impl>()) {}

void JobRunner::cancel() {
    d_->stop = true;
}
bool JobRunner::running() const {
    return d_->running;
}

JobRunner* JobRunner::start(QWidget* parent, const QString& title, Work work, Done done,
                            bool showDialog) {
    auto* runner = new JobRunner(parent);
    auto state = runner->d_;
    state->running = true;
    QPointer<QProgressDialog> dialog;
    if (showDialog) {
        dialog = new QProgressDialog(title, QObject::tr("Cancel"), 0, 1000, parent);
        dialog->setWindowTitle(title);
        dialog->setWindowModality(Qt::WindowModal);
        dialog->setMinimumDuration(300);
        dialog->setAutoClose(false);
        dialog->setAutoReset(false);
        dialog->setValue(0);
        QObject::connect(dialog, &QProgressDialog::canceled, runner, [runner, dialog] {
            runner->cancel();
            if (dialog) dialog->setLabelText(QObject::tr("Cancelling..."));
        });
    }
    auto* timer = new QTimer(runner);
    timer->setInterval(50);
    QObject::connect(timer, &QTimer::timeout, runner, [runner, state, dialog, title] {
        double fraction = 0;
        QString stage;
        {
            std::lock_guard lock(state->mutex);
            fraction = state->fraction;
            stage = QString::fromStdString(state->stage);
        }
        emit runner->progress(fraction, stage);
        if (!dialog) return;
        dialog->setValue(static_cast<int>(1000 * fraction));
        if (!state->stop) dialog->setLabelText(title + "\n" + stage);
    });
    timer->start();
    QThread* thread = QThread::create([state, work = std::move(work)] {
        JobControl control(&state->stop, [state](double f, const std::string& stage) {
            std::lock_guard lock(state->mutex);
            state->fraction = f;
            state->stage = stage;
        });
        try {
            work(control);
            state->outcome.ok = true;
        } catch (const JobCancelled&) {
            state->outcome.cancelled = true;
        } catch (const std::exception& e) {
            state->outcome.error = QString::fromStdString(e.what());
        }
    });
    QObject::connect(thread, &QThread::finished, runner,
                     [runner, state, dialog, done = std::move(done), thread] {
                         state->running = false;
                         if (dialog) dialog->deleteLater();
                         thread->deleteLater();
                         if (done) done(state->outcome);
                         emit runner->finished(state->outcome);
                         runner->deleteLater();
                     });
    thread->start();
    return runner;
}

}  // namespace driftlab
