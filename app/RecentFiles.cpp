#include "RecentFiles.h"

#include <QMenu>
#include <QSettings>

namespace driftlab {

namespace {
constexpr int kMaxRecent = 8;
}

RecentFiles::RecentFiles(QMenu* menu, std::function<void(const QString&)> open)
    : QObject(menu), menu_(menu), open_(std::move(open)) {
    update();
}

void RecentFiles::remember(const QString& path) {
    QSettings settings;
    QStringList recent = settings.value("recentFiles").toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent) recent.removeLast();
    settings.setValue("recentFiles", recent);
    update();
}

void RecentFiles::update() {
    menu_->clear();
    const QStringList recent = QSettings().value("recentFiles").toStringList();
    for (const QString& path : recent) menu_->addAction(path, this, [this, path] { open_(path); });
    menu_->setEnabled(!recent.isEmpty());
}

}  // namespace driftlab
