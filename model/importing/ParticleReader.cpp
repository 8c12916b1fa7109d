#include "importing/ParticleReader.h"

#include <algorithm>
#include <cmath>

#include "core/Text.h"
#include "importing/SourcePoints.h"
#include "importing/TrajectoryLayout.h"
#include "netcdf/CfValues.h"

namespace driftlab {

using nc::File;
using State = ParticleState;

namespace {

// Positions of one particle 0, 1, 2, ... days after its first valid observation.
void sampleParticle(const double* lon, const double* lat, const double* t, const double* status,
                    std::size_t obs, double fileEnd, const TrajectoryLayout& L, int maxDays,
                    ImportedParticle& p, bool& any) {
    std::vector<std::size_t> valid;
    for (std::size_t k = 0; k < obs; ++k)
        if (std::isfinite(lon[k]) && std::isfinite(lat[k]) && std::isfinite(t[k]))
            valid.push_back(k);
    any = !valid.empty();
    if (!any) return;
    p.startDay = t[valid.front()];
    p.lon0 = lon[valid.front()];
    p.lat0 = lat[valid.front()];
    const auto statusAt = [&](std::size_t k) {
        if (!status || !std::isfinite(status[k])) return State::Active;
        const int s = static_cast<int>(status[k]);
        if (s == L.strandedValue) return State::Beached;
        if (std::find(L.goneValues.begin(), L.goneValues.end(), s) != L.goneValues.end())
            return State::Gone;
        return State::Active;
    };
    const std::size_t last = valid.back();
    for (int d = 0; d <= maxDays; ++d) {
        const double T = p.startDay + d;
        State st;
        double lo, la;
        if (T > fileEnd + kSameTimeDays) {
            st = State::Unknown;
            lo = la = 0;
        } else if (T > t[last] + kSameTimeDays) {
            // After its last observation: stranded particles stay on the coast, others left.
            st = statusAt(last) == State::Beached ? State::Beached : State::Gone;
            lo = lon[last];
            la = lat[last];
        } else {
            auto it = std::lower_bound(valid.begin(), valid.end(), T - kSameTimeDays,
                                       [&](std::size_t k, double x) { return t[k] < x; });
            const std::size_t k1 = *it;
            if (std::abs(t[k1] - T) <= kSameTimeDays || it == valid.begin()) {
                lo = lon[k1];
                la = lat[k1];
                st = statusAt(k1);
            } else {
                const std::size_t k0 = *(it - 1);
                const double w = (T - t[k0]) / (t[k1] - t[k0]);
                lo = lon[k0] + w * (wrapDelta(lon[k1], lon[k0]));
                la = lat[k0] + w * (lat[k1] - lat[k0]);
                st = statusAt(k0);
            }
            if (st == State::Gone) lo = la = 0;
        }
        p.lon.push_back(static_cast<float>(lo));
        p.lat.push_back(static_cast<float>(la));
        p.state.push_back(st);
    }
}

// The times of a 1-D time axis as days (t1), and the file's last time.
void fileTimes(const File& f, const TrajectoryLayout& L, std::vector<double>& t1, double& fileEnd) {
    const std::size_t P = L.lon.shape[L.pDim];
    fileEnd = -1e300;
    if (!L.time2D) {
        t1 = f.read(L.time);
        CfValues(f, L.time).decode(t1);
        for (double& x : t1)
            if (std::isfinite(x)) {
                x = L.cf.toDays(x);
                fileEnd = std::max(fileEnd, x);
            }
    } else {
        for (std::size_t p0 = 0; p0 < P; p0 += kTrajectoryChunk) {
            const auto t =
                readTrajectoryRows(f, L.time, L.pDim, p0, std::min(kTrajectoryChunk, P - p0));
            for (double x : t)
                if (std::isfinite(x)) fileEnd = std::max(fileEnd, L.cf.toDays(x));
        }
    }
}

// Each particle's ensemble value (the first non-missing one of a 2-D variable).
std::vector<double> ensembleValues(const File& f, const TrajectoryLayout& L) {
    const std::size_t P = L.lon.shape[L.pDim];
    std::vector<double> ens;
    if (L.ensemble) {
        if (L.ensemble->rank() == 1) {
            ens = f.read(*L.ensemble);
        } else {
            ens.assign(P, std::nan(""));
            for (std::size_t p0 = 0; p0 < P; p0 += kTrajectoryChunk) {
                const std::size_t n = std::min(kTrajectoryChunk, P - p0);
                const auto e = readTrajectoryRows(f, *L.ensemble, 0, p0, n);
                for (std::size_t p = 0; p < n; ++p)
                    for (std::size_t k = 0; k < L.ensemble->shape[1] && std::isnan(ens[p0 + p]);
                         ++k)
                        ens[p0 + p] = e[p * L.ensemble->shape[1] + k];
            }
        }
    }
    return ens;
}

}  // namespace

double wrapDelta(double a, double b) {
    return wrapLongitude(a, b) - b;
}

int ImportedParticle::coveredDays() const {
    int d = -1;
    for (std::size_t k = 0; k < state.size() && state[k] != State::Unknown; ++k)
        d = static_cast<int>(k);
    return d;
}

ParticleSet readParticles(const std::vector<File>& files, const TrajectoryImportOptions& o,
                          const JobControl& control, std::vector<std::string>& notes) {
    ParticleSet S;
    const int maxDays = o.outputDays.value_or(3650);
    for (std::size_t fi = 0; fi < files.size(); ++fi) {
        const File& f = files[fi];
        const TrajectoryLayout L = detectTrajectoryLayout(f, o.ensembleVar);
        S.kind = S.kind.empty() || S.kind == L.kind ? L.kind : "several kinds";
        S.byEnsemble = L.ensemble.has_value();
        const std::size_t P = L.lon.shape[L.pDim], O = L.lon.shape[L.oDim];
        std::vector<double> t1;
        double fileEnd = 0;
        fileTimes(f, L, t1, fileEnd);
        const std::vector<double> ens = ensembleValues(f, L);
        std::size_t empty = 0;
        for (std::size_t p0 = 0; p0 < P; p0 += kTrajectoryChunk) {
            control.throwIfStopped();
            const std::size_t n = std::min(kTrajectoryChunk, P - p0);
            const auto lon = readTrajectoryRows(f, L.lon, L.pDim, p0, n);
            const auto lat = readTrajectoryRows(f, L.lat, L.pDim, p0, n);
            std::vector<double> t2, st;
            if (L.time2D) {
                t2 = readTrajectoryRows(f, L.time, L.pDim, p0, n);
                for (double& x : t2)
                    if (std::isfinite(x)) x = L.cf.toDays(x);
            }
            if (L.status) st = readTrajectoryRows(f, *L.status, L.pDim, p0, n);
            for (std::size_t p = 0; p < n; ++p) {
                ImportedParticle part;
                bool any = false;
                const double* tp = L.time2D ? t2.data() + p * O : t1.data();
                // Sample only the days this particle's file can cover.
                int days = maxDays;
                for (std::size_t k = 0; k < O; ++k)
                    if (std::isfinite(lon[p * O + k]) && std::isfinite(tp[k])) {
                        days = std::min(
                            days, static_cast<int>(std::floor(fileEnd - tp[k] + kSameTimeDays)));
                        break;
                    }
                sampleParticle(lon.data() + p * O, lat.data() + p * O, tp,
                               L.status ? st.data() + p * O : nullptr, O, fileEnd, L,
                               std::max(days, 0), part, any);
                if (!any) {
                    ++empty;
                    continue;
                }
                part.ensemble = ens.empty() ? 0.0 : ens[p0 + p];
                S.particles.push_back(std::move(part));
            }
            control.report(0.5 * (fi + static_cast<double>(p0 + n) / P) / files.size(),
                           "reading trajectories");
        }
        if (empty > 0)
            notes.push_back(fileName(f.path()) + ": " + std::to_string(empty) +
                            " trajectories without a single valid position were skipped");
    }
    return S;
}

}  // namespace driftlab
