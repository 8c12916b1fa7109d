#pragma once
// The settings of a new training run (the training panel's form): epochs, batch size, learning
// rate, UNet width, loss, recipe, threads, device, mixed precision, seed and the run folder,
// as a TrainingConfig and back. Settings the form does not show (weight decay, warm-up, ...)
// keep the values last set.
#include <QGroupBox>
#include <QList>

#include "learn/TrainingConfig.h"

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace driftlab {

class TrainingForm : public QGroupBox {
    Q_OBJECT
public:
    explicit TrainingForm(QWidget* parent = nullptr);

    // The form's values over the last set configuration.
    TrainingConfig config() const;
    void setConfig(const TrainingConfig& config);
    bool learningRateValid() const;

    // The run folder field: what is typed (trimmed), and the placeholder for an empty field.
    QString runFolderText() const;
    void setRunFolderText(const QString& path);
    void setRunFolderPlaceholder(const QString& text);

    // Disabled while a run trains.
    void setEditable(bool editable);

signals:
    void learningRateEdited();
    void chooseRunFolderClicked();

private:
    TrainingConfig base_;  // settings not on the form
    QSpinBox* epochs_;
    QSpinBox* batchSize_;
    QLineEdit* learningRate_;
    QSpinBox* width_;
    QComboBox* loss_;
    QComboBox* recipe_;  // hybrid / research / seed (TrainingRecipe)
    QSpinBox* threads_;
    QComboBox* device_;
    QCheckBox* mixedPrecision_;
    QSpinBox* seed_;
    QLineEdit* runFolder_;
    QToolButton* chooseFolder_;
    QList<QWidget*> fields_;
};

}  // namespace driftlab
