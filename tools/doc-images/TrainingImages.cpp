// The training panel (docs/training.md): the model's run folder opened in a panel the size the
// main window gives its training dock (training-panel.png); and a short run trained live in the
// window on a subset of the dataset (training-live-*.png: the panel and window during the run,
// the IoU curves, the panel once stopped).
#include <QDockWidget>
#include <QTemporaryDir>
#include <QTest>

#include "DocImages.h"
#include "MainWindow.h"
#include "TrainingController.h"
#include "TrainingPanel.h"
#include "learn/TrainingConfig.h"

namespace driftlab::docimages {

namespace {

// The window the pictures are taken in, its training dock shown.
struct TrainingWindow {
    MainWindow w;
    explicit TrainingWindow(const Inputs& in) {
        w.setAskBeforeStoppingTraining(false);
        w.resize(1500, 900);
        w.show();
        require(w.openDataset(in.dataset), "could not open the dataset " + in.dataset);
        w.trainingDock()->show();
        QTest::qWait(200);  // the docks laid out
    }
};

}  // namespace

void trainingImages(const Inputs& in) {
    TrainingWindow window(in);
    TrainingPanel opened;
    opened.resize(window.w.trainingPanel()->size());
    require(opened.openRun(in.model), "could not open the run " + in.model + ": " +
                                          opened.statusText());
    opened.show();
    QTest::qWait(100);  // the first paint
    save(opened.grab(), in, "training-panel.png");
}

void trainingLiveImages(const Inputs& in) {
    QTemporaryDir dir;
    require(dir.isValid(), "no temporary folder for the run");
    TrainingWindow window(in);
    MainWindow& w = window.w;
    TrainingPanel* panel = w.trainingPanel();
    // Width 8 on a seeded subset: an epoch in a few seconds, 12 of them on the curves.
    TrainingConfig c;
    c.epochs = 40;
    c.batchSize = 4;
    c.width = 8;
    c.threads = 1;
    c.loaderThreads = 1;
    c.logEveryBatches = 1;
    c.maxTrainPairs = 64;
    c.maxValidationPairs = 32;
    panel->setConfig(c);
    panel->setRunFolder(QDir(dir.path()).filePath("live"));
    panel->train();
    require(waitFor([&] { return panel->controller()->history().epochs.size() >= 12; }, 900000),
            "the run did not reach 12 epochs: " + panel->statusText());
    QTest::qWait(100);  // the next redraw
    save(panel->grab(), in, "training-live-panel.png");
    save(w.grab(), in, "training-live-window.png");
    panel->setMetric(TrainingPanel::Metric::Iou);
    save(panel->grab(), in, "training-live-panel-iou.png");
    require(panel->controller()->stopAndWait(60000), "the run did not stop");
    save(panel->grab(), in, "training-live-panel-stopped.png");
}

}  // namespace driftlab::docimages
