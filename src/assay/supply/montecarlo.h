// supply/montecarlo: uncertainty in the chain. Each draw gives every
// facility its year: an outage, a delay or a ramp shortfall happens with the
// probability the data set for its status and its country (kb/risks.csv),
// and takes the stated share of its capacity; the flow model (compacted,
// SolveOptions::compact) is then re-solved with CLP's dual simplex
// (resolver.h) from the basis of the draw solved just before it.
//
//   supply::MonteCarloOptions o{.draws = 5000, .seed = 42, .threads = 2};
//   auto r = supply::run_monte_carlo(net, o);
//   fmt::print("P50 ex-China magnets {} t, P(short of demand) {}\n",
//              r->magnets_ex_china.p50, r->p_shortfall);
//
// Draw i uses a random stream derived from (seed, i) alone, so the sampled
// capacities do not depend on the thread count; each thread takes a
// contiguous block of draws with its own LP, and solves them in an order
// that keeps consecutive draws' capacities close (fewer pivots), a function
// of the block's draws only. Results are rounded to 0.001 t, and are
// byte-identical for a given seed and thread count.
//
// The figures outside China are unique: world magnet output (the objective)
// leaves open how it divides between China and the rest, and the
// objective's tie-breaks (ModelParams::ex_china_*_preference) settle it in
// favour of the rest, so each draw reports the most plants outside China
// can make while the world makes its most. CLP runs with a dual tolerance of
// 1e-9 so that these small rewards are honoured (montecarlo_test.cc checks
// the optimal face of each draw).
#pragma once

#include <cstdint>
#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "assay/base/error.h"
#include "assay/supply/network.h"
#include "assay/supply/solver.h"

namespace assay::supply {

struct MonteCarloOptions {
  int draws = 1000;
  std::uint64_t seed = 1;
  int threads = 1;
  Objective objective = Objective::kMagnets;
  double demand = -1;  // ex-China magnets, t/yr; < 0 = the network's demand
  // Solve the draws the straightforward way: in draw order, each with GLPK
  // from the previous draw's basis (slow; tests and benchmarks compare the
  // default against it).
  bool reference = false;
  bool keep_draws = false;  // fill MonteCarloResult::per_draw
  // Called from the worker threads with the number of draws just solved
  // (a few at a time), for a progress bar; must be thread-safe.
  std::function<void(int)> on_draws;
  // When set and true, the workers stop after their current draw and the
  // run fails (ErrorCode::kUnsupported, "stopped"): a server stopping
  // does not wait for a long run. Read with relaxed ordering.
  const std::atomic<bool>* stop = nullptr;
};

// What one draw gave (t, rounded to 0.001 t as the distributions are).
struct DrawOutcome {
  int facilities_hit = 0;
  double objective = 0;  // the LP's, unrounded
  double magnets_world = 0, magnets_ex_china = 0, ndpr_ex_china = 0, dy_ex_china = 0, tb_ex_china = 0;
  // Magnets available to buyers outside China: made there plus China's
  // exports (trade.h: the customs figure x licensed share x China's output
  // in the draw against the network's without risks); 0 without trade data.
  double supply_ex_china = 0;
};

struct Distribution {
  double mean = 0, min = 0, p5 = 0, p10 = 0, p50 = 0, p90 = 0, p95 = 0, max = 0;
};

struct MonteCarloResult {
  int draws = 0;
  int threads = 1;
  std::uint64_t seed = 0;
  int year = 0;  // the model year of the network drawn on (0: not set)
  Distribution magnets_world, magnets_ex_china, ndpr_ex_china, dy_ex_china, tb_ex_china;
  // With trade data (kb/trade.csv, kb/demand.csv): magnets available outside
  // China, the use there (a kb figure, t magnet) and the share of draws in
  // which what is available falls below it.
  bool trade = false;
  Distribution supply_ex_china;
  double use_ex_china = 0;
  double p_use_not_met = 0;
  double demand = 0;       // reference level for ex-China magnets, t/yr (not demand; the JSON says reference_level)
  double p_shortfall = 0;  // share of draws with ex-China magnets < demand
  double mean_facilities_hit = 0;  // facilities with an event per draw
  double seconds = 0;      // wall time (not part of any deterministic output)
  double cpu_seconds = 0;  // CPU time of all threads (same)
  long long iterations = 0;  // simplex iterations over all draws
  std::vector<DrawOutcome> per_draw;  // by draw index, when keep_draws
};

base::Result<MonteCarloResult> run_monte_carlo(const Network& net, const MonteCarloOptions& options);

// The capacity factors of one draw (1.0 = unaffected), for tests.
std::vector<double> draw_factors(const Network& net, std::uint64_t seed, int draw);

}  // namespace assay::supply
