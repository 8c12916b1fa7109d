#pragma once
// File > Open Recent: the last datasets opened (QSettings "recentFiles"), newest first.
#include <QObject>
#include <QString>
#include <functional>

class QMenu;

namespace driftlab {

class RecentFiles : public QObject {
    Q_OBJECT
public:
    // Fills `menu`; choosing an entry calls `open` with its path.
    RecentFiles(QMenu* menu, std::function<void(const QString&)> open);
    void remember(const QString& path);  // first in the list from now on

private:
    void update();

    QMenu* menu_;
    std::function<void(const QString&)> open_;
};

}  // namespace driftlab
