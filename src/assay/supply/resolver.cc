#include "assay/supply/resolver.h"

#include <ClpSimplex.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace assay::supply {

struct Resolver::Impl {
  ClpSimplex clp;
  std::vector<CapacitySlot> capacity;
  std::vector<std::vector<LpTerm>> throughput;
  std::vector<std::array<std::vector<LpTerm>, kMagnetElements>> magnet_element_output;
  std::vector<double> available;
};

namespace {

// CLP wants COIN_DBL_MAX for an absent bound.
double clp_bound(double b) {
  if (b == std::numeric_limits<double>::infinity()) return COIN_DBL_MAX;
  if (b == -std::numeric_limits<double>::infinity()) return -COIN_DBL_MAX;
  return b;
}

// startFinishOptions for ClpSimplex::dual/primal: 1 keeps the work arrays
// and the factorisation after the solve, 2 reuses the factorisation, 4 skips
// setting up what has not changed (only bounds change between solves).
constexpr int kKeepEverything = 1 | 2 | 4;

VarStatus from_clp(ClpSimplex::Status s) {
  switch (s) {
    case ClpSimplex::basic: return VarStatus::kBasic;
    case ClpSimplex::atUpperBound: return VarStatus::kAtUpper;
    case ClpSimplex::isFree:
    case ClpSimplex::superBasic: return VarStatus::kFree;
    case ClpSimplex::isFixed: return VarStatus::kFixed;
    case ClpSimplex::atLowerBound: break;
  }
  return VarStatus::kAtLower;
}

}  // namespace

Resolver::Resolver() : impl_(std::make_unique<Impl>()) {}
Resolver::~Resolver() = default;

base::Result<std::unique_ptr<Resolver>> Resolver::create(const FlowModel& model) {
  LpExport ex = model.export_lp();
  std::unique_ptr<Resolver> r(new Resolver());
  Impl& im = *r->impl_;
  const LinearProgram& p = ex.lp;
  auto bounds = [](std::vector<double> v) {
    for (double& b : v) b = clp_bound(b);
    return v;
  };
  std::vector<double> cl = bounds(p.col_lower), cu = bounds(p.col_upper), rl = bounds(p.row_lower), ru = bounds(p.row_upper);
  im.clp.setLogLevel(0);
  im.clp.loadProblem(p.cols, p.rows, p.col_start.data(), p.row_index.data(), p.value.data(), cl.data(), cu.data(),
                     p.objective.data(), rl.data(), ru.data());
  im.clp.setOptimizationDirection(-1);  // maximise
  // Unscaled: with CLP's automatic scaling, ~3% of re-solves end optimal
  // when scaled but not unscaled (secondary status 3) and need a clean-up;
  // unscaled, none do, and pivots are no dearer.
  im.clp.scaling(0);
  im.capacity = std::move(ex.capacity);
  im.throughput = std::move(ex.throughput);
  im.magnet_element_output = std::move(ex.magnet_element_output);
  im.available = model.available();
  im.clp.primal(0, kKeepEverything);
  r->iterations_ += im.clp.numberIterations();
  if (im.clp.status() != 0)
    return base::fail(base::Error::internal(fmt::format("CLP: cold solve ended with status {}", im.clp.status())));
  return r;
}

void Resolver::set_available(const std::vector<double>& available) {
  Impl& im = *impl_;
  for (std::size_t i = 0; i < available.size() && i < im.capacity.size(); ++i) {
    if (i < im.available.size() && im.available[i] == available[i]) continue;
    const CapacitySlot& c = im.capacity[i];
    double b = std::max(0.0, available[i]) * c.scale;
    switch (c.kind) {
      case CapacitySlot::kNone: break;
      case CapacitySlot::kRow: im.clp.setRowUpper(c.index, b); break;
      case CapacitySlot::kColumn: im.clp.setColumnUpper(c.index, b); break;
      case CapacitySlot::kSegments:
        for (int j = 0; j < c.count; ++j) im.clp.setColumnUpper(c.index + j, b / c.count);
        break;
    }
  }
  im.available = available;
}

base::Result<double> Resolver::solve() {
  ClpSimplex& clp = impl_->clp;
  // Only bounds changed, so the last basis is still dual feasible.
  clp.dual(0, kKeepEverything);
  iterations_ += clp.numberIterations();
  if (clp.status() == 0 && clp.secondaryStatus() != 0) {
    // Optimal, but with small infeasibilities left: clean up with the
    // primal simplex from this basis.
    clp.primal(0, kKeepEverything);
    iterations_ += clp.numberIterations();
  }
  if (clp.status() != 0) {
    // Numerical trouble: start again from the slack basis.
    clp.allSlackBasis(true);
    clp.dual(0, 0);
    iterations_ += clp.numberIterations();
    if (clp.status() != 0)
      return base::fail(base::Error::internal(fmt::format("CLP: re-solve ended with status {}", clp.status())));
  }
  return clp.objectiveValue();
}

double Resolver::throughput(int node) const {
  const double* x = impl_->clp.primalColumnSolution();
  double v = 0;
  for (const auto& t : impl_->throughput[static_cast<std::size_t>(node)]) v += t.coef * x[t.col];
  return v;
}

double Resolver::element_output(int node, int m) const {
  const double* x = impl_->clp.primalColumnSolution();
  double v = 0;
  for (const auto& t : impl_->magnet_element_output[static_cast<std::size_t>(node)][static_cast<std::size_t>(m)])
    v += t.coef * x[t.col];
  return v;
}

std::vector<double> Resolver::solution() const {
  const ClpSimplex& clp = impl_->clp;
  return {clp.getColSolution(), clp.getColSolution() + clp.numberColumns()};
}

double Resolver::utilisation(int node) const {
  const ClpSimplex& clp = impl_->clp;
  const CapacitySlot& c = impl_->capacity[static_cast<std::size_t>(node)];
  double used = 0, bound = 0;
  switch (c.kind) {
    case CapacitySlot::kNone: break;
    case CapacitySlot::kRow:
      used = clp.getRowActivity()[c.index];
      bound = clp.getRowUpper()[c.index];
      break;
    case CapacitySlot::kColumn:
    case CapacitySlot::kSegments:
      for (int j = 0; j < (c.kind == CapacitySlot::kColumn ? 1 : c.count); ++j) {
        used += clp.getColSolution()[c.index + j];
        bound += clp.getColUpper()[c.index + j];
      }
      break;
  }
  return bound > 0 && bound < COIN_DBL_MAX ? std::clamp(used / bound, 0.0, 1.0) : 0.0;
}

Basis Resolver::basis() const {
  const ClpSimplex& clp = impl_->clp;
  Basis b;
  b.rows.resize(static_cast<std::size_t>(clp.numberRows()));
  b.cols.resize(static_cast<std::size_t>(clp.numberColumns()));
  for (int i = 0; i < clp.numberRows(); ++i) b.rows[static_cast<std::size_t>(i)] = from_clp(clp.getRowStatus(i));
  for (int j = 0; j < clp.numberColumns(); ++j) b.cols[static_cast<std::size_t>(j)] = from_clp(clp.getColumnStatus(j));
  return b;
}

}  // namespace assay::supply
