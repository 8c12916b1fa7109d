#include "ReleaseDialog.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <algorithm>

#include "data/DriftDataset.h"
#include "jobs/CustomRelease.h"
#include "jobs/DatasetSimulation.h"

namespace driftlab {

namespace {
const QDate kEpoch(1970, 1, 1);
}

ReleaseDialog::ReleaseDialog(const DriftDataset& dataset, double lon, double lat, int day,
                             QWidget* parent)
    : QDialog(parent), startDay_(dataset.startDay()) {
    setWindowTitle(tr("Release particles"));
    const Grid& g = dataset.grid();
    const DatasetSimulation sim = datasetSimulation(dataset);
    const int last = std::max(0, latestReleaseDay(dataset));
    auto* form = new QFormLayout(this);
    form->addRow(new QLabel(tr("The cloud is simulated with the dataset's currents and "
                               "simulator settings, and rolled out by the model if one is "
                               "loaded.")));
    lon_ = new QDoubleSpinBox;
    lon_->setObjectName("releaseLon");
    lon_->setRange(g.lonMin, g.lonMax());
    lon_->setDecimals(3);
    lon_->setSuffix(QString::fromUtf8(" \u00b0E"));
    lon_->setValue(lon);
    lat_ = new QDoubleSpinBox;
    lat_->setObjectName("releaseLat");
    lat_->setRange(g.latMin, g.latMax());
    lat_->setDecimals(3);
    lat_->setSuffix(QString::fromUtf8(" \u00b0N"));
    lat_->setValue(lat);
    date_ = new QDateEdit;
    date_->setObjectName("releaseDate");
    date_->setDisplayFormat("yyyy-MM-dd");
    date_->setCalendarPopup(true);
    date_->setDateRange(kEpoch.addDays(startDay_), kEpoch.addDays(startDay_ + last));
    date_->setDate(kEpoch.addDays(startDay_ + std::clamp(day, 0, last)));
    radius_ = new QDoubleSpinBox;
    radius_->setObjectName("releaseRadius");
    radius_->setRange(0.1, 500.0);
    radius_->setSuffix(" km");
    radius_->setValue(sim.radiusKm);
    particles_ = new QSpinBox;
    particles_->setObjectName("releaseParticles");
    particles_->setRange(1, 10'000'000);
    particles_->setGroupSeparatorShown(true);
    particles_->setValue(sim.particles);
    keep_ = new QCheckBox(tr("Keep the particles to draw them as dots"));
    keep_->setChecked(true);
    form->addRow(tr("Longitude"), lon_);
    form->addRow(tr("Latitude"), lat_);
    form->addRow(tr("Start date"), date_);
    form->addRow(tr("Radius"), radius_);
    form->addRow(tr("Particles"), particles_);
    form->addRow(keep_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Release"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

ReleaseSpec ReleaseDialog::spec() const {
    ReleaseSpec s;
    s.lon = lon_->value();
    s.lat = lat_->value();
    s.day = static_cast<int>(kEpoch.daysTo(date_->date())) - startDay_;
    s.radiusKm = radius_->value();
    s.particles = particles_->value();
    s.split = Split::Test;  // a new release was never trained on
    return s;
}

bool ReleaseDialog::keepParticles() const {
    return keep_->isChecked();
}

}  // namespace driftlab
