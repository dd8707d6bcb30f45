// supply/montecarlo: uncertainty in the chain. Each draw gives every
// facility its year: an outage, a delay or a ramp shortfall happens with the
// probability the data set for its status and its country (kb/risks.csv),
// and takes the stated share of its capacity; the flow model is then
// re-solved from the previous draw's basis (GLPK dual simplex, no presolve).
//
//   supply::MonteCarloOptions o{.draws = 5000, .seed = 42, .threads = 2};
//   auto r = supply::run_monte_carlo(net, o);
//   fmt::print("P50 ex-China magnets {} t, P(short of demand) {}\n",
//              r->magnets_ex_china.p50, r->p_shortfall);
//
// Draw i uses a random stream derived from (seed, i) alone, so the sampled
// capacities do not depend on the thread count; each thread solves a
// contiguous block of draws with its own GLPK problem. Results are rounded
// to 0.001 t, and are byte-identical for a given seed and thread count.
#pragma once

#include <cstdint>
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
};

struct Distribution {
  double mean = 0, min = 0, p5 = 0, p10 = 0, p50 = 0, p90 = 0, p95 = 0, max = 0;
};

struct MonteCarloResult {
  int draws = 0;
  int threads = 1;
  std::uint64_t seed = 0;
  Distribution magnets_world, magnets_ex_china, ndpr_ex_china, dy_ex_china, tb_ex_china;
  double demand = 0;       // ex-China magnets, t/yr
  double p_shortfall = 0;  // share of draws with ex-China magnets < demand
  double mean_facilities_hit = 0;  // facilities with an event per draw
  double seconds = 0;      // wall time (not part of any deterministic output)
};

base::Result<MonteCarloResult> run_monte_carlo(const Network& net, const MonteCarloOptions& options);

// The capacity factors of one draw (1.0 = unaffected), for tests.
std::vector<double> draw_factors(const Network& net, std::uint64_t seed, int draw);

}  // namespace assay::supply
