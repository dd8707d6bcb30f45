#include "assay/supply/resolver.h"

#include <ClpSimplex.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace assay::supply {

struct Resolver::Impl {
  ClpSimplex clp;
  int lp_cols = 0;              // columns of the FlowModel's LP
  std::vector<int> clp_column;  // per LP column: CLP's, or -1 (left out)
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
  // Columns fixed at zero in no row (what SolveOptions::compact merged
  // away) are left out: they would only lengthen CLP's loops.
  im.lp_cols = p.cols;
  im.clp_column.assign(static_cast<std::size_t>(p.cols), -1);
  std::vector<int> start{0}, index;
  std::vector<double> value, cl, cu, obj;
  for (int j = 0; j < p.cols; ++j) {
    auto uj = static_cast<std::size_t>(j);
    const int b = p.col_start[uj], e = p.col_start[uj + 1];
    if (b == e && p.col_lower[uj] == 0 && p.col_upper[uj] == 0) continue;
    im.clp_column[uj] = static_cast<int>(cl.size());
    for (int k = b; k < e; ++k) {
      index.push_back(p.row_index[static_cast<std::size_t>(k)]);
      value.push_back(p.value[static_cast<std::size_t>(k)]);
    }
    start.push_back(static_cast<int>(index.size()));
    cl.push_back(clp_bound(p.col_lower[uj]));
    cu.push_back(clp_bound(p.col_upper[uj]));
    obj.push_back(p.objective[uj]);
  }
  std::vector<double> rl(p.row_lower), ru(p.row_upper);
  for (double& b : rl) b = clp_bound(b);
  for (double& b : ru) b = clp_bound(b);
  im.clp.setLogLevel(0);
  im.clp.loadProblem(static_cast<int>(cl.size()), p.rows, start.data(), index.data(), value.data(), cl.data(), cu.data(), obj.data(),
                     rl.data(), ru.data());
  im.clp.setOptimizationDirection(-1);  // maximise
  // Unscaled: with CLP's automatic scaling, ~3% of re-solves end optimal
  // when scaled but not unscaled (secondary status 3) and need a clean-up;
  // unscaled, none do, and pivots are no dearer.
  im.clp.scaling(0);
  // The ex-China tie-breaks are worth 1e-3 per t against throughput rewards
  // of 1e-4: with CLP's default dual tolerance (1e-7) about 2% of draws
  // stopped at a vertex a few 1e-4 short of the optimum, with Dy and Tb
  // outside China off by up to 180 t. At 1e-9 none do, with no measurable
  // cost in time (docs/PERFORMANCE.md).
  im.clp.setDualTolerance(1e-9);
  auto remap = [&](const std::vector<LpTerm>& terms) {
    std::vector<LpTerm> out;
    for (const LpTerm& t : terms)
      if (int c = im.clp_column[static_cast<std::size_t>(t.col)]; c >= 0) out.push_back({c, t.coef});
    return out;
  };
  im.capacity = std::move(ex.capacity);
  for (CapacitySlot& c : im.capacity) {
    if (c.kind != CapacitySlot::kColumn && c.kind != CapacitySlot::kSegments) continue;
    const int first = im.clp_column[static_cast<std::size_t>(c.index)];
    const int count = c.kind == CapacitySlot::kColumn ? 1 : c.count;
    if (first < 0 || im.clp_column[static_cast<std::size_t>(c.index + count - 1)] != first + count - 1)
      return base::fail(base::Error::internal("CLP: a capacity column was left out of the LP"));
    c.index = first;
  }
  for (const auto& terms : ex.throughput) im.throughput.push_back(remap(terms));
  for (const auto& per_element : ex.magnet_element_output) {
    auto& out = im.magnet_element_output.emplace_back();
    for (int m = 0; m < kMagnetElements; ++m) out[static_cast<std::size_t>(m)] = remap(per_element[static_cast<std::size_t>(m)]);
  }
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
  const Impl& im = *impl_;
  std::vector<double> x(static_cast<std::size_t>(im.lp_cols), 0.0);
  for (std::size_t j = 0; j < x.size(); ++j)
    if (int c = im.clp_column[j]; c >= 0) x[j] = im.clp.getColSolution()[c];
  return x;
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
  const Impl& im = *impl_;
  Basis b;
  b.rows.resize(static_cast<std::size_t>(im.clp.numberRows()));
  b.cols.assign(static_cast<std::size_t>(im.lp_cols), VarStatus::kFixed);
  for (int i = 0; i < im.clp.numberRows(); ++i) b.rows[static_cast<std::size_t>(i)] = from_clp(im.clp.getRowStatus(i));
  for (std::size_t j = 0; j < b.cols.size(); ++j)
    if (int c = im.clp_column[j]; c >= 0) b.cols[j] = from_clp(im.clp.getColumnStatus(c));
  return b;
}

}  // namespace assay::supply
