#pragma once
// driftlab_doc_images: the GUI pictures of README.md and docs/ (docs/images/*.png), made in the
// main window as a user sees it, and the latencies measured on the way (inference per sample,
// click-to-release). One function per group of pictures; a group that fails throws Failure and
// the others go on. tools/make-doc-images.sh runs it (and the CLI for the other pictures).
#include <QDir>
#include <QImage>
#include <QPixmap>
#include <QString>
#include <QStringList>
#include <functional>
#include <stdexcept>

namespace driftlab {
class MainWindow;
}

namespace driftlab::docimages {

struct Inputs {
    QString dataset;  // a dataset file (the docs: the demo)
    QString model;    // a run folder or a checkpoint (the docs: the demo's default run)
    QDir out;         // where the pictures go
    QStringList only;  // the group's pictures to write; empty: all of them
    int release = 120;  // the sample of prediction-overlay.png (docs/training.md)
    int day = 8;
};

// Why a group could not make its pictures.
struct Failure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Throws Failure(what) unless ok.
void require(bool ok, const QString& what);
// Writes the picture into the output folder and says so (unless `only` leaves it out); throws
// Failure if it cannot.
void save(const QImage& image, const Inputs& in, const QString& name);
void save(const QPixmap& pixmap, const Inputs& in, const QString& name);
// The view's fields drawn at a size of their own (MainWindow::saveViewImage), saved as above.
void saveView(MainWindow& w, const Inputs& in, const QString& name, int width, int height);
// Events are processed until `done` is true or `ms` have passed; false on the time-out.
bool waitFor(const std::function<bool()>& done, int ms);
// Opens the dataset and loads the model as File > Open and Model > Load do (the model off the
// GUI thread); throws Failure if either does not come.
void openDatasetAndModel(MainWindow& w, const Inputs& in);
// Waits until the window's forecast is complete and nothing runs.
bool waitForForecast(MainWindow& w);

// The groups (their pictures: DocImageGroups in main.cpp).
void evaluationImages(const Inputs& in);
void predictionImages(const Inputs& in);
void forecastImages(const Inputs& in);
void trainingImages(const Inputs& in);
void trainingLiveImages(const Inputs& in);
void layoutImages(const Inputs& in);

}  // namespace driftlab::docimages
