#include "ocean/Streamlines.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <optional>
#include <stdexcept>

namespace driftlab {

namespace {

struct MapPoint {
    double x = 0, y = 0;  // x = lon * cos(mid-latitude), y = lat
    float speed = 0;
};

struct Direction {
    double dx = 0, dy = 0;  // unit vector on the map
    float speed = 0;        // m/s
};

// The field on the map: unit directions and speeds anywhere in the domain.
class MapField {
public:
    MapField(const Grid& g, const std::vector<float>& u, const std::vector<float>& v,
             const std::vector<std::uint8_t>& ocean, double minSpeed)
        : g_(g),
          u_(u),
          v_(v),
          ocean_(ocean),
          minSpeed_(minSpeed),
          kx_(std::cos(0.5 * (g.latMin + g.latMax()) * kDegToRad)) {}

    double kx() const { return kx_; }

    // Empty outside the domain, on land, or where the current is too weak to follow.
    std::optional<Direction> at(double x, double y) const {
        const double lon = x / kx_, lat = y;
        if (!g_.contains(lon, lat)) return std::nullopt;
        const int ci = std::clamp(static_cast<int>((lon - g_.lonMin) / g_.dLon), 0, g_.nx - 1);
        const int cj = std::clamp(static_cast<int>((lat - g_.latMin) / g_.dLat), 0, g_.ny - 1);
        if (!isOcean(ci, cj)) return std::nullopt;
        // Bilinear between cell centres, clamped at the edges.
        const double fi = (lon - g_.lonMin) / g_.dLon - 0.5, fj = (lat - g_.latMin) / g_.dLat - 0.5;
        const int i0 = std::clamp(static_cast<int>(std::floor(fi)), 0, g_.nx - 1);
        const int j0 = std::clamp(static_cast<int>(std::floor(fj)), 0, g_.ny - 1);
        const int i1 = std::min(i0 + 1, g_.nx - 1), j1 = std::min(j0 + 1, g_.ny - 1);
        const double ti = std::clamp(fi - i0, 0.0, 1.0), tj = std::clamp(fj - j0, 0.0, 1.0);
        double uu = 0, vv = 0;
        const auto add = [&](int i, int j, double w) {
            if (!isOcean(i, j)) return;  // land is still water
            const std::size_t c = static_cast<std::size_t>(j) * g_.nx + i;
            uu += w * u_[c];
            vv += w * v_[c];
        };
        add(i0, j0, (1 - ti) * (1 - tj));
        add(i1, j0, ti * (1 - tj));
        add(i0, j1, (1 - ti) * tj);
        add(i1, j1, ti * tj);
        const double speed = std::hypot(uu, vv);
        if (!(speed >= minSpeed_)) return std::nullopt;
        // On the map an eastward current of u m/s moves x by u / cos(lat) * kx (times the same
        // factor as y): the flow on the sphere, drawn in the map's aspect.
        const double dx = uu * kx_ / std::cos(lat * kDegToRad), dy = vv;
        const double norm = std::hypot(dx, dy);
        return Direction{dx / norm, dy / norm, static_cast<float>(speed)};
    }

private:
    bool isOcean(int i, int j) const {
        return ocean_.empty() || ocean_[static_cast<std::size_t>(j) * g_.nx + i] != 0;
    }

    const Grid& g_;
    const std::vector<float>& u_;
    const std::vector<float>& v_;
    const std::vector<std::uint8_t>& ocean_;
    double minSpeed_;
    double kx_;
};

// Points of the lines drawn so far, bucketed by position on a flat grid over the domain, for
// "is anything closer than r".
class PointIndex {
public:
    PointIndex(double x0, double y0, double x1, double y1, double cellSize)
        : x0_(x0),
          y0_(y0),
          cell_(cellSize),
          nx_(static_cast<long>(std::ceil((x1 - x0) / cellSize)) + 1),
          ny_(static_cast<long>(std::ceil((y1 - y0) / cellSize)) + 1),
          buckets_(static_cast<std::size_t>(nx_ * ny_)) {}

    void add(const MapPoint& p, int line, double arc) {
        const long i = bucketX(p.x), j = bucketY(p.y);
        if (i < 0 || j < 0 || i >= nx_ || j >= ny_) return;  // never: points are in the domain
        buckets_[static_cast<std::size_t>(j * nx_ + i)].push_back({p.x, p.y, line, arc});
    }
    void dropLine(int line) {
        if (static_cast<std::size_t>(line) >= dropped_.size()) dropped_.resize(line + 1, false);
        dropped_[static_cast<std::size_t>(line)] = true;
    }
    // True if a point of another line, or of `line` more than `lag` away along it, is within r.
    bool near(double x, double y, double r, int line, double arc, double lag) const {
        const long bx = bucketX(x), by = bucketY(y);
        const long reach = static_cast<long>(std::ceil(r / cell_));
        for (long j = std::max(0L, by - reach); j <= std::min(ny_ - 1, by + reach); ++j) {
            for (long i = std::max(0L, bx - reach); i <= std::min(nx_ - 1, bx + reach); ++i) {
                for (const Entry& e : buckets_[static_cast<std::size_t>(j * nx_ + i)]) {
                    if (isDropped(e.line)) continue;
                    if (e.line == line && std::abs(e.arc - arc) <= lag) continue;
                    const double ex = e.x - x, ey = e.y - y;
                    if (ex * ex + ey * ey < r * r) return true;
                }
            }
        }
        return false;
    }

private:
    struct Entry {
        double x, y;
        int line;
        double arc;
    };
    long bucketX(double x) const { return static_cast<long>(std::floor((x - x0_) / cell_)); }
    long bucketY(double y) const { return static_cast<long>(std::floor((y - y0_) / cell_)); }
    bool isDropped(int line) const {
        return static_cast<std::size_t>(line) < dropped_.size() &&
               dropped_[static_cast<std::size_t>(line)];
    }

    double x0_, y0_, cell_;
    long nx_, ny_;
    std::vector<std::vector<Entry>> buckets_;
    std::vector<bool> dropped_;
};

}  // namespace

std::vector<Streamline> evenlySpacedStreamlines(const Grid& grid, const std::vector<float>& u,
                                                const std::vector<float>& v,
                                                const std::vector<std::uint8_t>& ocean,
                                                const StreamlineOptions& o) {
    if (grid.nx < 1 || grid.ny < 1 || u.size() != grid.cellCount() ||
        v.size() != grid.cellCount() || (!ocean.empty() && ocean.size() != grid.cellCount()))
        throw std::invalid_argument("streamlines: the currents do not match the grid");
    if (!(o.separationCells > 0) || !(o.stepCells > 0) || o.stepCells >= o.separationCells ||
        o.maxPointsPerLine < 2 || !(o.minSpeed >= 0))
        throw std::invalid_argument(
            "streamlines: the separation and step must be positive, the step the smaller");

    const MapField field(grid, u, v, ocean, o.minSpeed);
    const double sep = o.separationCells * grid.dLat;  // map units
    const double test = 0.5 * sep;                     // lines stop this close to another
    const double step = o.stepCells * grid.dLat;
    const double lag = 2.0 * sep;  // a line may come back near itself only after this much arc
    PointIndex index(grid.lonMin * field.kx(), grid.latMin, grid.lonMax() * field.kx(),
                     grid.latMax(), test);

    // Midpoint (RK2) step along the unit direction field; empty where the line must end.
    const auto advance = [&](const MapPoint& p, double h) -> std::optional<MapPoint> {
        const auto d1 = field.at(p.x, p.y);
        if (!d1) return std::nullopt;
        const auto d2 = field.at(p.x + 0.5 * h * d1->dx, p.y + 0.5 * h * d1->dy);
        if (!d2) return std::nullopt;
        const double x = p.x + h * d2->dx, y = p.y + h * d2->dy;
        const auto d3 = field.at(x, y);
        if (!d3) return std::nullopt;
        return MapPoint{x, y, d3->speed};
    };

    std::vector<Streamline> lines;
    std::deque<MapPoint> queue;  // seeds one separation away from the lines drawn
    // Where no line has reached yet (an area cut off by land, say): a regular lattice.
    std::vector<MapPoint> lattice;
    for (double y = grid.latMin + 0.5 * sep; y < grid.latMax(); y += sep)
        for (double x = grid.lonMin * field.kx() + 0.5 * sep; x < grid.lonMax() * field.kx();
             x += sep)
            lattice.push_back({x, y, 0});
    std::size_t latticeNext = 0;
    int lineId = 0;

    while (true) {
        MapPoint seed;
        if (!queue.empty()) {
            seed = queue.front();
            queue.pop_front();
        } else if (latticeNext < lattice.size()) {
            seed = lattice[latticeNext++];
        } else {
            break;
        }
        const auto d = field.at(seed.x, seed.y);
        // A seed at least (nearly) one separation from every line: a seed set beside a curved
        // line is a little closer than that to the line's other points.
        if (!d || index.near(seed.x, seed.y, 0.9 * sep, -1, 0, 0)) continue;
        seed.speed = d->speed;

        const int id = lineId++;
        index.add(seed, id, 0);
        std::vector<MapPoint> backward, forward;
        for (const int direction : {-1, 1}) {
            auto& out = direction < 0 ? backward : forward;
            MapPoint p = seed;
            double arc = 0;
            while (static_cast<int>(out.size()) < o.maxPointsPerLine / 2) {
                const auto next = advance(p, direction * step);
                if (!next) break;
                arc += direction * step;
                if (index.near(next->x, next->y, test, id, arc, lag)) break;
                out.push_back(*next);
                index.add(*next, id, arc);
                p = *next;
            }
        }
        const double length = step * static_cast<double>(backward.size() + forward.size());
        if (length < o.minLengthCells * grid.dLat) {
            index.dropLine(id);
            continue;
        }
        std::vector<MapPoint> points(backward.rbegin(), backward.rend());
        points.push_back(seed);
        points.insert(points.end(), forward.begin(), forward.end());

        Streamline line;
        line.length = length;
        line.lon.reserve(points.size());
        line.lat.reserve(points.size());
        line.speed.reserve(points.size());
        for (const MapPoint& p : points) {
            line.lon.push_back(p.x / field.kx());
            line.lat.push_back(p.y);
            line.speed.push_back(p.speed);
        }
        lines.push_back(std::move(line));

        // New seeds one separation to either side, about every separation along the line.
        const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(sep / step));
        for (std::size_t k = 0; k + 1 < points.size(); k += every) {
            const double tx = points[k + 1].x - points[k].x, ty = points[k + 1].y - points[k].y;
            const double n = std::hypot(tx, ty);
            if (n <= 0) continue;
            for (const double side : {-1.0, 1.0})
                queue.push_back(
                    {points[k].x - side * sep * ty / n, points[k].y + side * sep * tx / n, 0});
        }
    }
    return lines;
}

}  // namespace driftlab
