#pragma once
// What the training panel says about a run, from numbers alone (testable without a window):
// the progress bar and the line under it, and the status line when a run ends.
#include <QString>
#include <optional>

#include "learn/TrainingSession.h"

namespace driftlab {

class TrainingProgressText {
public:
    // Where a run stands: the trainer's latest report while it trains, else the run folder's
    // epochs.
    struct State {
        bool busy = false;
        bool paused = false;
        bool stopping = false;
        std::optional<TrainingProgress> progress;
        int epochsDone = 0;
        int targetEpochs = 0;  // 0: no run open
    };
    // The bar (0..1000), its format and the line under it.
    struct Line {
        int value = 0;
        QString format;
        QString text;
    };
    static Line progress(const State& state);

    // The status when a run ends: "Finished 3 epochs. Best validation loss 0.0123 at epoch 2."
    // and the like; `error` is set for a diverged run.
    static QString outcome(TrainingOutcome outcome, const QString& message, int epochsDone,
                           const TrainingHistory& history, bool* error = nullptr);

    // "42 s", "3 min 05 s", "2 h 07 min"; "?" for a negative or unknown time.
    static QString duration(double seconds);
};

}  // namespace driftlab
