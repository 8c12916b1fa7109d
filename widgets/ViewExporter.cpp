#include "ViewExporter.h"

#include <QWidget>
#include <stdexcept>

#include "Forecast.h"
#include "ImageDataExport.h"
#include "JobRunner.h"
#include "data/DriftDataset.h"
#include "data/ForecastWriter.h"
#include "stats/ForecastClouds.h"

namespace driftlab {

ViewExporter::ViewExporter(QWidget* window) : QObject(window), window_(window) {}

bool ViewExporter::busy() const {
    return !runner_.isNull();
}

void ViewExporter::cancel() {
    if (runner_) runner_->cancel();
}

bool ViewExporter::start(const QString& title, const QString& path, Work work, QString* error) {
    if (busy()) {
        if (error) *error = tr("An export is running: wait for it, or cancel it.");
        return false;
    }
    runner_ = JobRunner::start(
        window_, title, std::move(work),
        [this, path](const JobOutcome& outcome) {
            runner_ = nullptr;
            emit finished(outcome.ok, path, outcome.ok || outcome.cancelled ? QString()
                                                                            : outcome.error);
        },
        dialog_);
    connect(runner_, &JobRunner::progress, this, &ViewExporter::progress);
    return true;
}

bool ViewExporter::saveForecast(const Forecast* f, std::shared_ptr<const DriftDataset> dataset,
                                const QString& path, QString* error) {
    const auto fail = [error](const QString& why) {
        if (error) *error = why;
        return false;
    };
    if (!f || !dataset) return fail(tr("There is no forecast to save."));
    if (!f->complete()) return fail(tr("The forecast is not complete yet."));
    // A copy: the forecast may be closed or replaced while the file is written.
    auto record = std::make_shared<ForecastRecord>();
    record->spec = f->spec;
    record->date = f->date;
    record->placed = f->placed;
    record->sourceRelease = f->sourceRelease;
    record->simulated = f->simulated;
    if (f->hasModel()) record->predicted = f->predicted;
    if (static_cast<int>(f->advected.size()) == f->days + 1) record->advected = f->advected;
    record->mass = f->mass;
    addCloudTracks(*record, CloudGeometry(dataset->grid(), dataset->mask().values()));
    const std::string file = path.toStdString();
    const std::string kind = f->kind == Forecast::Kind::Rollout ? "rollout" : "release";
    const std::string model = f->model.toStdString();
    const std::string history = "driftlab explorer: " + f->title.toStdString();
    const int days = f->days;
    return start(
        tr("Saving the forecast"), path,
        [=](const JobControl& control) {
            control.report(0.05, "creating " + file);
            ForecastWriter writer(file, *dataset, days, kind, model, {{"history", history}});
            control.throwIfStopped();
            control.report(0.2, "writing the maps");
            writer.add(*record);
            // Cancelled here, the writer leaves nothing: the file appears only in finish().
            control.throwIfStopped();
            control.report(0.9, "writing the release table");
            writer.finish();
            control.report(1.0, "saved");
        },
        error);
}

bool ViewExporter::saveVti(ViewFields fields, const QString& path, QString* error) {
    if (!fields.dataset) {
        if (error) *error = tr("Open a dataset first.");
        return false;
    }
    auto in = std::make_shared<ViewFields>(std::move(fields));
    const std::string file = path.toStdString();
    return start(
        tr("Exporting the view as VTK image data"), path,
        [in, file](const JobControl& control) {
            const DriftDataset& ds = *in->dataset;
            control.report(0.05, "reading the currents");
            std::vector<float> u, v, next;
            ds.readCurrents(in->currentDay, u, v);
            if (in->release >= 0) {
                control.report(0.2, "reading the density maps");
                ds.readDensity(in->release, in->day, in->density);
                if (in->day < ds.outputDays()) ds.readDensity(in->release, in->day + 1, next);
            }
            control.throwIfStopped();
            control.report(0.4, "writing " + file);
            const Grid& g = ds.grid();
            std::vector<NamedArray> arrays = currentFieldArrays(g, ds.mask().values(), u, v);
            arrays.push_back({"density", in->density});
            if (!next.empty()) arrays.push_back({"density_next", next});
            if (!in->predicted.empty()) {
                // A sample's prediction is of day t+1; a forecast's of the day shown.
                const std::vector<float>& truth = next.empty() ? in->density : next;
                if (truth.size() != in->predicted.size())
                    throw std::invalid_argument("the prediction does not fit the density map");
                std::vector<float> difference(in->predicted.size());
                for (std::size_t c = 0; c < difference.size(); ++c)
                    difference[c] = in->predicted[c] - truth[c];
                arrays.push_back({"prediction", in->predicted});
                arrays.push_back({"difference", std::move(difference)});
            }
            control.throwIfStopped();
            writeImageData(file, g, arrays);  // atomic: a temporary name, then the rename
            control.report(1.0, "saved");
        },
        error);
}

bool ViewExporter::savePng(const QImage& image, const QString& path, QString* error) {
    if (image.isNull()) {
        if (error) *error = tr("The view could not be drawn.");
        return false;
    }
    return start(
        tr("Saving the view as PNG"), path,
        [image, path](const JobControl& control) {
            control.report(0.1, "encoding " + path.toStdString());
            if (!image.save(path, "PNG"))
                throw std::runtime_error("no PNG written there (no such folder, or no permission?)");
            control.report(1.0, "saved");
        },
        error);
}

}  // namespace driftlab
