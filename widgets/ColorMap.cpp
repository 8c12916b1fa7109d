#include "ColorMap.h"

#include <QFile>
#include <QTextStream>
#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>
#include <stdexcept>

// Resources of a static library must be registered explicitly, from the global namespace.
static void initDriftLabResources() {
    Q_INIT_RESOURCE(resources);
}

namespace driftlab {

QStringList ColorMap::builtinNames() {
    return {"dense", "speed", "balance", "curl", "amp"};
}

ColorMap ColorMap::builtin(const QString& name) {
    // Parsed once per name: views ask for their map on every sample.
    static std::mutex mutex;
    static std::map<QString, ColorMap> cache;
    std::lock_guard lock(mutex);
    if (const auto it = cache.find(name); it != cache.end()) return it->second;
    ColorMap loaded = load(name);
    cache.emplace(name, loaded);
    return loaded;
}

ColorMap ColorMap::load(const QString& name) {
    if (!builtinNames().contains(name)) {
        throw std::invalid_argument("unknown colour map '" + name.toStdString() + "'");
    }
    initDriftLabResources();
    QFile file(":/driftlab/colormaps/" + name + "-rgb.txt");
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        throw std::runtime_error("colour map resource missing: " + name.toStdString());
    }
    ColorMap map;
    map.name_ = name;
    QTextStream in(&file);
    while (!in.atEnd()) {
        const QStringList parts = in.readLine().split(' ', Qt::SkipEmptyParts);
        if (parts.size() != 3) continue;
        map.rgb_.push_back({parts[0].toFloat(), parts[1].toFloat(), parts[2].toFloat()});
    }
    if (map.rgb_.size() < 2)
        throw std::runtime_error("colour map resource damaged: " + name.toStdString());
    return map;
}

QColor ColorMap::at(double t) const {
    const double c = std::isfinite(t) ? std::clamp(t, 0.0, 1.0) : 0.0;
    const auto& e = rgb_[static_cast<std::size_t>(std::lround(c * (rgb_.size() - 1)))];
    return QColor::fromRgbF(e[0], e[1], e[2]);
}

}  // namespace driftlab
