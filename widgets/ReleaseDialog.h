#pragma once
// Asks where, when and how a new release is made (click-to-release): centre, start date (within
// the days whose currents cover every output day), radius and particle count, with the
// dataset's own values as defaults, and whether to keep the particles to draw them.
#include <QDialog>

#include "drift/Release.h"

class QCheckBox;
class QDateEdit;
class QDoubleSpinBox;
class QSpinBox;

namespace driftlab {

class DriftDataset;

class ReleaseDialog : public QDialog {
    Q_OBJECT
public:
    // `day`: the current-field day proposed (clamped to the possible ones).
    ReleaseDialog(const DriftDataset& dataset, double lon, double lat, int day,
                  QWidget* parent = nullptr);
    ReleaseSpec spec() const;  // spec.day: the current-field day of the chosen date
    bool keepParticles() const;

private:
    int startDay_ = 0;
    QDoubleSpinBox* lon_;
    QDoubleSpinBox* lat_;
    QDateEdit* date_;
    QDoubleSpinBox* radius_;
    QSpinBox* particles_;
    QCheckBox* keep_;
};

}  // namespace driftlab
