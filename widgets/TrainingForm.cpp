#include "TrainingForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleValidator>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <algorithm>
#include <limits>

namespace driftlab {

namespace {

QString formatLearningRate(double lr) {
    return QString::number(lr, 'g', 6);
}

}  // namespace

TrainingForm::TrainingForm(QWidget* parent) : QGroupBox(tr("Settings of a new run"), parent) {
    // Two columns of label + field, to leave the height to the plots.
    auto* grid = new QGridLayout(this);
    grid->setHorizontalSpacing(8);
    grid->setVerticalSpacing(4);
    epochs_ = new QSpinBox;
    epochs_->setObjectName("epochs");
    epochs_->setRange(1, 100000);
    epochs_->setToolTip(tr("Number of passes over the training split"));
    batchSize_ = new QSpinBox;
    batchSize_->setObjectName("batchSize");
    batchSize_->setRange(1, 4096);
    learningRate_ = new QLineEdit;
    learningRate_->setObjectName("learningRate");
    auto* lrValidator = new QDoubleValidator(1e-8, 9.999, 10, learningRate_);
    lrValidator->setNotation(QDoubleValidator::ScientificNotation);
    lrValidator->setLocale(QLocale::c());
    learningRate_->setValidator(lrValidator);
    learningRate_->setToolTip(
        tr("Peak learning rate (AdamW, after a linear warm-up, then a cosine decay); 2e-3 is "
           "accepted"));
    width_ = new QSpinBox;
    width_->setObjectName("width");
    width_->setRange(1, 256);
    width_->setToolTip(
        tr("Base width of the UNet (channels of the first level; the seed's "
           "UNet uses 64). The cost grows with its square."));
    loss_ = new QComboBox;
    loss_->setObjectName("loss");
    loss_->addItem(tr("MAE"), static_cast<int>(LossKind::Mae));
    loss_->addItem(tr("MSE"), static_cast<int>(LossKind::Mse));
    recipe_ = new QComboBox;
    recipe_->setObjectName("recipe");
    recipe_->addItem(tr("Hybrid: correct the advection"), QStringLiteral("hybrid"));
    recipe_->addItem(tr("Research: 5 channels, on persistence"), QStringLiteral("research"));
    recipe_->addItem(tr("Seed: 3 channels, on persistence"), QStringLiteral("seed"));
    recipe_->setToolTip(tr(
        "Hybrid (the default): the network sees the currents of day t and t+1, the density and "
        "its numerical advection, and learns the correction to the advection. Research: "
        "UncertainDrift's inputs (currents of day t and t+1, density), predicting the change "
        "from day t. Seed: the seed's u, v, density, predicting the change. Research and seed "
        "start as persistence and keep their MAE: on data the size of the demo they stay "
        "there; with the MSE loss they learn (docs/training.md)."));
    threads_ = new QSpinBox;
    threads_->setObjectName("threads");
    threads_->setRange(0, 1024);
    threads_->setSpecialValueText(tr("all cores"));
    threads_->setToolTip(tr("Torch threads for the model's arithmetic"));
    device_ = new QComboBox;
    device_->setObjectName("device");
    device_->addItem(tr("Auto"), static_cast<int>(DeviceChoice::Auto));
    device_->addItem(tr("CPU"), static_cast<int>(DeviceChoice::Cpu));
    device_->addItem(tr("CUDA GPU"), static_cast<int>(DeviceChoice::Cuda));
    device_->setToolTip(
        tr("Where the model trains. Auto: a CUDA GPU when this build's LibTorch and the machine "
           "have one (the log says which), else the CPU. Debian's LibTorch has no CUDA "
           "(docs/scaling.md)."));
    mixedPrecision_ = new QCheckBox(tr("&Mixed precision"));
    mixedPrecision_->setObjectName("mixedPrecision");
    mixedPrecision_->setToolTip(
        tr("bfloat16 autocast of the forward pass on a CUDA GPU: faster, less memory; ignored "
           "on the CPU"));
    connect(device_, &QComboBox::currentIndexChanged, this, [this] {
        const bool cpu = device_->currentData().toInt() == static_cast<int>(DeviceChoice::Cpu);
        mixedPrecision_->setEnabled(!cpu && device_->isEnabled());
        if (cpu) mixedPrecision_->setChecked(false);
    });
    seed_ = new QSpinBox;
    seed_->setObjectName("seed");
    seed_->setRange(0, std::numeric_limits<int>::max());
    seed_->setToolTip(tr("Initial weights and shuffling: the same seed gives the same run"));
    runFolder_ = new QLineEdit;
    runFolder_->setObjectName("runFolder");
    runFolder_->setClearButtonEnabled(true);
    runFolder_->setToolTip(
        tr("Where the new run writes config.json, history.csv and its checkpoints. Empty: a new "
           "folder named after the dataset and the time."));
    chooseFolder_ = new QToolButton;
    chooseFolder_->setText("...");
    chooseFolder_->setToolTip(tr("Choose the run folder"));

    auto addPair = [grid](int row, int column, const QString& label, QWidget* field) {
        auto* l = new QLabel(label);
        l->setBuddy(field);
        grid->addWidget(l, row, column * 2);
        grid->addWidget(field, row, column * 2 + 1);
    };
    addPair(0, 0, tr("&Epochs"), epochs_);
    addPair(0, 1, tr("&Batch size"), batchSize_);
    addPair(1, 0, tr("Learning &rate"), learningRate_);
    addPair(1, 1, tr("UNet &width"), width_);
    addPair(2, 0, tr("&Loss"), loss_);
    addPair(2, 1, tr("&Threads"), threads_);
    addPair(3, 0, tr("See&d"), seed_);
    addPair(3, 1, tr("Re&cipe"), recipe_);
    addPair(4, 0, tr("De&vice"), device_);
    grid->addWidget(mixedPrecision_, 4, 2, 1, 2);
    // Choosing a recipe also chooses its loss (the user may change the loss after).
    connect(recipe_, &QComboBox::currentIndexChanged, this, [this] {
        const QString name = recipe_->currentData().toString();
        if (name == QStringLiteral("custom")) return;
        const TrainingRecipe r = recipeFromName(name.toStdString());
        loss_->setCurrentIndex(loss_->findData(static_cast<int>(r.loss)));
    });
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(runFolder_, 1);
    folderRow->addWidget(chooseFolder_);
    auto* folderLabel = new QLabel(tr("Run &folder"));
    folderLabel->setBuddy(runFolder_);
    grid->addWidget(folderLabel, 5, 0);
    grid->addLayout(folderRow, 5, 1, 1, 3);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(3, 1);
    fields_ = {epochs_,  batchSize_, learningRate_,   width_, loss_,      recipe_,
               threads_, device_,    mixedPrecision_, seed_,  runFolder_, chooseFolder_};
    connect(learningRate_, &QLineEdit::textChanged, this, &TrainingForm::learningRateEdited);
    connect(chooseFolder_, &QToolButton::clicked, this, &TrainingForm::chooseRunFolderClicked);
    setConfig(TrainingConfig());
}

bool TrainingForm::learningRateValid() const {
    return learningRate_->hasAcceptableInput();
}

QString TrainingForm::runFolderText() const {
    return runFolder_->text().trimmed();
}

void TrainingForm::setRunFolderText(const QString& path) {
    runFolder_->setText(path);
}

void TrainingForm::setRunFolderPlaceholder(const QString& text) {
    runFolder_->setPlaceholderText(text);
}

void TrainingForm::setEditable(bool editable) {
    for (QWidget* w : fields_) w->setEnabled(editable);
}

TrainingConfig TrainingForm::config() const {
    TrainingConfig c = base_;
    c.epochs = epochs_->value();
    c.batchSize = batchSize_->value();
    bool ok = false;
    const double lr = QLocale::c().toDouble(learningRate_->text().trimmed(), &ok);
    if (ok) c.learningRate = lr;
    c.width = width_->value();
    c.loss = static_cast<LossKind>(loss_->currentData().toInt());
    // A custom run (from the command line) keeps its own inputs, anchor and advection.
    if (recipe_->currentData().toString() != QStringLiteral("custom")) {
        const TrainingRecipe r = recipeFromName(recipe_->currentData().toString().toStdString());
        c.inputs = r.inputs;
        c.anchor = r.anchor;
        c.advection = r.advection;
    }
    c.threads = threads_->value();
    c.device = static_cast<DeviceChoice>(device_->currentData().toInt());
    c.mixedPrecision = mixedPrecision_->isChecked() && c.device != DeviceChoice::Cpu;
    c.seed = static_cast<std::uint64_t>(seed_->value());
    return c;
}

void TrainingForm::setConfig(const TrainingConfig& c) {
    base_ = c;
    epochs_->setValue(c.epochs);
    batchSize_->setValue(c.batchSize);
    learningRate_->setText(formatLearningRate(c.learningRate));
    width_->setValue(c.width);
    const QString recipe = QString::fromStdString(c.recipeName());
    if (recipe_->findData(recipe) < 0) recipe_->addItem(tr("Custom (its own inputs)"), recipe);
    {
        const QSignalBlocker keepLoss(recipe_);  // the run's own loss, not the recipe's
        recipe_->setCurrentIndex(recipe_->findData(recipe));
    }
    loss_->setCurrentIndex(loss_->findData(static_cast<int>(c.loss)));
    threads_->setValue(c.threads);
    device_->setCurrentIndex(device_->findData(static_cast<int>(c.device)));
    mixedPrecision_->setChecked(c.mixedPrecision);
    seed_->setValue(static_cast<int>(
        std::min<std::uint64_t>(c.seed, static_cast<std::uint64_t>(seed_->maximum()))));
}

}  // namespace driftlab
