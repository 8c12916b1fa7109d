#include "TrainingProgressText.h"

#include <QCoreApplication>
#include <algorithm>

#include "core/Duration.h"

namespace driftlab {

namespace {

// The panel's translation context, as before the text moved here.
QString tr(const char* text) {
    return QCoreApplication::translate("driftlab::TrainingPanel", text);
}

QString stageText(const std::string& stage) {
    if (stage == "loading") return tr("loading");
    if (stage == "validating") return tr("validating");
    if (stage == "saving") return tr("saving");
    if (stage == "paused") return tr("paused");
    return QString::fromStdString(stage);
}

}  // namespace

QString TrainingProgressText::duration(double seconds) {
    return QString::fromStdString(spokenDuration(seconds));
}

TrainingProgressText::Line TrainingProgressText::progress(const State& state) {
    Line line;
    const auto& p = state.progress;
    if (state.busy && p && p->epochs > 0) {
        const double perEpoch = std::max(1, p->batchesPerEpoch);
        const double done = (p->epoch - 1) * perEpoch + p->batch;
        line.value =
            static_cast<int>(std::clamp(1000 * done / (p->epochs * perEpoch), 0.0, 1000.0));
        QString text = tr("Epoch %1 / %2, batch %3 / %4")
                           .arg(p->epoch)
                           .arg(p->epochs)
                           .arg(p->batch)
                           .arg(p->batchesPerEpoch);
        if (p->samplesPerSecond > 0)
            text += tr(", %1 samples/s")
                        .arg(p->samplesPerSecond, 0, 'f', p->samplesPerSecond < 10 ? 1 : 0);
        if (p->etaSeconds > 0) text += tr(", ETA %1").arg(duration(p->etaSeconds));
        if (state.paused) {
            text += tr(" (paused)");
        } else if (state.stopping) {
            text += tr(" (stopping)");
        } else if (!p->stage.empty() && p->stage != "training") {
            text += " (" + stageText(p->stage) + ")";
        }
        line.text = text;
        line.format = "%p %";
    } else if (state.busy) {
        line.text = state.stopping ? tr("Stopping...")
                                   : tr("Loading the dataset and building the model...");
    } else if (state.targetEpochs > 0) {
        line.value = std::clamp(1000 * state.epochsDone / state.targetEpochs, 0, 1000);
        line.format = tr("%1 / %2 epochs").arg(state.epochsDone).arg(state.targetEpochs);
        line.text = tr("Idle");
    } else {
        line.text = tr("Idle");
    }
    return line;
}

QString TrainingProgressText::outcome(TrainingOutcome outcome, const QString& message,
                                      int epochsDone, const TrainingHistory& history,
                                      bool* error) {
    if (error) *error = outcome == TrainingOutcome::Diverged;
    switch (outcome) {
        case TrainingOutcome::Finished: {
            QString text = tr("Finished %1 epochs.").arg(epochsDone);
            const auto best = history.bestEpoch();
            for (const EpochRecord& e : history.epochs) {
                if (best && e.epoch == *best)
                    text += tr(" Best validation loss %1 at epoch %2.")
                                .arg(e.valLoss, 0, 'g', 4)
                                .arg(*best);
            }
            return text;
        }
        case TrainingOutcome::Stopped:
            // The engine says where it stopped and which checkpoint to continue from.
            return message.isEmpty() ? tr("Stopped; last.pt holds the position.")
                                     : tr("Stopped: %1.").arg(message);
        case TrainingOutcome::Diverged:
            return tr("Diverged: %1").arg(message);
    }
    return {};
}

}  // namespace driftlab
