#include "ImportCurrentsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>
#include <memory>

#include "CurrentsPreview.h"
#include "JobRunner.h"
#include "core/CoreCount.h"
#include "netcdf/CfTime.h"
#include "ocean/CivilDate.h"

namespace driftlab {

namespace {
const QDate kEpoch(1970, 1, 1);

QDoubleSpinBox* degrees(const char* name, double lo, double hi, const QString& suffix) {
    auto* s = new QDoubleSpinBox;
    s->setObjectName(name);
    s->setRange(lo, hi);
    s->setDecimals(4);
    s->setSuffix(suffix);
    return s;
}
}  // namespace

ImportCurrentsDialog::ImportCurrentsDialog(const QStringList& files, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Import currents"));
    setObjectName("importCurrentsDialog");
    auto* top = new QVBoxLayout(this);

    auto* fileRow = new QHBoxLayout;
    files_ = new QListWidget;
    files_->setObjectName("importFiles");
    files_->setMaximumHeight(90);
    auto* add = new QPushButton(tr("Add Files..."));
    auto* remove = new QPushButton(tr("Remove"));
    auto* fileButtons = new QVBoxLayout;
    fileButtons->addWidget(add);
    fileButtons->addWidget(remove);
    fileButtons->addStretch();
    fileRow->addWidget(files_, 1);
    fileRow->addLayout(fileButtons);
    top->addWidget(
        new QLabel(tr("Model output (NetCDF-3 or -4): velocity files, and a mesh "
                      "mask or grid file if the model has one")));
    top->addLayout(fileRow);

    auto* columns = new QHBoxLayout;
    auto* settings = new QFormLayout;
    u_ = new QLineEdit;
    u_->setObjectName("importU");
    u_->setPlaceholderText(tr("detected"));
    v_ = new QLineEdit;
    v_->setObjectName("importV");
    v_->setPlaceholderText(tr("detected"));
    settings->addRow(tr("Eastward / x velocity"), u_);
    settings->addRow(tr("Northward / y velocity"), v_);
    useBox_ = new QCheckBox(tr("Only this box"));
    useBox_->setObjectName("importUseBox");
    west_ = degrees("importWest", -360, 360, QString::fromUtf8(" \u00b0E"));
    east_ = degrees("importEast", -360, 360, QString::fromUtf8(" \u00b0E"));
    south_ = degrees("importSouth", -90, 90, QString::fromUtf8(" \u00b0N"));
    north_ = degrees("importNorth", -90, 90, QString::fromUtf8(" \u00b0N"));
    auto* lonRow = new QHBoxLayout;
    lonRow->addWidget(west_);
    lonRow->addWidget(east_);
    auto* latRow = new QHBoxLayout;
    latRow->addWidget(south_);
    latRow->addWidget(north_);
    settings->addRow(useBox_);
    settings->addRow(tr("Longitude"), lonRow);
    settings->addRow(tr("Latitude"), latRow);
    useTime_ = new QCheckBox(tr("Only these days"));
    useTime_->setObjectName("importUseTime");
    from_ = new QDateEdit;
    to_ = new QDateEdit;
    for (QDateEdit* d : {from_, to_}) {
        d->setDisplayFormat("yyyy-MM-dd");
        d->setCalendarPopup(true);
    }
    auto* timeRow = new QHBoxLayout;
    timeRow->addWidget(from_);
    timeRow->addWidget(to_);
    settings->addRow(useTime_);
    settings->addRow(tr("Days"), timeRow);
    resolution_ = new QDoubleSpinBox;
    resolution_->setObjectName("importResolution");
    resolution_->setRange(0.0, 5.0);
    resolution_->setDecimals(5);
    resolution_->setSingleStep(1.0 / 64);
    resolution_->setSpecialValueText(tr("the file's own"));
    resolution_->setSuffix(QString::fromUtf8(" \u00b0"));
    settings->addRow(tr("Resolution"), resolution_);
    depthLevel_ = new QSpinBox;
    depthLevel_->setObjectName("importDepthLevel");
    depthLevel_->setRange(-1, 100000);
    depthLevel_->setValue(-1);
    depthLevel_->setSpecialValueText(tr("nearest the surface"));
    settings->addRow(tr("Depth level"), depthLevel_);
    dailyMean_ = new QCheckBox(tr("Average sub-daily steps to daily means"));
    dailyMean_->setObjectName("importDailyMean");
    settings->addRow(dailyMean_);
    direction_ = new QComboBox;
    direction_->setObjectName("importDirection");
    direction_->addItems({tr("as detected"), tr("along the grid's axes (rotate)"),
                          tr("east / north already")});
    direction_->setToolTip(tr("Where the file's names do not say which way u and v point: "
                              "grid-relative components are rotated to east / north"));
    settings->addRow(tr("Direction"), direction_);
    timeOrigin_ = new QLineEdit;
    timeOrigin_->setObjectName("importTimeOrigin");
    timeOrigin_->setPlaceholderText(tr("from the file"));
    timeOrigin_->setToolTip(tr("The start of a time axis in seconds since initialisation "
                               "(CROCO): YYYY-MM-DD or YYYY-MM-DD hh:mm"));
    settings->addRow(tr("Time origin"), timeOrigin_);
    columns->addLayout(settings);

    auto* right = new QVBoxLayout;
    summary_ = new QPlainTextEdit;
    summary_->setObjectName("importSummary");
    summary_->setReadOnly(true);
    summary_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    summary_->setMinimumWidth(560);
    summary_->setPlaceholderText(tr("Add files: what DriftLab finds in them shows here."));
    right->addWidget(new QLabel(tr("Detected")));
    right->addWidget(summary_, 1);
    preview_ = new CurrentsPreview;
    right->addWidget(preview_, 1);
    detectButton_ = new QPushButton(tr("Detect Again"));
    detectButton_->setObjectName("importDetect");
    right->addWidget(detectButton_, 0, Qt::AlignRight);
    columns->addLayout(right, 1);
    top->addLayout(columns, 1);

    generateBox_ = new QGroupBox(tr("Then generate a dataset on these currents, and open it"));
    generateBox_->setObjectName("importGenerate");
    generateBox_->setCheckable(true);
    generateBox_->setChecked(true);
    auto* gen = new QHBoxLayout(generateBox_);
    releases_ = new QSpinBox;
    releases_->setObjectName("importReleases");
    releases_->setRange(1, 1'000'000);
    releases_->setValue(200);
    particles_ = new QSpinBox;
    particles_->setObjectName("importParticles");
    particles_->setRange(1, 10'000'000);
    particles_->setValue(1000);
    particles_->setGroupSeparatorShown(true);
    days_ = new QSpinBox;
    days_->setObjectName("importDays");
    days_->setRange(1, 365);
    days_->setValue(10);
    radius_ = new QDoubleSpinBox;
    radius_->setRange(0.1, 500);
    radius_->setValue(10);
    radius_->setSuffix(" km");
    for (auto [label, w] : {std::pair<QString, QWidget*>{tr("releases"), releases_},
                            {tr("particles each"), particles_},
                            {tr("output days"), days_},
                            {tr("radius"), radius_}}) {
        gen->addWidget(w);
        gen->addWidget(new QLabel(label));
    }
    gen->addStretch();
    top->addWidget(generateBox_);

    auto* outRow = new QHBoxLayout;
    output_ = new QLineEdit;
    output_->setObjectName("importOutput");
    auto* browse = new QPushButton(tr("Browse..."));
    outRow->addWidget(new QLabel(tr("Currents file")));
    outRow->addWidget(output_, 1);
    outRow->addWidget(browse);
    top->addLayout(outRow);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    importButton_ = buttons->button(QDialogButtonBox::Ok);
    importButton_->setText(tr("Import"));
    importButton_->setEnabled(false);
    top->addWidget(buttons);

    connect(add, &QPushButton::clicked, this, &ImportCurrentsDialog::addFiles);
    connect(remove, &QPushButton::clicked, this, [this] {
        qDeleteAll(files_->selectedItems());
        settingsChanged();
    });
    connect(browse, &QPushButton::clicked, this, &ImportCurrentsDialog::chooseOutput);
    connect(detectButton_, &QPushButton::clicked, this, &ImportCurrentsDialog::detect);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Any change of a setting asks for a new detection before the import.
    for (QLineEdit* e : {u_, v_})
        connect(e, &QLineEdit::textEdited, this, &ImportCurrentsDialog::settingsChanged);
    connect(timeOrigin_, &QLineEdit::editingFinished, this, &ImportCurrentsDialog::settingsChanged);
    connect(direction_, &QComboBox::currentIndexChanged, this,
            &ImportCurrentsDialog::settingsChanged);
    for (QDoubleSpinBox* s : {west_, east_, south_, north_, resolution_})
        connect(s, &QDoubleSpinBox::valueChanged, this, &ImportCurrentsDialog::settingsChanged);
    for (QCheckBox* c : {useBox_, useTime_, dailyMean_})
        connect(c, &QCheckBox::toggled, this, &ImportCurrentsDialog::settingsChanged);
    for (QDateEdit* d : {from_, to_})
        connect(d, &QDateEdit::dateChanged, this, &ImportCurrentsDialog::settingsChanged);
    connect(depthLevel_, &QSpinBox::valueChanged, this, &ImportCurrentsDialog::settingsChanged);
    connect(output_, &QLineEdit::textChanged, this,
            [this] { importButton_->setEnabled(detected_ && !output_->text().isEmpty()); });
    if (!files.isEmpty()) setFiles(files);
}

QStringList ImportCurrentsDialog::files() const {
    QStringList out;
    for (int k = 0; k < files_->count(); ++k) out << files_->item(k)->text();
    return out;
}

void ImportCurrentsDialog::setFiles(const QStringList& files) {
    files_->clear();
    files_->addItems(files);
    boxFromFile_ = true;
    if (!files.isEmpty() && output_->text().isEmpty()) {
        const QFileInfo first(files.front());
        output_->setText(first.absolutePath() + "/" + first.completeBaseName() + "-currents.h5");
    }
    settingsChanged();
}

void ImportCurrentsDialog::addFiles() {
    const QStringList chosen = QFileDialog::getOpenFileNames(
        this, tr("Model output"), QString(), tr("NetCDF (*.nc *.nc4 *.cdf *.h5);;All files (*)"));
    if (!chosen.isEmpty()) setFiles(files() + chosen);
}

void ImportCurrentsDialog::chooseOutput() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Currents file"), output_->text(),
                                                      tr("DriftLab files (*.h5)"));
    if (!path.isEmpty()) output_->setText(path);
}

void ImportCurrentsDialog::settingsChanged() {
    if (sender() == west_ || sender() == east_ || sender() == south_ || sender() == north_)
        boxFromFile_ = false;
    detected_ = false;
    importButton_->setEnabled(false);
    if (detecting_)
        redetect_ = true;
    else if (files_->count() > 0)
        detect();
}

CurrentsImportOptions ImportCurrentsDialog::options() const {
    CurrentsImportOptions o;
    o.overrides.u = u_->text().trimmed().toStdString();
    o.overrides.v = v_->text().trimmed().toStdString();
    if (depthLevel_->value() >= 0) o.overrides.depthLevel = depthLevel_->value();
    if (useBox_->isChecked()) {
        o.lonRange = std::make_pair(west_->value(), east_->value());
        o.latRange = std::make_pair(south_->value(), north_->value());
    }
    if (useTime_->isChecked())
        o.timeRange = std::make_pair(static_cast<int>(kEpoch.daysTo(from_->date())),
                                     static_cast<int>(kEpoch.daysTo(to_->date())));
    if (resolution_->value() > 0) o.resolutionDeg = resolution_->value();
    o.dailyMean = dailyMean_->isChecked();
    if (direction_->currentIndex() > 0) o.overrides.gridRelative = direction_->currentIndex() == 1;
    const QString origin = timeOrigin_->text().trimmed();
    if (!origin.isEmpty()) {
        try {
            o.overrides.timeOriginDays =
                CfTime::parse("days since " + origin.toStdString(), "").toDays(0);
        } catch (const std::invalid_argument&) {  // said by detect(); the file's own is used
        }
    }
    return o;
}

QString ImportCurrentsDialog::currentsPath() const {
    return output_->text();
}

QString ImportCurrentsDialog::datasetPath() const {
    const QFileInfo c(output_->text());
    QString base = c.completeBaseName();
    if (base.endsWith("-currents")) base.chop(9);
    return c.absolutePath() + "/" + base + "-dataset.h5";
}

GenerateOnCurrents ImportCurrentsDialog::generate() const {
    GenerateOnCurrents g;
    g.enabled = generateBox_->isChecked();
    g.releases = releases_->value();
    g.particles = particles_->value();
    g.outputDays = days_->value();
    g.radiusKm = radius_->value();
    g.threads = coreCount();
    return g;
}

QString ImportCurrentsDialog::summaryText() const {
    return summary_->toPlainText();
}

void ImportCurrentsDialog::detect() {
    if (files_->count() == 0) return;
    detecting_ = true;
    detectButton_->setEnabled(false);
    summary_->setPlainText(tr("Reading the files..."));
    std::vector<std::string> paths;
    for (const QString& f : files()) paths.push_back(f.toStdString());
    const CurrentsImportOptions o = options();
    auto plan = std::make_shared<CurrentsImportPlan>();
    auto preview = std::make_shared<PreviewField>();
    auto previewError = std::make_shared<std::string>();
    const QString origin = timeOrigin_->text().trimmed();
    if (!origin.isEmpty() && !o.overrides.timeOriginDays) {
        detecting_ = false;
        detectButton_->setEnabled(true);
        summary_->setPlainText(tr("Time origin '%1' is not a date: YYYY-MM-DD or YYYY-MM-DD hh:mm")
                                   .arg(origin));
        emit detectionDone(false);
        return;
    }
    preview_->setMessage(tr("Reading the first field..."));
    JobRunner::start(
        this, tr("Detecting"),
        [paths, o, plan, preview, previewError](const JobControl& control) {
            *plan = planCurrentsImport(paths, o);
            // The first field as it will be imported: rotated, the level chosen, regridded.
            try {
                CurrentsImportOptions first = o;
                first.timeRange = std::make_pair(plan->firstDay, plan->firstDay);
                const ImportedCurrents c = importCurrents(paths, first, control);
                const CurrentFields& f = c.fields;
                const Grid& g = f.grid();
                preview->nx = g.nx;
                preview->ny = g.ny;
                preview->lonMin = g.lonMin;
                preview->latMin = g.latMin;
                preview->dLon = g.dLon;
                preview->dLat = g.dLat;
                preview->u.assign(f.uDay(0), f.uDay(0) + g.cellCount());
                preview->v.assign(f.vDay(0), f.vDay(0) + g.cellCount());
                preview->ocean.resize(g.cellCount());
                for (int j = 0; j < g.ny; ++j)
                    for (int i = 0; i < g.nx; ++i)
                        preview->ocean[static_cast<std::size_t>(j) * g.nx + i] =
                            f.mask.isOcean(i, j) ? 1 : 0;
                const CurrentsLayout& L = plan->layout;
                preview->title =
                    QString::fromStdString(formatDate(f.startDay) + ": " + L.u.var + " / " +
                                           L.v.var + ", " + L.velocityKind +
                                           (L.gridRelative ? ", rotated to east / north"
                                                           : ", east / north"));
            } catch (const JobCancelled&) {
                throw;
            } catch (const std::exception& e) {
                *previewError = e.what();
            }
        },
        [this, plan, preview, previewError](const JobOutcome& outcome) {
            detecting_ = false;
            detectButton_->setEnabled(true);
            if (redetect_) {  // what was read is already out of date
                redetect_ = false;
                detect();
                return;
            }
            if (outcome.ok) {
                applyPlan(*plan);
                if (previewError->empty())
                    preview_->setField(std::move(*preview));
                else
                    preview_->setMessage(tr("The first field could not be read: %1")
                                             .arg(QString::fromStdString(*previewError)));
            } else {
                detected_ = false;
                summary_->setPlainText(tr("Cannot import these files:\n%1").arg(outcome.error));
                preview_->setMessage(QString());
            }
            importButton_->setEnabled(detected_ && !output_->text().isEmpty());
            emit detectionDone(detected_);
        },
        false);
}

void ImportCurrentsDialog::applyPlan(const CurrentsImportPlan& plan) {
    summary_->setPlainText(QString::fromStdString(plan.summary()));
    detected_ = true;
    const CurrentsLayout& L = plan.layout;
    // Show the detected values in the fields the user may override (without re-detecting).
    const QSignalBlocker b1(u_), b2(v_), b3(west_), b4(east_), b5(south_), b6(north_), b7(from_),
        b8(to_), b9(depthLevel_);
    u_->setPlaceholderText(QString::fromStdString(L.u.var));
    v_->setPlaceholderText(QString::fromStdString(L.v.var));
    if (boxFromFile_) {
        west_->setValue(plan.grid.lonMin);
        east_->setValue(plan.grid.lonMax());
        south_->setValue(plan.grid.latMin);
        north_->setValue(plan.grid.latMax());
    }
    if (!useTime_->isChecked()) {
        const QDate first = kEpoch.addDays(plan.firstDay),
                    last = kEpoch.addDays(plan.firstDay + plan.days - 1);
        from_->setDateRange(first, last);
        to_->setDateRange(first, last);
        from_->setDate(first);
        to_->setDate(last);
    }
    days_->setMaximum(std::max(1, plan.days - 1));
}

}  // namespace driftlab
