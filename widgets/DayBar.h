#pragma once
// The day slider over a release's output days, with play / pause (looping animation) and a
// speed setting in days per second.
#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;
class QTimer;
class QToolButton;

namespace driftlab {

class DayBar : public QWidget {
    Q_OBJECT
public:
    explicit DayBar(QWidget* parent = nullptr);
    void setLastDay(int lastDay);  // days 0..lastDay
    int day() const;
    void setDay(int day);
    void setLabel(const QString& text);
    bool playing() const;

public slots:
    void setPlaying(bool on);
    void togglePlaying();
    void stepDay(int delta);

signals:
    void dayChanged(int day);

private:
    QSlider* slider_;
    QLabel* label_;
    QToolButton* play_;
    QComboBox* speed_;
    QTimer* timer_;
};

}  // namespace driftlab
