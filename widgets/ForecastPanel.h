#pragma once
// Beside a forecast (a rollout or a new release): what it is, its progress (with Cancel), the
// time until its first day could be shown, and each metric per day of the model's rollout
// against the simulation next to persistence (day 0 held still): how fast the forecast
// degrades. Buttons to draw the particles, save the forecast as HDF5, and close it.
#include <QWidget>
#include <cstdint>
#include <memory>
#include <vector>

#include "stats/CloudGeometry.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace driftlab {

class PlotView;
struct Forecast;

class ForecastPanel : public QWidget {
    Q_OBJECT
public:
    explicit ForecastPanel(QWidget* parent = nullptr);

    // Shows `forecast` (null: none) as it is now; call again when it changes.
    // `grid` (of the ocean mask) gives the km metrics; a forecast of the same grid keeps its
    // geometry.
    void setForecast(const Forecast* forecast, const std::vector<std::uint8_t>& ocean,
                     const Grid* grid = nullptr);
    void setRunning(bool running);
    void setProgress(double fraction, const QString& stage);
    void setStatus(const QString& text);

    bool particlesWanted() const;
    PlotView* plot() const { return plot_; }
    QString titleText() const;
    QString statusText() const;

signals:
    void cancelRequested();
    void closeRequested();
    void exportRequested();
    void particlesToggled(bool on);

private:
    void redraw();

    QLabel* title_;
    QLabel* status_;
    QProgressBar* progress_;
    QPushButton* cancel_;
    QComboBox* metric_;
    PlotView* plot_;
    QCheckBox* particles_;
    QPushButton* export_;
    QPushButton* close_;
    const Forecast* forecast_ = nullptr;
    std::vector<std::uint8_t> ocean_;
    std::shared_ptr<const CloudGeometry> geometry_;
};

}  // namespace driftlab
