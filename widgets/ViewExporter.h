#pragma once
// The explorer's exports: a forecast as a forecast file (ForecastWriter), the view's fields as
// VTK image data (.vti), the view as a PNG. Each is a job off the GUI thread with a progress
// dialog and Cancel, like the explorer's other jobs; what it writes is copied first, so the view
// may change (or the forecast close) while it runs. One export at a time.
#include <QImage>
#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>
#include <memory>
#include <vector>

class QWidget;

namespace driftlab {

class DriftDataset;
class JobControl;
class JobRunner;
struct Forecast;

// What a .vti of the view holds: the currents of a current-field day and a density map, with
// the day after and the model's map when there are.
struct ViewFields {
    std::shared_ptr<const DriftDataset> dataset;
    int currentDay = 0;  // current-field day of the currents shown
    // A sample of the dataset (its maps of `day` and day + 1 are read in the job), or -1: the
    // `density` below (a forecast day).
    int release = -1, day = 0;
    std::vector<float> density;
    // The model's map: of day + 1 for a sample, of the day shown for a forecast. Empty: none.
    std::vector<float> predicted;
};

class ViewExporter : public QObject {
    Q_OBJECT
public:
    // `window`: the parent of the progress dialog.
    explicit ViewExporter(QWidget* window);

    // Each starts its job and returns at once; false and why (in `error`) when there is nothing
    // to write or an export runs already. finished() says how it went.
    bool saveForecast(const Forecast* forecast, std::shared_ptr<const DriftDataset> dataset,
                      const QString& path, QString* error = nullptr);
    bool saveVti(ViewFields fields, const QString& path, QString* error = nullptr);
    bool savePng(const QImage& image, const QString& path, QString* error = nullptr);

    bool busy() const;
    void cancel();
    // Progress in a dialog (the default), or only in progress() (tests, scripts).
    void setProgressDialog(bool on) { dialog_ = on; }

signals:
    void progress(double fraction, const QString& stage);
    // ok: `path` was written; else `error` says why (empty when cancelled).
    void finished(bool ok, const QString& path, const QString& error);

private:
    using Work = std::function<void(const JobControl&)>;
    bool start(const QString& title, const QString& path, Work work, QString* error);

    QWidget* window_;
    QPointer<JobRunner> runner_;
    bool dialog_ = true;
};

}  // namespace driftlab
