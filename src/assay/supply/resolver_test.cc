#include "assay/supply/resolver.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "assay/base/embedded.h"
#include "assay/kb/kb.h"
#include "assay/supply/montecarlo.h"
#include "assay/supply/scenario.h"
#include "assay/supply/test_network.h"

namespace assay::supply {
namespace {

bool near(double a, double b, double rel = 1e-6) { return std::fabs(a - b) <= rel * std::max(1.0, std::max(std::fabs(a), std::fabs(b))); }

Network shipped() { return testing::shipped_world().baseline; }

TEST(Resolver, ColdSolveMatchesGlpk) {
  Network net = testing::tiny_network();
  auto m = FlowModel::build(net);
  ASSERT_TRUE(m);
  auto glpk = (*m)->solve();
  ASSERT_TRUE(glpk);
  auto r = Resolver::create(**m);
  ASSERT_TRUE(r) << r.error().to_string();
  auto obj = (*r)->solve();
  ASSERT_TRUE(obj);
  EXPECT_TRUE(near(*obj, glpk->objective)) << *obj << " vs " << glpk->objective;
  for (std::size_t i = 0; i < net.nodes.size(); ++i)
    EXPECT_TRUE(near((*r)->throughput(static_cast<int>(i)), glpk->throughput[i])) << net.nodes[i].id;
}

// Same basic variables, and nonbasic ones at the same bound (a fixed
// variable's status may read either way).
bool same_vertex(const Basis& a, const Basis& b) {
  auto same = [](const std::vector<VarStatus>& x, const std::vector<VarStatus>& y) {
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i)
      if (x[i] != y[i] && x[i] != VarStatus::kFixed && y[i] != VarStatus::kFixed) return false;
    return true;
  };
  return same(a.rows, b.rows) && same(a.cols, b.cols);
}

double magnets(const Network& net, auto&& throughput) {
  double w = 0;
  for (std::size_t i = 0; i < net.nodes.size(); ++i)
    if (net.nodes[i].stage == Stage::kMagnet) w += throughput(static_cast<int>(i));
  return w;
}

// The compacted LP in CLP against the full LP in GLPK, as the Monte Carlo
// builds them (idle nodes pruned), on the baseline and every shipped
// scenario, for both objectives: same optimum (within 1e-8 relative: GLPK's
// own cold solves of the two forms differ by that much), same world magnet
// output.
TEST(Resolver, CompactLpAgreesWithGlpkOnBaselineAndShippedScenarios) {
  Network base = shipped();
  base::EmbeddedData data;
  std::vector<std::pair<std::string, Network>> nets{{"baseline", base}};
  for (const auto& f : data.list("scenarios/", ".yaml")) {
    auto sc = parse_scenario(*data.read(f), f);
    ASSERT_TRUE(sc) << sc.error().to_string();
    auto n = apply_scenario(base, *sc);
    ASSERT_TRUE(n) << n.error().to_string();
    nets.emplace_back(f, std::move(*n));
  }
  ASSERT_GE(nets.size(), 5u);
  {
    // Export licences for a share of China's output: rows that cap exports
    // at a share of production, which compaction must leave alone.
    auto sc = parse_scenario(*data.read("scenarios/china-april-2025-controls.yaml"), "controls", {{"licensed_share", 0.3}});
    ASSERT_TRUE(sc) << sc.error().to_string();
    auto n = apply_scenario(base, *sc);
    ASSERT_TRUE(n) << n.error().to_string();
    nets.emplace_back("china-april-2025-controls, licensed_share=0.3", std::move(*n));
  }
  // GLPK stops within its own tolerances (tol_dj, tol_bnd 1e-7): on the
  // full LP, with thrifted Dy and Tb made up by Nd and Pr, its optimum of the
  // ex-China objective sits 1.7e-8 (relative) below the compact LP's and
  // CLP's, which agree to 1e-12.
  constexpr double kSimplexTol = 1e-7;
  for (const auto& [name, net] : nets) {
    for (Objective o : {Objective::kMagnets, Objective::kMagnetsExChina}) {
      SolveOptions so;
      so.prune_idle = true;
      so.objective = o;
      auto full = FlowModel::build(net, so);
      so.compact = true;
      auto compact = FlowModel::build(net, so);
      ASSERT_TRUE(full && compact) << name;
      EXPECT_LT((*compact)->rows(), (*full)->rows());
      auto want = (*full)->solve();
      ASSERT_TRUE(want) << name;
      auto compact_obj = (*compact)->solve_objective_only();
      ASSERT_TRUE(compact_obj) << name;
      auto r = Resolver::create(**compact);
      ASSERT_TRUE(r) << name << ": " << r.error().to_string();
      auto got = (*r)->solve();
      ASSERT_TRUE(got) << name;
      EXPECT_TRUE(near(*compact_obj, want->objective, kSimplexTol)) << name << ": GLPK compact " << *compact_obj << " vs full " << want->objective;
      EXPECT_TRUE(near(*got, want->objective, kSimplexTol)) << name << ": CLP " << *got << " vs GLPK " << want->objective;
      double w = 0;
      for (std::size_t i = 0; i < net.nodes.size(); ++i)
        if (net.nodes[i].stage == Stage::kMagnet) w += want->throughput[i];
      EXPECT_TRUE(near(magnets(net, [&](int i) { return (*r)->throughput(i); }), w)) << name;
      EXPECT_TRUE(near(magnets(net, [&](int i) { return (*compact)->throughput(i); }), w)) << name;
    }
  }
}

// The Monte Carlo's draws on the shipped data, re-solved by CLP on the
// compacted LP and checked against it in GLPK: CLP's point is feasible there
// and as good as the optimum of the full LP (GLPK, re-solved independently
// from the previous draw's basis). The LP is nearly degenerate, so the two
// solvers' tolerances can pick different optimal vertices (the objective
// differing by ~1e-9 relative); handed CLP's basis, GLPK mostly keeps it
// (no pivot, no bound flip), and then reads the same flows off it.
TEST(Resolver, EveryDrawsOptimumIsOptimalForGlpk) {
  Network net = shipped();
  SolveOptions so;
  so.prune_idle = true;
  auto glpk = FlowModel::build(net, so);
  so.compact = true;
  auto check = FlowModel::build(net, so);
  ASSERT_TRUE(glpk && check);
  (void)(*glpk)->solve_objective_only();
  auto r = Resolver::create(**check);
  ASSERT_TRUE(r) << r.error().to_string();
  std::vector<double> base_avail = (*glpk)->available(), cap(base_avail.size());
  const int draws = 60;
  int accepted = 0;
  for (int d = 0; d < draws; ++d) {
    auto f = draw_factors(net, 3, d);
    for (std::size_t i = 0; i < cap.size(); ++i) cap[i] = base_avail[i] * f[i];
    (*r)->set_available(cap);
    auto clp_obj = (*r)->solve();
    ASSERT_TRUE(clp_obj) << clp_obj.error().to_string();
    (*glpk)->set_available(cap);
    auto glpk_obj = (*glpk)->solve_objective_only();
    ASSERT_TRUE(glpk_obj);
    // CLP's point in GLPK's LP (current bounds): feasible, and optimal.
    (*check)->set_available(cap);
    LpExport ex = (*check)->export_lp();
    const LinearProgram& lp = ex.lp;
    std::vector<double> x = (*r)->solution(), row(static_cast<std::size_t>(lp.rows), 0.0);
    ASSERT_EQ(x.size(), static_cast<std::size_t>(lp.cols));
    double obj = 0;
    for (int j = 0; j < lp.cols; ++j) {
      auto uj = static_cast<std::size_t>(j);
      obj += lp.objective[uj] * x[uj];
      EXPECT_GE(x[uj], lp.col_lower[uj] - 1e-6 * std::max(1.0, std::fabs(lp.col_lower[uj]))) << "draw " << d << " col " << j;
      EXPECT_LE(x[uj], lp.col_upper[uj] + 1e-6 * std::max(1.0, std::fabs(lp.col_upper[uj]))) << "draw " << d << " col " << j;
      for (int k = lp.col_start[uj]; k < lp.col_start[uj + 1]; ++k)
        row[static_cast<std::size_t>(lp.row_index[static_cast<std::size_t>(k)])] += lp.value[static_cast<std::size_t>(k)] * x[uj];
    }
    for (int i = 0; i < lp.rows; ++i) {
      auto ui = static_cast<std::size_t>(i);
      EXPECT_GE(row[ui], lp.row_lower[ui] - 1e-6 * std::max(1.0, std::fabs(lp.row_lower[ui]))) << "draw " << d << " row " << i;
      EXPECT_LE(row[ui], lp.row_upper[ui] + 1e-6 * std::max(1.0, std::fabs(lp.row_upper[ui]))) << "draw " << d << " row " << i;
    }
    EXPECT_TRUE(near(obj, *clp_obj, 1e-9)) << "draw " << d;
    EXPECT_TRUE(near(obj, *glpk_obj, 1e-8)) << "draw " << d << ": " << obj << " vs GLPK " << *glpk_obj;
    // CLP's basis handed to GLPK: where GLPK keeps it (no pivot, no bound
    // flip), it reads the same flows off it.
    const Basis given = (*r)->basis();
    (*check)->set_basis(given);
    auto again = (*check)->solve_objective_only();
    ASSERT_TRUE(again);
    if (!same_vertex(given, (*check)->basis())) continue;
    ++accepted;
    for (std::size_t i = 0; i < net.nodes.size(); ++i) {
      int n = static_cast<int>(i);
      EXPECT_TRUE(near((*r)->throughput(n), (*check)->throughput(n))) << "draw " << d << " " << net.nodes[i].id;
      for (int m = 0; m < kMagnetElements; ++m)
        EXPECT_TRUE(near((*r)->element_output(n, m), (*check)->element_output(n, m))) << "draw " << d << " " << net.nodes[i].id;
    }
  }
  EXPECT_GE(accepted, draws * 2 / 3);
}

}  // namespace
}  // namespace assay::supply
