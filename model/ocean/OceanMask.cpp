#include "ocean/OceanMask.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <string>

// resources/coast/nwmed_land_128.pbm, compiled in (cmake/EmbedFile.cmake).
extern const unsigned char driftlab_land_mask_pbm[];
extern const std::size_t driftlab_land_mask_pbm_size;

namespace driftlab {
namespace {

constexpr double kBuiltinLonMin = 2.0, kBuiltinLonMax = 10.0;
constexpr double kBuiltinLatMin = 41.0, kBuiltinLatMax = 45.0;
constexpr int kBuiltinCellsPerDegree = 128;

struct Bitmap {
    int width = 0, height = 0;
    std::vector<std::uint8_t> land;  // row 0 = north, 1 = land
};

// Parses a binary PBM (P4). The file is ours, but a damaged build must still fail clearly.
Bitmap parsePbm(const unsigned char* data, std::size_t size) {
    std::size_t pos = 0;
    auto fail = [](const char* why) {
        throw std::runtime_error(std::string("built-in land mask is damaged: ") + why);
    };
    auto skipSpaceAndComments = [&] {
        while (pos < size) {
            if (data[pos] == '#') {
                while (pos < size && data[pos] != '\n') ++pos;
            } else if (std::isspace(data[pos])) {
                ++pos;
            } else {
                break;
            }
        }
    };
    auto readInt = [&] {
        skipSpaceAndComments();
        int v = 0;
        bool any = false;
        while (pos < size && std::isdigit(data[pos])) {
            v = v * 10 + (data[pos++] - '0');
            any = true;
        }
        if (!any) fail("bad header");
        return v;
    };
    if (size < 2 || data[0] != 'P' || data[1] != '4') fail("not a P4 bitmap");
    pos = 2;
    Bitmap b;
    b.width = readInt();
    b.height = readInt();
    ++pos;  // the single whitespace before the raster
    const std::size_t rowBytes = (static_cast<std::size_t>(b.width) + 7) / 8;
    if (pos + rowBytes * b.height > size) fail("truncated raster");
    b.land.resize(static_cast<std::size_t>(b.width) * b.height);
    for (int r = 0; r < b.height; ++r) {
        const unsigned char* row = data + pos + r * rowBytes;
        for (int c = 0; c < b.width; ++c) {
            b.land[static_cast<std::size_t>(r) * b.width + c] = (row[c / 8] >> (7 - c % 8)) & 1u;
        }
    }
    return b;
}

const Bitmap& builtinBitmap() {
    static const Bitmap bitmap = parsePbm(driftlab_land_mask_pbm, driftlab_land_mask_pbm_size);
    return bitmap;
}

// 1-D squared Euclidean distance transform (Felzenszwalb & Huttenlocher) with sample spacing
// `step`: out[p] = min_q (step * (p - q))^2 + f[q].
void distanceTransform1d(const double* f, double* out, int n, double step, std::vector<int>& v,
                         std::vector<double>& z) {
    v.assign(n, 0);
    z.assign(n + 1, 0.0);
    const double s2 = step * step;
    int k = 0;
    v[0] = 0;
    z[0] = -std::numeric_limits<double>::infinity();
    z[1] = std::numeric_limits<double>::infinity();
    auto intersect = [&](int q, int r) {
        return ((f[q] + s2 * q * q) - (f[r] + s2 * r * r)) / (2.0 * s2 * (q - r));
    };
    for (int q = 1; q < n; ++q) {
        double s = intersect(q, v[k]);
        while (s <= z[k]) {  // z[0] is -inf, so this stops at k == 0
            --k;
            s = intersect(q, v[k]);
        }
        ++k;
        v[k] = q;
        z[k] = s;
        z[k + 1] = std::numeric_limits<double>::infinity();
    }
    k = 0;
    for (int p = 0; p < n; ++p) {
        while (z[k + 1] < p) ++k;
        const double d = step * (p - v[k]);
        out[p] = d * d + f[v[k]];
    }
}

}  // namespace

OceanMask::OceanMask(Grid grid, std::vector<std::uint8_t> ocean)
    : grid_(grid), ocean_(std::move(ocean)) {
    if (ocean_.size() != grid_.cellCount()) {
        throw std::invalid_argument("ocean mask: size does not match the grid");
    }
}

Grid OceanMask::builtinRegion() {
    return Grid::fromExtent(kBuiltinLonMin, kBuiltinLonMax, kBuiltinLatMin, kBuiltinLatMax,
                            1.0 / kBuiltinCellsPerDegree);
}

OceanMask OceanMask::builtinNorthWestMed(const Grid& grid) {
    constexpr double eps = 1e-9;
    if (grid.lonMin < kBuiltinLonMin - eps || grid.lonMax() > kBuiltinLonMax + eps ||
        grid.latMin < kBuiltinLatMin - eps || grid.latMax() > kBuiltinLatMax + eps) {
        throw std::invalid_argument("the built-in coastline covers 2-10 E, 41-45 N only");
    }
    if (grid.dLon < 1.0 / kBuiltinCellsPerDegree - eps ||
        grid.dLat < 1.0 / kBuiltinCellsPerDegree - eps) {
        throw std::invalid_argument(
            "the built-in coastline is 1/128 degree: use a resolution of "
            "at least 1/128 degree (0.0078125)");
    }
    const Bitmap& b = builtinBitmap();
    std::vector<std::uint8_t> ocean(grid.cellCount(), 0);
    const double cpd = kBuiltinCellsPerDegree;
    for (int j = 0; j < grid.ny; ++j) {
        // Fine rows whose centres fall in this cell (fine row 0 is the north edge).
        const double south = grid.latMin + j * grid.dLat, north = south + grid.dLat;
        const int r0 = static_cast<int>(std::ceil((kBuiltinLatMax - north) * cpd - 0.5 - eps));
        const int r1 = static_cast<int>(std::ceil((kBuiltinLatMax - south) * cpd - 0.5 - eps));
        for (int i = 0; i < grid.nx; ++i) {
            const double west = grid.lonMin + i * grid.dLon, east = west + grid.dLon;
            const int c0 = static_cast<int>(std::ceil((west - kBuiltinLonMin) * cpd - 0.5 - eps));
            const int c1 = static_cast<int>(std::ceil((east - kBuiltinLonMin) * cpd - 0.5 - eps));
            int total = 0, wet = 0;
            for (int r = std::max(r0, 0); r < std::min(r1, b.height); ++r) {
                for (int c = std::max(c0, 0); c < std::min(c1, b.width); ++c) {
                    ++total;
                    wet += b.land[static_cast<std::size_t>(r) * b.width + c] == 0;
                }
            }
            ocean[static_cast<std::size_t>(j) * grid.nx + i] = total > 0 && 2 * wet >= total;
        }
    }
    return OceanMask(grid, std::move(ocean));
}

bool OceanMask::isOceanAt(double lonDeg, double latDeg) const {
    if (!grid_.contains(lonDeg, latDeg)) return false;
    const int i = std::min(static_cast<int>((lonDeg - grid_.lonMin) / grid_.dLon), grid_.nx - 1);
    const int j = std::min(static_cast<int>((latDeg - grid_.latMin) / grid_.dLat), grid_.ny - 1);
    return isOcean(i, j);
}

std::size_t OceanMask::oceanCellCount() const {
    return static_cast<std::size_t>(std::count(ocean_.begin(), ocean_.end(), 1));
}

std::vector<double> OceanMask::distanceToLandM() const {
    const int nx = grid_.nx, ny = grid_.ny;
    constexpr double kFar = 1e30;
    std::vector<double> g(grid_.cellCount());
    std::vector<int> v;
    std::vector<double> z;
    // Pass 1: along each column (north-south spacing is the same everywhere).
    std::vector<double> col(ny), colOut(ny);
    for (int i = 0; i < nx; ++i) {
        for (int j = 0; j < ny; ++j) col[j] = isOcean(i, j) ? kFar : 0.0;
        distanceTransform1d(col.data(), colOut.data(), ny, grid_.cellHeightM(), v, z);
        for (int j = 0; j < ny; ++j) g[static_cast<std::size_t>(j) * nx + i] = colOut[j];
    }
    // Pass 2: along each row, with that row's east-west spacing.
    std::vector<double> out(grid_.cellCount());
    for (int j = 0; j < ny; ++j) {
        const std::size_t row = static_cast<std::size_t>(j) * nx;
        distanceTransform1d(g.data() + row, out.data() + row, nx, grid_.cellWidthM(j), v, z);
    }
    for (double& d : out) d = d >= kFar ? std::sqrt(kFar) : std::sqrt(d);
    return out;
}

}  // namespace driftlab
