#pragma once
// How the explorer gets a dataset: opening a file (and reading its first sample, so a broken
// file says so now, not halfway through browsing) and, on the first start, generating the demo
// dataset. Both run off the GUI thread with a progress dialog and Cancel.
#include <QString>
#include <functional>
#include <memory>

class QWidget;

namespace driftlab {

class DriftDataset;

class DatasetOpener {
public:
    struct Result {
        std::shared_ptr<const DriftDataset> dataset;  // null when not opened
        bool cancelled = false;
        QString error;  // why not, when not cancelled
    };
    // Opens `path` and waits for it, the window drawing meanwhile (a local event loop).
    static Result open(QWidget* window, const QString& path);
    // Generates the demo preset at `path`, then calls `done` (on the GUI thread) if it was made;
    // an error dialog says why if not.
    static void generateDemo(QWidget* window, const QString& path, std::function<void()> done);
};

}  // namespace driftlab
