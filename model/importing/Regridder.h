#pragma once
// Moves a field from the points of a model's grid (SourcePoints) onto DriftLab's regular
// lon/lat grid with precomputed weights. On a target grid coarser than the source (by more than
// 1.5 times) a cell that holds two or more source points takes their average; any other cell
// is interpolated bilinearly
// from the four points around its centre (inverse bilinear map inside the grid's quadrilaterals
// for curvilinear grids). Missing source values (NaN: land, fill) get no weight and the others
// are renormalised, so no value is ever made up from land; a cell with no valid source value
// comes out NaN. Cells outside the source grid have no weights at all.
#include <cstdint>
#include <vector>

#include "importing/SourcePoints.h"
#include "ocean/Grid.h"

namespace driftlab {

class Regridder {
public:
    Regridder(const SourcePoints& source, const Grid& target);

    // `values`: source.size() numbers (NaN = missing). Writes target.cellCount() values to out.
    // validFraction (optional): the share of each cell's weight that had a valid value (0 where
    // the cell has no weights).
    void apply(const std::vector<double>& values, std::vector<double>& out,
               std::vector<double>* validFraction = nullptr) const;
    // True where the target cell has any source weight (inside the source grid).
    bool covered(std::size_t cell) const { return start_[cell + 1] > start_[cell]; }
    std::size_t coveredCount() const;

private:
    struct Weight {
        std::uint32_t source;
        float w;
    };
    std::vector<std::uint32_t> start_;  // CSR rows: cell -> [start_[c], start_[c + 1])
    std::vector<Weight> weights_;
};

}  // namespace driftlab
