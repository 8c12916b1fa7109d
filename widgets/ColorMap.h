#pragma once
// A colour map from the cmocean tables shipped in resources/colormaps (MIT licence there):
// dense (densities), speed (current speed), balance and curl (signed quantities).
#include <QColor>
#include <QString>
#include <QStringList>
#include <array>
#include <vector>

namespace driftlab {

class ColorMap {
public:
    // Loads a built-in map by name; throws std::invalid_argument for an unknown name.
    static ColorMap builtin(const QString& name);
    static QStringList builtinNames();

    const QString& name() const { return name_; }
    int size() const { return static_cast<int>(rgb_.size()); }
    const std::vector<std::array<float, 3>>& table() const { return rgb_; }
    // Colour at t in [0, 1] (clamped), nearest table entry.
    QColor at(double t) const;

private:
    static ColorMap load(const QString& name);

    QString name_;
    std::vector<std::array<float, 3>> rgb_;
};

}  // namespace driftlab
