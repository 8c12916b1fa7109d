#include "CoastlineLayer.h"

#include <vtkCellArray.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>

#include <QFile>
#include <QRegularExpression>
#include <QStringList>
#include <QTextStream>
#include <utility>

namespace driftlab {

namespace {

// The GSHHG shoreline shipped as a resource: polylines of (lon, lat).
const std::vector<std::vector<std::pair<double, double>>>& builtinCoastline() {
    static const auto lines = [] {
        std::vector<std::vector<std::pair<double, double>>> out;
        QFile file(":/driftlab/coast/nwmed_coastline.txt");
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) return out;
        QTextStream in(&file);
        while (!in.atEnd()) {
            const QString line = in.readLine().trimmed();
            if (line.startsWith('#') || line.isEmpty()) continue;
            if (line.startsWith('>')) {
                out.emplace_back();
                continue;
            }
            const QStringList parts = line.split(QRegularExpression("\\s+"), Qt::SkipEmptyParts);
            if (parts.size() < 2) continue;
            if (out.empty()) out.emplace_back();
            out.back().emplace_back(parts[0].toDouble(), parts[1].toDouble());
        }
        return out;
    }();
    return lines;
}

}  // namespace

void CoastlineLayer::setGrid(const Grid& g, const std::vector<std::uint8_t>& ocean, double kx) {
    if (actor_) decorations_->RemoveActor(actor_);
    auto points = Ptr<vtkPoints>::New();
    auto lines = Ptr<vtkCellArray>::New();
    const double eps = 1e-9;
    for (const auto& line : builtinCoastline()) {
        std::vector<vtkIdType> ids;
        auto flush = [&] {
            if (ids.size() >= 2)
                lines->InsertNextCell(static_cast<vtkIdType>(ids.size()), ids.data());
            ids.clear();
        };
        for (const auto& [lon, lat] : line) {
            if (lon < g.lonMin - eps || lon > g.lonMax() + eps || lat < g.latMin - eps ||
                lat > g.latMax() + eps) {
                flush();
                continue;
            }
            ids.push_back(points->InsertNextPoint(lon * kx, lat, 0.05));
        }
        flush();
    }
    if (lines->GetNumberOfCells() == 0 && ocean.size() == g.cellCount()) {
        auto edge = [&](double ax, double ay, double bx, double by) {
            const vtkIdType ids[2] = {points->InsertNextPoint(ax * kx, ay, 0.05),
                                      points->InsertNextPoint(bx * kx, by, 0.05)};
            lines->InsertNextCell(2, ids);
        };
        const auto wet = [&](int i, int j) {
            return ocean[static_cast<std::size_t>(j) * g.nx + i] != 0;
        };
        for (int j = 0; j < g.ny; ++j)
            for (int i = 0; i < g.nx; ++i) {
                const double x = g.lonMin + (i + 1) * g.dLon, y = g.latMin + (j + 1) * g.dLat;
                if (i + 1 < g.nx && wet(i, j) != wet(i + 1, j)) edge(x, y - g.dLat, x, y);
                if (j + 1 < g.ny && wet(i, j) != wet(i, j + 1)) edge(x - g.dLon, y, x, y);
            }
    }
    auto coast = Ptr<vtkPolyData>::New();
    coast->SetPoints(points);
    coast->SetLines(lines);
    actor_ = lineActor(coast, 0.05, 0.05, 0.05, 1.2);
    decorations_->AddActor(actor_);
}

void CoastlineLayer::applyVisibility() {
    if (actor_) actor_->SetVisibility(visible_);
}

}  // namespace driftlab
