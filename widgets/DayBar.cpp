#include "DayBar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

namespace driftlab {

DayBar::DayBar(QWidget* parent) : QWidget(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    play_ = new QToolButton;
    play_->setCheckable(true);
    play_->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    play_->setToolTip(tr("Play / pause (Space)"));
    layout->addWidget(play_);
    slider_ = new QSlider(Qt::Horizontal);
    slider_->setTickPosition(QSlider::TicksBelow);
    slider_->setTickInterval(1);
    slider_->setPageStep(1);
    layout->addWidget(slider_, 1);
    label_ = new QLabel;
    label_->setMinimumWidth(260);
    layout->addWidget(label_);
    speed_ = new QComboBox;
    for (int s : {1, 2, 4, 8}) speed_->addItem(tr("%1 day/s").arg(s), s);
    speed_->setCurrentIndex(1);
    speed_->setToolTip(tr("Animation speed"));
    layout->addWidget(speed_);
    timer_ = new QTimer(this);
    auto setInterval = [this] { timer_->setInterval(1000 / speed_->currentData().toInt()); };
    setInterval();
    connect(speed_, &QComboBox::currentIndexChanged, this, setInterval);
    connect(timer_, &QTimer::timeout, this, [this] {
        setDay(slider_->value() >= slider_->maximum() ? 0 : slider_->value() + 1);  // loops
    });
    connect(play_, &QToolButton::toggled, this, &DayBar::setPlaying);
    connect(slider_, &QSlider::valueChanged, this, &DayBar::dayChanged);
}

void DayBar::setLastDay(int lastDay) {
    const QSignalBlocker block(slider_);
    slider_->setRange(0, std::max(0, lastDay));
}

int DayBar::day() const {
    return slider_->value();
}
void DayBar::setDay(int day) {
    slider_->setValue(day);
}
void DayBar::setLabel(const QString& text) {
    label_->setText(text);
}
bool DayBar::playing() const {
    return timer_->isActive();
}

void DayBar::setPlaying(bool on) {
    if (on) {
        timer_->start();
    } else {
        timer_->stop();
    }
    const QSignalBlocker block(play_);
    play_->setChecked(on);
    play_->setIcon(style()->standardIcon(on ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void DayBar::togglePlaying() {
    setPlaying(!playing());
}

void DayBar::stepDay(int delta) {
    setDay(std::clamp(day() + delta, 0, slider_->maximum()));
}

}  // namespace driftlab
